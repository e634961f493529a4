// The barème: turns check statuses into points and a grade on 20.
// Rules (stated for teachers in docs/enseignant.md):
//  - a check's points: config.points[id], else the check's default; when config.exercisePoints sets an
//    exercise total, the exercise's checks are scaled so its non-bonus checks add up to that total
//    exactly (largest remainders, in hundredths of a point);
//  - a check earns its points only when it passed; every other status earns 0;
//  - 'skip' (not done) and 'not-reached' stay in the maximum; 'error' (checker fault) is removed from
//    the maximum, and so is a check not reached because of an earlier checker error;
//  - bonus checks never count in the maximum nor in `points`: they are reported apart (bonusPoints)
//    and enter the grade only with config.bonusInGrade;
//  - on20 = (points [+ bonus]) / max * 20, rounded to the nearest 0.25 (halves up), at most 20, and
//    at most 19.75 while points [+ bonus] are below the maximum: a lost check always shows.
//    With a maximum of 0, on20 is 0.
// All sums are done in integer hundredths, so totals are exact.
import type { CheckResult, ExerciseResult, RunReport, Score } from '../model.js';
import type { Config } from '../config/types.js';

const round = (x: number, step: number): number => Math.round(x / step + 1e-9) * step;
export const roundPoints = (x: number): number => Number(round(x, 0.01).toFixed(2));
export const roundOn20 = (x: number): number => Number(round(x, 0.25).toFixed(2));

/** Points <-> integer hundredths of a point. */
const toH = (x: number): number => Math.round(x * 100);
const fromH = (h: number): number => h / 100;

/** The best grade short of 20: what a student who lost any required point can get at most. */
export const BELOW_20 = 19.75;

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

/**
 * Splits `total` hundredths among `weights` in proportion, in whole hundredths that add up to
 * `total` exactly: each gets the floor of its share, the hundredths left go to the largest
 * remainders (the first ones on a tie).
 */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  // integers all the way: total * w stays far below 2^53 (hundredths of a 20-point barème)
  const rests = weights.map((w) => (total * w) % sum);
  const parts = weights.map((w, i) => (total * w - rests[i]) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = rests.map((rest, i) => ({ i, rest })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && k < order.length; k++, left--) parts[order[k].i]++;
  return parts;
}

/** Each check's maximum in hundredths under the barème. */
function maxima(ex: ExerciseResult, config: Config): number[] {
  const base = ex.checks.map((c) => toH(config.points[c.id] ?? c.maxPoints));
  const target = exerciseTarget(ex, config);
  const regularIdx = ex.checks.map((c, i) => (c.bonus ? -1 : i)).filter((i) => i >= 0);
  const regularSum = regularIdx.reduce((s, i) => s + base[i], 0);
  if (target === undefined || regularSum === 0) return base;
  const T = toH(target);
  const scaled = apportion(T, regularIdx.map((i) => base[i]));
  const out = base.map((b) => Math.round((b * T) / regularSum)); // bonus checks: same factor
  regularIdx.forEach((i, k) => (out[i] = scaled[k]));
  return out;
}

/** The exercise with its checks' points set by the barème (pure). `points` leaves bonus out. */
export function scoreExercise(exercise: ExerciseResult, config: Config): ExerciseResult {
  const ex = { ...exercise, checks: propagateErrors(exercise.checks) };
  const maxH = maxima(ex, config);
  const checks: CheckResult[] = ex.checks.map((c, i) => ({ ...c, maxPoints: fromH(maxH[i]), points: c.status === 'pass' ? fromH(maxH[i]) : 0 }));
  let points = 0;
  let bonus = 0;
  let max = 0;
  checks.forEach((c, i) => {
    const earned = c.status === 'pass' ? maxH[i] : 0;
    if (c.bonus) bonus += earned;
    else {
      points += earned;
      if (c.status !== 'error') max += maxH[i];
    }
  });
  return { ...ex, checks, points: fromH(points), maxPoints: fromH(max), bonusPoints: fromH(bonus) };
}

/** The grade on 20 from hundredths earned (bonus already added when it counts) and the maximum. */
export function gradeOn20(earnedH: number, maxH: number): number {
  if (maxH <= 0) return 0;
  const on20 = Math.min(20, roundOn20((earnedH / maxH) * 20));
  return earnedH < maxH ? Math.min(on20, BELOW_20) : on20;
}

/** Score of a student's exercises under the barème; exercises that do not count are ignored. */
export function scoreReport(exercises: ExerciseResult[], config: Config): Score {
  let points = 0;
  let max = 0;
  let bonus = 0;
  for (const raw of exercises) {
    if (!exerciseCounts(raw, config)) continue;
    const ex = scoreExercise(raw, config);
    points += toH(ex.points);
    max += toH(ex.maxPoints);
    bonus += toH(ex.bonusPoints ?? 0);
  }
  const bonusInGrade = config.bonusInGrade === true;
  const on20 = gradeOn20(points + (bonusInGrade ? bonus : 0), max);
  return { points: fromH(points), max: fromH(max), on20, bonusPoints: fromH(bonus), bonusInGrade };
}

/** The report with the barème applied everywhere (checks, exercises, score); idempotent. */
export function rescoreReport(report: RunReport, config: Config): RunReport {
  const exercises = report.exercises.filter((e) => exerciseCounts(e, config)).map((e) => scoreExercise(e, config));
  return { ...report, exercises, score: scoreReport(exercises, config) };
}
