import type { PythonRun } from '../../src/engine/python-run.js';
import { observe } from '../../src/util/wait.js';

/** recv() returned b'' this many times in a row on one socket: a loop that never sees the departure. */
const EMPTY_RECV_SPIN = 64;
/** CPU share over the window above which the program is busy-looping (an idle server is near 0). */
const CPU_SHARE = 0.5;
/**
 * How long a departure is watched for a busy loop. A loop on the closed connection is seen exactly
 * (64 empty recv() reported) within a few ms, and ends the window early; an idle server uses ~0 CPU
 * over any window. 100 ms gave the same verdicts as 300 ms for the reference and the busy-loop
 * programs of the corpus, also with the machine loaded (scripts/bench.ts, docs/performance.md),
 * and saves 200 ms on the relay server's scenario, the longest of a check.
 */
export const BUSY_WINDOW_MS = 100;

function spinningOnEmptyRecv(run: PythonRun): boolean {
  return run.all('recv').some((e) => e.n === 0 && (e.count ?? 0) >= EMPTY_RECV_SPIN);
}

/**
 * Watch the program for `windowMs` after a client left: busy if it keeps calling recv() on the closed
 * connection (reported by the module, exact) or burns CPU (process time, all threads, asked of the
 * module so it works on every OS). Stops early when the program exits or the spin is seen.
 */
export async function busyLoopSeen(run: PythonRun, windowMs: number): Promise<boolean> {
  if (spinningOnEmptyRecv(run)) return true;
  if (run.exit) return false;
  let cpu0: number;
  try {
    cpu0 = await run.cpuSeconds(1000);
  } catch {
    return spinningOnEmptyRecv(run);
  }
  const t0 = performance.now();
  await observe(run.watch, windowMs, () => !!run.exit || spinningOnEmptyRecv(run));
  if (spinningOnEmptyRecv(run)) return true;
  if (run.exit) return false;
  const cpu1 = await run.cpuSeconds(1000).catch(() => undefined);
  if (cpu1 === undefined) return false;
  const seconds = (performance.now() - t0) / 1000;
  return (cpu1 - cpu0) / seconds > CPU_SHARE;
}
