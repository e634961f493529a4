// The "area" of a student's namespace: an empty folder made here (outside), over which process 1
// of the namespace mounts a size-limited tmpfs (ns_init.py). Inside, it holds the checker's work
// folder (TMPDIR: every scenario copy, where programs run) and the /tmp and home of the programs'
// wall (src/python/inject/tprc_sandbox.py). It lives in /dev/shm when there is one: its path must
// not lie under /tmp or /home, which the wall mounts over.
import { closeSync, constants, fstatSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

export const AREA_ENV = 'TPRC_SANDBOX_AREA';

/** Outside: a new empty folder for one namespace (removed with `removeArea` once it has ended). */
export function makeArea(): string {
  let base = tmpdir();
  try {
    if (statSync('/dev/shm').isDirectory()) base = '/dev/shm';
  } catch {
    // no /dev/shm: the wall refuses an area under /tmp, and the programs run without it
  }
  return mkdtempSync(join(base, 'tp-reseau-ns-'));
}

export function removeArea(area: string): void {
  rmSync(area, { recursive: true, force: true });
}

/** Inside the namespace: the area mounted by process 1, if any. */
export function currentArea(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[AREA_ENV] || undefined;
}

/** Inside: scenario copies go to the area's work folder (the only folder programs may write besides /tmp). */
export function useAreaForTemp(area: string): void {
  process.env.TMPDIR = join(area, 'work');
}

/**
 * Inside, between two students of a kept namespace (their processes are already killed): nothing
 * the previous student's programs wrote stays for the next one.
 */
export function wipeArea(area: string): void {
  for (const sub of ['work', 'tmp', 'home']) {
    const dir = join(area, sub);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) rmSync(join(dir, n), { recursive: true, force: true });
  }
}

/**
 * Read a file of a program's folder (its source, to quote the line it is blocked on) as the checker,
 * who sees everything: a program may have replaced the file, or its copy's folder, by a symlink to
 * any path of the checker's view (reference/...). A file under the area's work folder is read only
 * if what was opened is really there (checked on the open descriptor: no race) and is a plain file.
 */
export function readProgramFile(file: string, area = currentArea()): string {
  const work = area ? join(area, 'work') + sep : undefined;
  if (!work || !file.startsWith(work)) return readFileSync(file, 'utf8');
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = readlinkSync(`/proc/self/fd/${fd}`);
    if (!opened.startsWith(realpathSync(work) + sep) || !fstatSync(fd).isFile()) throw new Error(`not a program's file: ${file}`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
