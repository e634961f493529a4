import type { PythonRun } from '../../src/engine/python-run.js';
import { readdirSync, readFileSync } from 'node:fs';
import { observe } from '../../src/util/wait.js';

/** Busy share of the window above which the program is looping (an idle server is near 0). */
const BUSY_SHARE = 0.5;
/** How many windows a busy-looking program is given to settle before it is measured again. */
const SETTLE_WINDOWS = 5;
/**
 * How long a departure is watched for a busy loop. A loop on the closed connection is seen exactly
 * (64 empty recv() reported) within a few ms, and ends the window early; an idle server uses ~0 CPU
 * over any window. 100 ms gave the same verdicts as 300 ms for the reference and the busy-loop
 * programs of the corpus, also with the machine loaded (scripts/bench.ts, docs/performance.md),
 * and saves 200 ms on the relay server's scenario, the longest of a check.
 */
export const BUSY_WINDOW_MS = 100;

/**
 * Watch the program for `windowMs` after a client left: busy if it keeps calling recv() on the closed
 * connection (reported by the module, exact) or burns CPU (process time, all threads, asked of the
 * module so it works on every OS). Stops early when the program exits or the spin is seen.
 */
export async function busyLoopSeen(run: PythonRun, windowMs: number): Promise<boolean> {
  if (run.spinsOnClosed()) return true;
  if (run.exit) return false;
  // A program may still be busy finishing legitimately (printing, closing, an event loop shutting
  // down: slow on a loaded machine). A busy first window gets it time to settle (or exit), then two
  // more windows must be busy too before it is called a loop. An idle program pays one window.
  for (let window = 0; window < 3; window++) {
    const share = await busyShare(run, windowMs);
    if (run.spinsOnClosed()) return true;
    if (run.exit || share === undefined || share <= BUSY_SHARE) return false;
    // the time to settle follows the machine's load (an event loop shutting down under load takes
    // longer); the windows that measure stay fixed
    if (window === 0) await observe(run.watch, SETTLE_WINDOWS * windowMs, () => !!run.exit || run.spinsOnClosed(), { stretch: true });
    if (run.exit) return false;
  }
  return true;
}

/**
 * The program's busy share of the window. Linux: time running plus time waiting to run, all threads
 * (/proc/PID/task/TID/schedstat): near 1 for a spinning thread however loaded the machine is, near 0
 * for threads blocked in recv/accept. Elsewhere: CPU time (asked of the module) over wall time.
 */
async function busyShare(run: PythonRun, windowMs: number): Promise<number | undefined> {
  const pid = run.pid;
  const sched0 = pid === undefined ? undefined : runnableNs(pid);
  const cpu0 = sched0 === undefined ? await run.cpuSeconds(1000).catch(() => undefined) : undefined;
  if (sched0 === undefined && cpu0 === undefined) return undefined;
  const t0 = performance.now();
  await observe(run.watch, windowMs, () => !!run.exit || run.spinsOnClosed());
  const seconds = (performance.now() - t0) / 1000;
  if (run.exit || seconds <= 0) return undefined;
  if (sched0 !== undefined) {
    const sched1 = runnableNs(pid!);
    if (sched1 === undefined) return undefined;
    // A thread's wait for a CPU is added to schedstat only once it runs again: on a very loaded
    // machine a spinning thread can wait the whole window and show nothing of it. Ready to run at
    // the window's end (state R) is busy, whatever the counters say; a blocked thread is never R.
    return runnableNow(pid!) ? 1 : (sched1 - sched0) / 1e9 / seconds;
  }
  const cpu1 = await run.cpuSeconds(1000).catch(() => undefined);
  return cpu1 === undefined ? undefined : (cpu1 - cpu0!) / seconds;
}

/** Is a thread of this Linux process running or ready to run (state R) now? */
function runnableNow(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      return stat[stat.lastIndexOf(')') + 2] === 'R';
    });
  } catch {
    return false; // gone
  }
}

/** Sum over the threads of a Linux process of (ns on a CPU + ns waiting for one); undefined elsewhere. */
function runnableNs(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    let total = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      total += onCpu + waiting;
    }
    return total;
  } catch {
    return undefined; // no schedstat (kernel option) or the process is gone
  }
}
