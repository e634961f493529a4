// A CheckStudent that runs the real checker in worker threads (see check-worker.ts). Workers are
// reused from one student to the next (loading the checker costs ~200 ms a worker); one that dies
// or does not stop after an abort is dropped, and the next student gets a new one.
import { Worker } from 'node:worker_threads';
import type { RunReport } from '../model.js';
import type { CheckStudent } from './checker.js';
import type { FromWorker, ToWorker } from './check-worker.js';

export interface WorkerCheck {
  check: CheckStudent;
  /** workers started so far (one per slot, plus one per worker lost) */
  spawned(): number;
  /** ends the idle workers (call once grading is over) */
  close(): Promise<void>;
}

/** `workerUrl` speaks check-worker.ts's protocol; tests pass a fake one. */
export function workerCheckStudent(graceMs = 5000, workerUrl = new URL('./check-worker.js', import.meta.url)): WorkerCheck {
  const idle: Worker[] = [];
  let nextId = 1;
  let spawned = 0;
  const spawn = () => {
    spawned++;
    return new Worker(workerUrl);
  };

  const check: CheckStudent = ({ signal, ...opts }) =>
    new Promise<RunReport>((resolve, reject) => {
      const worker = idle.pop() ?? spawn();
      worker.ref();
      const id = nextId++;
      let settled = false;
      let killer: NodeJS.Timeout | undefined;
      const finish = (reusable: boolean, fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(killer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) {
          worker.unref(); // an idle worker must not keep the grader alive
          idle.push(worker);
        } else void worker.terminate();
        fn();
      };
      const onMessage = (m: FromWorker) => {
        if (m.kind === 'closed' || m.id !== id) return;
        if (m.kind === 'report') finish(true, () => resolve(m.report as RunReport));
        else finish(true, () => reject(new Error(m.message)));
      };
      const onError = (e: Error) => finish(false, () => reject(e));
      const onExit = (code: number) => finish(false, () => reject(new Error(`checker worker exited with code ${code}`)));
      const onAbort = () => {
        worker.postMessage({ kind: 'abort', id } satisfies ToWorker);
        killer = setTimeout(() => finish(false, () => reject(new Error('checker did not stop after abort'))), graceMs);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ kind: 'check', id, opts } satisfies ToWorker);
    });

  return {
    check,
    spawned: () => spawned,
    close: async () => {
      await Promise.all(idle.splice(0).map(async (w) => {
        // let it end what it keeps between students (its namespace), bounded, then end it
        await new Promise<void>((resolve) => {
          const done = (m: FromWorker) => {
            if (m.kind === 'closed') finish();
          };
          const finish = () => {
            clearTimeout(timer);
            w.off('message', done);
            resolve();
          };
          const timer = setTimeout(finish, graceMs);
          w.on('message', done);
          w.once('exit', finish);
          w.postMessage({ kind: 'close' } satisfies ToWorker);
        });
        await w.terminate();
      }));
    },
  };
}
