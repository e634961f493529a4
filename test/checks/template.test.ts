// The student template, untouched: part 1 passes (the lab's own files), the rest fails with "to do".
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { t } from '../../src/i18n/index.js';
import type { RunReport } from '../../src/model.js';

let report: RunReport;

beforeAll(async () => {
  report = await checkStudent({ dir: join(import.meta.dirname, '..', '..', 'student-template'), lang: 'fr', config: defaultConfig() });
}, 60_000);

describe('student-template/', () => {
  it('passes every check of part 1', () => {
    const ex1 = report.exercises.find((e) => e.id === 'ex1')!;
    expect(ex1.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([]);
  });

  it('fails parts 2, 3 and 4, each failure saying the exercise is still to do', () => {
    const todo = t('fr', 'hint.todo');
    for (const id of ['ex2', 'ex3', 'ex4']) {
      const ex = report.exercises.find((e) => e.id === id)!;
      const failed = ex.checks.filter((c) => c.status !== 'pass');
      expect(failed.length, id).toBeGreaterThan(0);
      for (const c of failed.filter((x) => !x.notReachedBecause)) expect(c.hint, c.id).toContain(todo);
    }
  });
});
