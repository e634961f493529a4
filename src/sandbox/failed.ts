// Check results for a student whose check could not finish (the namespace's budget ran out, or the
// per-student checker died): every check is 'error' (a checker fault, never points lost) with why.
import type { CheckResult, ExerciseResult, Lang, Role } from '../model.js';
import { t } from '../i18n/index.js';

/** What of an exercise's definition the results need (an ExerciseDef is one). */
export interface ExerciseOutline {
  id: string;
  folder: string;
  checks: readonly { id: string; role: Role; points: number; bonus?: boolean }[];
}

export function failedResults(defs: readonly ExerciseOutline[], lang: Lang, why: 'deadline' | 'aborted' | 'died', detail: string, budgetMs: number): ExerciseResult[] {
  // the line that says why (an uncaught error's first line), not Node's version banner at the end
  const lines = detail.split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = lines.find((l) => /^(\w*Error|Error)\b|Error:/.test(l)) ?? lines.pop() ?? '';
  const message = t(lang, `hostile.check-${why}`, { s: Math.round(budgetMs / 1000), detail: reason.slice(0, 300) });
  return defs.map((def) => {
    const checks: CheckResult[] = def.checks.map((c) => ({
      id: c.id,
      role: c.role,
      title: t(lang, `check.${c.id}.title`),
      status: 'error',
      points: 0,
      maxPoints: c.points,
      bonus: !!c.bonus,
      message,
      hint: t(lang, 'hint.checker-stopped'),
      hintKey: 'checker-stopped',
      transcript: [],
      durationMs: 0,
    }));
    return { id: def.id, folder: def.folder, title: t(lang, `exercise.${def.id}.title`), checks, points: 0, maxPoints: 0 };
  });
}
