// Worker thread running the checker, one student at a time. An exception the checker fails to catch
// (a stray socket error, an assertion in a peer) ends this worker only: the student it was checking
// gets an 'error' report and a fresh worker takes its place; the other students are untouched.
import { parentPort } from 'node:worker_threads';
import type { CheckStudentOptions } from './checker.js';
import { loadCheckStudent } from './checker.js';
import { closeResidentNamespace } from '../sandbox/netns.js';

export type ToWorker = { kind: 'check'; id: number; opts: Omit<CheckStudentOptions, 'signal'> } | { kind: 'abort'; id: number } | { kind: 'close' };
export type FromWorker = { kind: 'report'; id: number; report: unknown } | { kind: 'failed'; id: number; message: string } | { kind: 'closed' };

const port = parentPort!;
const check = await loadCheckStudent();
const running = new Map<number, AbortController>();

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    // grading is over: the namespace kept for the next student ends with this worker
    void closeResidentNamespace().finally(() => port.postMessage({ kind: 'closed' } satisfies FromWorker));
    return;
  }
  if (m.kind === 'abort') {
    running.get(m.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(m.id, controller);
  // one student after the other in this worker: the namespace of one serves the next (unless
  // TPRC_NS_REUSE=0: fresh namespaces for every student)
  check({ ...m.opts, signal: controller.signal, reuseNamespace: process.env.TPRC_NS_REUSE !== '0' }).then(
    (report) => port.postMessage({ kind: 'report', id: m.id, report } satisfies FromWorker),
    (e: unknown) => port.postMessage({ kind: 'failed', id: m.id, message: (e as Error)?.message ?? String(e) } satisfies FromWorker),
  ).finally(() => running.delete(m.id));
});
