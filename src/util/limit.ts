import { availableParallelism } from 'node:os';

/**
 * A process-wide cap on scenarios running at once: each starts Python processes, and more at once
 * than the machine can start quickly only makes every deadline tighter. Set by the CLIs (--jobs).
 */
let max = Math.max(2, availableParallelism() * 2);
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
