// The order scenarios start in. All the scenarios of a check start together (util/limit.ts caps
// them), but their programs are spawned one after the other and then compete for the cores while
// the interpreters start: the first spawned is ready first. The check ends with its longest
// scenario, so scenarios with the most steps (checks) start first, whatever their exercise.
import { limit } from '../util/limit.js';

export type Schedule = <T>(weight: number, task: () => Promise<T>) => Promise<T>;

/** Starts tasks in the order they are given (the default for one exercise). */
export const inOrder: Schedule = (_weight, task) => limit(task);

/**
 * Collects the tasks given in one turn of the event loop (every scenario of every exercise: they
 * are all handed over synchronously) and starts them heaviest first.
 */
export function heaviestFirst(): Schedule {
  let pending: { weight: number; start: () => void }[] = [];
  return <T>(weight: number, task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (pending.length === 0) {
        queueMicrotask(() => {
          const batch = pending.sort((a, b) => b.weight - a.weight);
          pending = [];
          for (const p of batch) p.start();
        });
      }
      pending.push({ weight, start: () => void limit(task).then(resolve, reject) });
    });
}
