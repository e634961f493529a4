import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The command that kills a whole process tree on Windows (pure, unit-tested on every OS).
 * taskkill is named by its full path under %SystemRoot% when known: a student's PATH may hold
 * anything, and spawning a bare name would search the current folder first on Windows.
 */
export function windowsTreeKillCommand(pid: number, env: NodeJS.ProcessEnv = process.env): { file: string; args: string[] } {
  if (!Number.isInteger(pid) || pid <= 0) throw new RangeError(`not a process id: ${pid}`);
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  const file = root ? path.win32.join(root, 'System32', 'taskkill.exe') : 'taskkill';
  return { file, args: ['/PID', String(pid), '/T', '/F'] };
}

/** POSIX: the signals to send, in order: the process group (negative pid), then the leader itself. */
export function posixKillTargets(pid: number): number[] {
  if (!Number.isInteger(pid) || pid <= 0) throw new RangeError(`not a process id: ${pid}`);
  return [-pid, pid];
}

/**
 * Linux: the processes descending from `pid` right now, from /proc/<pid>/task/<tid>/children (one
 * file per thread: a thread's children are listed under it). Empty elsewhere or when unreadable.
 * It finds the children that left the process group (start_new_session, setsid), which the group
 * signal misses.
 */
export function linuxDescendants(
  pid: number,
  list: (dir: string) => string[] = (d) => readdirSync(d),
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): number[] {
  const out: number[] = [];
  const seen = new Set([pid]);
  const queue = [pid];
  while (queue.length > 0 && out.length < 10_000) {
    const p = queue.shift()!;
    let tids: string[];
    try {
      tids = list(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      let text: string;
      try {
        text = read(`/proc/${p}/task/${tid}/children`);
      } catch {
        continue;
      }
      for (const c of text.split(/\s+/).filter(Boolean).map(Number)) {
        if (Number.isInteger(c) && c > 0 && !seen.has(c)) {
          seen.add(c);
          out.push(c);
          queue.push(c);
        }
      }
    }
  }
  return out;
}

/** Linux: is `pid` alive and the leader of its own process group (as the runs are spawned)? */
function leadsOwnGroup(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state !== 'Z' && Number(pgrp) === pid;
  } catch {
    return false;
  }
}

/**
 * Kill a process and everything it started. POSIX: the child leads its own process group
 * (spawned detached), so a negative pid reaches the group, grandchildren included. Windows:
 * taskkill /T walks the tree. Only ever called with pids this checker started.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform): void {
  // 0 or a negative number would reach this checker's own process group: never.
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (platform === 'win32') {
    const { file, args } = windowsTreeKillCommand(pid);
    spawnSync(file, args, { stdio: 'ignore', windowsHide: true });
    return;
  }
  // Read the tree before the first signal: once a parent dies, its children are reparented and lost.
  // Only from a live group leader: a pid already reaped may since belong to someone else.
  const descendants = platform === 'linux' && leadsOwnGroup(pid) ? linuxDescendants(pid) : [];
  for (const target of [...posixKillTargets(pid), ...descendants]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const live = new Set<number>();
let exitHooked = false;

/** Remember a started process group so that an abrupt exit of the checker still kills it. */
export function track(pid: number): void {
  // One listener for the whole process: adding one each time the set became empty again leaked
  // a listener per run (MaxListenersExceededWarning after 10 runs).
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', killAllTracked);
  }
  live.add(pid);
}

export function untrack(pid: number): void {
  live.delete(pid);
}

/** The process groups started and not yet reaped (the programs under test, the fork servers). */
export function trackedPids(): Iterable<number> {
  return live;
}

function killAllTracked(): void {
  for (const pid of live) killTree(pid);
  live.clear();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAllTracked();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
