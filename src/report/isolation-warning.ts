// The warning every grading output carries when programs ran behind the injected module alone
// (Windows, macOS, Linux without user namespaces): nothing then stops a program from reading or
// changing the teacher's files. With namespaces (isolation 'netns') there is nothing to say.
import type { Lang, RunReport } from '../model.js';
import { t } from '../i18n/index.js';

/** The warning, for a report whose programs ran behind the module alone (none for one that ran no program). */
export function isolationWarning(r: Pick<RunReport, 'isolation'> & { exercises?: RunReport['exercises'] }, lang: Lang): string | undefined {
  // a submission that could not be read, or a checker that failed before any exercise, ran nothing
  if (r.exercises && r.exercises.length === 0) return undefined;
  return r.isolation === 'module' ? t(lang, 'hostile.isolation-module') : undefined;
}
