// How fast this machine starts processes today, against the day a wall-clock budget was set.
//
// The machines that run CI are shared: the same commit graded the class of 30 in 6.4 s in CI on
// 2026-11-25 and in 9.7-10.2 s here on 2026-12-03, when a bare `python -S -c pass` took 14 ms
// instead of 7 and `node -e 0` 124 ms instead of 51 (../shared/facts.md). A fixed budget then
// fails on the machine's day, not on the code. A budget set on the reference day is scaled by
// how much slower process starts are now (never scaled down), to the power 1/2: starts are a part
// of grading, not all of it (that day, starts were 2.4 times slower and grading 1.55 times;
// 2.4^0.5 = 1.55). The factor is measured, printed, and bounded.
import { execFileSync } from 'node:child_process';

/** Medians measured on 2026-11-25 (../shared/facts.md), when the 10 s budget was set. */
export const REFERENCE_MS = { pythonNoSite: 7, node: 51 };

/** At most this much slower: beyond it, the machine is unfit for a timing test, not slow. */
export const MAX_FACTOR = 2;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeStarts(file: string, args: string[], n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    execFileSync(file, args, { stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  return median(times);
}

export interface MachineSpeed {
  pythonNoSiteMs: number;
  nodeMs: number;
  /** how many times more a budget set on the reference day may take here now (>= 1, <= MAX_FACTOR) */
  factor: number;
}

/** `python`: the real interpreter (not a shim: a shim's bash start is not what is measured). */
export function machineSpeed(python: string): MachineSpeed {
  const pythonNoSiteMs = timeStarts(python, ['-S', '-I', '-c', 'pass'], 15);
  const nodeMs = timeStarts(process.execPath, ['-e', '0'], 7);
  // geometric mean of the two ratios: neither kind of start alone decides
  const starts = Math.sqrt((pythonNoSiteMs / REFERENCE_MS.pythonNoSite) * (nodeMs / REFERENCE_MS.node));
  return { pythonNoSiteMs, nodeMs, factor: Math.min(MAX_FACTOR, Math.max(1, Math.sqrt(starts))) };
}
