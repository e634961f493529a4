// The warning every grading output carries when programs ran behind the injected module alone
// (Windows, macOS, Linux without user namespaces): nothing then stops a program from reading or
// changing the teacher's files. With namespaces (isolation 'netns') there is nothing to say.
import type { Lang, RunReport } from '../model.js';
import { t } from '../i18n/index.js';

export function isolationWarning(r: Pick<RunReport, 'isolation'>, lang: Lang): string | undefined {
  return r.isolation === 'module' ? t(lang, 'hostile.isolation-module') : undefined;
}
