// Worker isolation: an uncaught error or a deaf checker costs one student, workers are reused.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerCheckStudent } from '../../src/grade/worker-check.js';
import { defaultConfig } from '../../src/config/defaults.js';

const FAKE = pathToFileURL(path.join(import.meta.dirname, 'fixtures/fake-check-worker.mjs'));
const opts = (student: string, signal?: AbortSignal) => ({ dir: '/tmp', student, lang: 'fr' as const, config: defaultConfig(), signal });

describe('workerCheckStudent', () => {
  it('reuses a worker from one student to the next', async () => {
    const w = workerCheckStudent(100, FAKE);
    try {
      const a = (await w.check(opts('a'))) as unknown as { threadId: number };
      const b = (await w.check(opts('b'))) as unknown as { threadId: number };
      expect(b.threadId).toBe(a.threadId);
      expect(w.spawned()).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('an uncaught error ends that student\'s worker only; the next student gets a fresh one', async () => {
    const w = workerCheckStudent(100, FAKE);
    try {
      const results = await Promise.allSettled([w.check(opts('x-plante')), w.check(opts('y-bien'))]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: 'uncaught in a socket callback' } });
      expect(results[1]).toMatchObject({ status: 'fulfilled', value: { student: 'y-bien' } });
      await expect(w.check(opts('z-apres'))).resolves.toMatchObject({ student: 'z-apres' });
    } finally {
      await w.close();
    }
  });

  it('terminates a worker that ignores the abort, after the grace period', async () => {
    const w = workerCheckStudent(100, FAKE);
    try {
      const controller = new AbortController();
      const pending = w.check(opts('sourd', controller.signal));
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toThrow(/did not stop after abort/);
      await expect(w.check(opts('suivant'))).resolves.toMatchObject({ student: 'suivant' });
      expect(w.spawned()).toBe(2);
    } finally {
      await w.close();
    }
  });
});
