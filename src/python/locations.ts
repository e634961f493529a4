// Where Thonny keeps its bundled Python on each OS. Pure given a DiscoveryFs: the paths are built
// with the target platform's path rules (path.win32 / path.posix), so every layout is testable here.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The little of the file system that discovery needs (injectable for tests). */
export interface DiscoveryFs {
  isFile(p: string): boolean;
  /** entry names of a directory; [] when it does not exist */
  list(dir: string): string[];
}

export const realFs: DiscoveryFs = {
  isFile(p) {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** An environment variable, case-insensitive on Windows (where `Path` and `PATH` are the same). */
export function envVar(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (env[name]) return env[name];
  if (platform !== 'win32') return undefined;
  const lower = name.toLowerCase();
  const key = Object.keys(env).find((k) => k.toLowerCase() === lower);
  return key ? env[key] || undefined : undefined;
}

/** Every place Thonny's installer puts its python.exe on Windows, most likely first (existing or not). */
export function windowsThonnyPaths(env: NodeJS.ProcessEnv): string[] {
  const w = path.win32;
  const get = (n: string) => envVar(env, n, 'win32');
  const local = get('LOCALAPPDATA') ?? (get('USERPROFILE') ? w.join(get('USERPROFILE')!, 'AppData', 'Local') : undefined);
  const drive = get('SystemDrive') ?? 'C:';
  const dirs = [
    // per-user install (the default when the student has no administrator rights)
    local && w.join(local, 'Programs', 'Thonny'),
    // all-users installs
    w.join(get('ProgramFiles') ?? get('ProgramW6432') ?? `${drive}\\Program Files`, 'Thonny'),
    w.join(get('ProgramFiles(x86)') ?? `${drive}\\Program Files (x86)`, 'Thonny'),
  ];
  return unique(dirs.filter((d): d is string => !!d).map((d) => w.join(d, 'python.exe')));
}

/** Thonny.app's framework interpreters on macOS, newest version first (only those that exist). */
export function macThonnyPaths(env: NodeJS.ProcessEnv, fs: DiscoveryFs): string[] {
  const p = path.posix;
  const apps = ['/Applications', env.HOME && p.join(env.HOME, 'Applications')].filter((d): d is string => !!d);
  const out: string[] = [];
  for (const a of apps) {
    const versions = p.join(a, 'Thonny.app', 'Contents', 'Frameworks', 'Python.framework', 'Versions');
    const names = fs.list(versions).filter((v) => /^\d+(\.\d+)*$/.test(v)).sort(compareVersionsDesc);
    for (const v of names) out.push(p.join(versions, v, 'bin', 'python3'));
  }
  return out;
}

/** Thonny's Linux installer (thonny-*.bash) puts its own Python in ~/apps/thonny. */
export function linuxThonnyPaths(env: NodeJS.ProcessEnv): string[] {
  return env.HOME ? [path.posix.join(env.HOME, 'apps', 'thonny', 'bin', 'python3')] : [];
}

/** Thonny interpreters that exist on this machine, in the order to try them. */
export function thonnyCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, fs: DiscoveryFs): string[] {
  const all =
    platform === 'win32' ? windowsThonnyPaths(env) : platform === 'darwin' ? macThonnyPaths(env, fs) : linuxThonnyPaths(env);
  return all.filter((f) => fs.isFile(f));
}

function compareVersionsDesc(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (y[i] ?? 0) - (x[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}
