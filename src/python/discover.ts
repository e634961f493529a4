// Which Python runs the student's programs: the one asked for, else the first usable one on PATH,
// else Thonny's own interpreter (what most students actually have). Everything that depends on the
// machine (files, environment, platform, running a candidate) is injectable, so the Windows and
// macOS layouts are unit-tested on any OS.
import { execFile } from 'node:child_process';
import { thonnyCandidates, realFs, type DiscoveryFs } from './locations.js';

export type { DiscoveryFs } from './locations.js';

export interface PythonInfo {
  /** the real interpreter (sys.executable): spawning it directly skips shims such as pyenv's (~50 ms each) */
  path: string;
  version: string;
  /** how it was found: '--python', 'PYTHON', 'python3', 'python', 'py -3', 'thonny' */
  source: string;
}

export interface Candidate {
  file: string;
  args: string[];
  source: string;
}

export const MIN_VERSION: readonly [number, number] = [3, 8];

/**
 * Interpreters to try, in order (pure given `fs`: unit-tested for every platform).
 * An explicit choice (--python, then PYTHON) is never silently replaced by another interpreter.
 */
export function pythonCandidates(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  explicit?: string,
  fs: DiscoveryFs = realFs,
): Candidate[] {
  if (explicit) return [{ file: explicit, args: [], source: '--python' }];
  if (env.PYTHON) return [{ file: env.PYTHON, args: [], source: 'PYTHON' }];
  const list: Candidate[] = [
    { file: 'python3', args: [], source: 'python3' },
    { file: 'python', args: [], source: 'python' },
  ];
  if (platform === 'win32') list.push({ file: 'py', args: ['-3'], source: 'py -3' });
  for (const file of thonnyCandidates(platform, env, fs)) list.push({ file, args: [], source: 'thonny' });
  return list;
}

export class PythonNotFoundError extends Error {
  readonly code = 'python-not-found';
  readonly tried: string[];
  readonly tooOld?: string;
  /** the user asked for this interpreter (--python or PYTHON) and it did not work */
  readonly explicit?: string;
  constructor(tried: string[], tooOld?: string, explicit?: string) {
    super(`no Python >= ${MIN_VERSION.join('.')} found (tried: ${tried.join(', ')})`);
    this.name = 'PythonNotFoundError';
    this.tried = tried;
    this.tooOld = tooOld;
    this.explicit = explicit;
  }
}

// Works on Python 2 too (so that a too old interpreter is reported as such, not as missing).
// PYTHONIOENCODING below keeps a path with accents (C:\Users\Élève\...) intact through the pipe:
// without it, Windows Python writes a piped stdout in the ANSI code page, not UTF-8.
const PROBE = 'import sys; print(sys.executable); print("%d.%d.%d" % tuple(sys.version_info[:3]))';

export type Probe = (c: Candidate, env: NodeJS.ProcessEnv) => Promise<{ path: string; version: string } | undefined>;

/** Parse the probe's output: the executable on the first line, the version on the second. */
export function parseProbeOutput(stdout: string): { path: string; version: string } | undefined {
  const [path, version] = stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  if (!version || !/^\d+\.\d+\.\d+$/.test(version.trim())) return undefined;
  return { path: (path ?? '').trim(), version: version.trim() };
}

/** The environment a probe runs in: UTF-8 output, no user startup file, no stray PYTHONHOME. */
export function probeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' };
  delete out.PYTHONSTARTUP;
  delete out.PYTHONHOME;
  return out;
}

export const execProbe: Probe = (c, env) =>
  new Promise((resolve) => {
    // `env` also decides where a bare name (python3) is looked up: its PATH.
    execFile(c.file, [...c.args, '-c', PROBE], { timeout: 15_000, windowsHide: true, env: probeEnv(env) }, (err, stdout) => {
      resolve(err ? undefined : parseProbeOutput(String(stdout)));
    });
  });

export function versionAtLeast(version: string, min: readonly [number, number] = MIN_VERSION): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

export interface DiscoveryDeps {
  fs?: DiscoveryFs;
  probe?: Probe;
}

/** Try the candidates in order; the first Python >= 3.8 wins. No cache: see findPython. */
export async function discoverPython(
  explicit: string | undefined,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  deps: DiscoveryDeps = {},
): Promise<PythonInfo> {
  const probe = deps.probe ?? execProbe;
  const candidates = pythonCandidates(platform, env, explicit, deps.fs ?? realFs);
  let tooOld: string | undefined;
  for (const c of candidates) {
    const r = await probe(c, env);
    if (!r) continue;
    if (!versionAtLeast(r.version)) {
      tooOld ??= `${r.path || c.file} (${r.version})`;
      continue;
    }
    return { path: r.path || c.file, version: r.version, source: c.source };
  }
  const chosen = explicit ?? env.PYTHON;
  throw new PythonNotFoundError(candidates.map(describeCandidate), tooOld, chosen || undefined);
}

export function describeCandidate(c: Candidate): string {
  return [c.file, ...c.args].join(' ');
}

const cache: Map<string, Promise<PythonInfo>> = new Map();

/** Find a Python >= 3.8 once per checker process (per choice) and resolve its real executable. */
export function findPython(explicit?: string, platform = process.platform, env = process.env): Promise<PythonInfo> {
  const key = JSON.stringify([explicit ?? '', env.PYTHON ?? '', env.PATH ?? env.Path ?? '', platform]);
  let found = cache.get(key);
  if (!found) {
    found = discoverPython(explicit, platform, env);
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
