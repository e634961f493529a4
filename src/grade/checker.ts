// The per-student checker, as the grader sees it. The real one is the runner's checkStudent,
// loaded on first use so that `grade --help` and config errors answer at once; tests pass a fake.
import type { Lang, RunReport } from '../model.js';
import type { Config } from '../config/types.js';

export interface CheckStudentOptions {
  dir: string;
  student?: string;
  exercises?: string[];
  lang: Lang;
  python?: string;
  config: Config;
  signal?: AbortSignal;
}

export type CheckStudent = (opts: CheckStudentOptions) => Promise<RunReport>;

export async function loadCheckStudent(): Promise<CheckStudent> {
  const mod = await import('../runner/check-student.js');
  return mod.checkStudent as CheckStudent;
}
