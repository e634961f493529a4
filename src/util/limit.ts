import { availableParallelism } from 'node:os';

/**
 * A process-wide cap on scenarios running at once: each starts Python processes, and more at once
 * than the machine can start quickly only makes every deadline tighter. Set by the CLIs (--jobs).
 *
 * The default lets every scenario of one student run at once (10 for the four exercises): a scenario
 * mostly waits (events, observation windows); its CPU is the start of one to three Python processes
 * (~20 ms each, scripts/bench.ts). With a cap below that, the longest scenario (the relay server's)
 * queued behind the others and the check took their sum instead of its own length.
 */
let max = Math.max(12, availableParallelism() * 4);
let active = 0;
const queue: (() => void)[] = [];

export function setConcurrency(n: number): void {
  max = Math.max(1, Math.floor(n));
}

export async function limit<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    queue.shift()?.();
  }
}
