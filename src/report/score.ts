// The barème: turns check statuses into points and a grade on 20.
// Rules (stated for teachers in docs/enseignant.md):
//  - a check's points: config.points[id], else the check's default; when config.exercisePoints sets an
//    exercise total, the exercise's checks are scaled so its non-bonus checks add up to that total;
//  - a check earns its points only when it passed; fail/timeout/crash/skip earn 0;
//  - 'skip' (not done) stays in the maximum; 'error' (checker fault) is removed from the maximum,
//    and so is a check not reached (notReachedBecause) because of an earlier checker error;
//  - bonus checks add to the points (and to bonusPoints) but never to the maximum;
//  - raw points are rounded to 0.01; on20 = min(20, points / max * 20) rounded to the nearest 0.25
//    (halves up); with a maximum of 0, on20 is 0.
import type { CheckResult, ExerciseResult, RunReport, Score } from '../model.js';
import type { Config } from '../config/types.js';

const round = (x: number, step: number): number => Math.round(x / step + 1e-9) * step;
export const roundPoints = (x: number): number => Number(round(x, 0.01).toFixed(2));
export const roundOn20 = (x: number): number => Number(round(x, 0.25).toFixed(2));

/** Does this exercise count for the grade? config.exercises holds folders; ids are accepted too. */
export function exerciseCounts(ex: Pick<ExerciseResult, 'id' | 'folder'>, config: Config): boolean {
  return config.exercises.includes(ex.folder) || config.exercises.includes(ex.id);
}

function exerciseTarget(ex: ExerciseResult, config: Config): number | undefined {
  return config.exercisePoints[ex.id] ?? config.exercisePoints[ex.folder];
}

/**
 * A check not reached because an earlier step hit a checker error was not the student's fault
 * either: it becomes an error too, so that it never costs points.
 */
function propagateErrors(checks: CheckResult[]): CheckResult[] {
  const status = new Map(checks.map((c) => [c.id, c.status]));
  const isError = (id: string | undefined, seen = new Set<string>()): boolean => {
    if (!id || seen.has(id)) return false;
    seen.add(id);
    const st = status.get(id);
    const cause = checks.find((c) => c.id === id)?.notReachedBecause;
    return st === 'error' || (st !== 'pass' && isError(cause, seen));
  };
  return checks.map((c) => (c.status !== 'pass' && c.status !== 'error' && isError(c.notReachedBecause) ? { ...c, status: 'error' } : c));
}

/** The exercise with its checks' points set by the barème (pure). */
export function scoreExercise(exercise: ExerciseResult, config: Config): ExerciseResult {
  const ex = { ...exercise, checks: propagateErrors(exercise.checks) };
  const base = ex.checks.map((c) => config.points[c.id] ?? c.maxPoints);
  const target = exerciseTarget(ex, config);
  const regular = ex.checks.reduce((sum, c, i) => sum + (c.bonus ? 0 : base[i]), 0);
  const factor = target !== undefined && regular > 0 ? target / regular : 1;
  const checks: CheckResult[] = ex.checks.map((c, i) => {
    const maxPoints = roundPoints(base[i] * factor);
    return { ...c, maxPoints, points: c.status === 'pass' ? maxPoints : 0 };
  });
  const points = roundPoints(checks.reduce((s, c) => s + c.points, 0));
  const maxPoints = roundPoints(
    checks.reduce((s, c) => s + (c.bonus || c.status === 'error' ? 0 : c.maxPoints), 0),
  );
  return { ...ex, checks, points, maxPoints };
}

/** Score of a student's exercises under the barème; exercises that do not count are ignored. */
export function scoreReport(exercises: ExerciseResult[], config: Config): Score {
  let points = 0;
  let max = 0;
  let bonusPoints = 0;
  for (const raw of exercises) {
    if (!exerciseCounts(raw, config)) continue;
    const ex = scoreExercise(raw, config);
    points += ex.points;
    max += ex.maxPoints;
    bonusPoints += ex.checks.reduce((s, c) => s + (c.bonus ? c.points : 0), 0);
  }
  points = roundPoints(points);
  max = roundPoints(max);
  const on20 = max > 0 ? Math.min(20, roundOn20((points / max) * 20)) : 0;
  return { points, max, on20, bonusPoints: roundPoints(bonusPoints) };
}

/** The report with the barème applied everywhere (checks, exercises, score); idempotent. */
export function rescoreReport(report: RunReport, config: Config): RunReport {
  const exercises = report.exercises.filter((e) => exerciseCounts(e, config)).map((e) => scoreExercise(e, config));
  return { ...report, exercises, score: scoreReport(exercises, config) };
}
