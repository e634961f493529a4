// The per-student checker, as the grader sees it. The real one is the runner's checkStudent,
// loaded on first use so that `grade --help` and config errors answer at once; tests pass a fake.
import type { RunReport } from '../model.js';
// The runner's own options; a type-only import: nothing is loaded until first use.
import type { CheckStudentOptions } from '../runner/check-student.js';

export type { CheckStudentOptions };

export type CheckStudent = (opts: CheckStudentOptions) => Promise<RunReport>;

export async function loadCheckStudent(): Promise<CheckStudent> {
  const mod = await import('../runner/check-student.js');
  return mod.checkStudent as CheckStudent;
}
