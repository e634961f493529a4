import { execFile } from 'node:child_process';

export interface PythonInfo {
  /** the real interpreter (sys.executable): spawning it directly skips shims such as pyenv's (~50 ms each) */
  path: string;
  version: string;
  /** how it was found, e.g. 'PYTHON', '--python', 'python3' */
  source: string;
}

export interface Candidate {
  file: string;
  args: string[];
  source: string;
}

export const MIN_VERSION: readonly [number, number] = [3, 8];

/** Interpreters to try, in order (pure: unit-tested for every platform). */
export function pythonCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, explicit?: string): Candidate[] {
  const list: Candidate[] = [];
  if (explicit) list.push({ file: explicit, args: [], source: '--python' });
  else if (env.PYTHON) list.push({ file: env.PYTHON, args: [], source: 'PYTHON' });
  if (list.length) return list; // an explicit choice is never silently replaced
  list.push({ file: 'python3', args: [], source: 'python3' }, { file: 'python', args: [], source: 'python' });
  if (platform === 'win32') list.push({ file: 'py', args: ['-3'], source: 'py -3' });
  return list;
}

export class PythonNotFoundError extends Error {
  readonly code = 'python-not-found';
  readonly tried: string[];
  readonly tooOld?: string;
  constructor(tried: string[], tooOld?: string) {
    super(`no Python >= ${MIN_VERSION.join('.')} found (tried: ${tried.join(', ')})`);
    this.name = 'PythonNotFoundError';
    this.tried = tried;
    this.tooOld = tooOld;
  }
}

const PROBE = 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])';

function probe(c: Candidate): Promise<{ path: string; version: string } | undefined> {
  return new Promise((resolve) => {
    execFile(c.file, [...c.args, '-c', PROBE], { timeout: 15_000, windowsHide: true }, (err, stdout) => {
      if (err) return resolve(undefined);
      const [path, version] = stdout.trim().split(/\r?\n/);
      resolve(path && version ? { path: path.trim(), version: version.trim() } : undefined);
    });
  });
}

export function versionAtLeast(version: string, min: readonly [number, number] = MIN_VERSION): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

const cache: Map<string, Promise<PythonInfo>> = new Map();

/** Find a Python >= 3.8 once per checker process and resolve its real executable. */
export function findPython(explicit?: string, platform = process.platform, env = process.env): Promise<PythonInfo> {
  const key = explicit ?? env.PYTHON ?? '';
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const candidates = pythonCandidates(platform, env, explicit);
      let tooOld: string | undefined;
      for (const c of candidates) {
        const r = await probe(c);
        if (!r) continue;
        if (!versionAtLeast(r.version)) {
          tooOld ??= `${r.path} (${r.version})`;
          continue;
        }
        return { path: r.path || c.file, version: r.version, source: c.source };
      }
      throw new PythonNotFoundError(candidates.map((c) => [c.file, ...c.args].join(' ')), tooOld);
    })();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
