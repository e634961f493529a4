import { spawnSync } from 'node:child_process';

/** The command that kills a whole process tree on Windows (pure, unit-tested on every OS). */
export function windowsTreeKillCommand(pid: number): { file: string; args: string[] } {
  return { file: 'taskkill', args: ['/PID', String(pid), '/T', '/F'] };
}

/**
 * Kill a process and everything it started. POSIX: the child leads its own process group
 * (spawned detached), so a negative pid reaches the group, grandchildren included. Windows:
 * taskkill /T walks the tree. Only ever called with pids this checker started.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    const { file, args } = windowsTreeKillCommand(pid);
    spawnSync(file, args, { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // group already gone
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const live = new Set<number>();

/** Remember a started process group so that an abrupt exit of the checker still kills it. */
export function track(pid: number): void {
  if (live.size === 0) process.once('exit', killAllTracked);
  live.add(pid);
}

export function untrack(pid: number): void {
  live.delete(pid);
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
