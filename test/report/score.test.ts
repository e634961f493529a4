import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { apportion, rescoreReport, roundOn20, scoreReport } from '../../src/report/score.js';
import { check, checkerError, exercise, nothing, perfect, typical } from './fixtures.js';
import { exercises as labExercises } from '../checks/builtin-lab.js';
import type { ExerciseResult } from '../../src/model.js';

describe('scoreReport (barème)', () => {
  it('counts passed checks, keeps skip in the maximum, leaves bonus out of it', () => {
    expect(typical().score).toEqual({ points: 2, max: 6, on20: 6.75, bonusPoints: 0, bonusInGrade: false });
    expect(nothing().score).toEqual({ points: 0, max: 6, on20: 0, bonusPoints: 0, bonusInGrade: false });
  });

  it('reports bonus points apart from the points', () => {
    expect(perfect().score).toEqual({ points: 6, max: 6, on20: 20, bonusPoints: 1, bonusInGrade: false });
  });

  it('removes checker errors from the maximum: they never cost points', () => {
    const r = checkerError();
    expect(r.score).toEqual({ points: 5, max: 5, on20: 20, bonusPoints: 0, bonusInGrade: false });
    expect(r.exercises[0].maxPoints).toBe(3);
  });

  it('applies per-check points and per-exercise totals', () => {
    const config = { ...defaultConfig(), points: { 'ex1.serveur-ecoute': 3 }, exercisePoints: { ex3: 10 } };
    const exs = [
      exercise('ex1', [check('ex1.serveur-ecoute', 'pass'), check('ex1.serveur-repond', 'fail')]),
      exercise('ex3', [check('ex3.serveur-echo', 'pass'), check('ex3.serveur-depart-sans-fin', 'pass'), check('ex3.client-fin', 'fail')]),
    ];
    // ex1: 3 + 1 (max 4), earned 3. ex3: scaled x5 -> echo 5, bonus 5, fin 5 (max 10), earned 5 + 5 bonus.
    expect(scoreReport(exs, config)).toEqual({ points: 8, max: 14, on20: 11.5, bonusPoints: 5, bonusInGrade: false });
  });

  it('ignores the exercises that do not count', () => {
    const config = { ...defaultConfig(), exercises: ['1-meme-machine'] };
    const r = rescoreReport(typical(), config);
    expect(r.exercises.map((e) => e.id)).toEqual(['ex1']);
    expect(r.score).toEqual({ points: 2, max: 4, on20: 10, bonusPoints: 0, bonusInGrade: false });
  });

  it('is idempotent', () => {
    const config = { ...defaultConfig(), exercisePoints: { '3-ping-pong': 7 } };
    const once = rescoreReport(typical(), config);
    expect(rescoreReport(once, config)).toEqual(once);
  });

  it('rounds to the nearest quarter, halves up', () => {
    expect(roundOn20(13.124)).toBe(13);
    expect(roundOn20(13.125)).toBe(13.25);
    expect(roundOn20(13.374)).toBe(13.25);
    expect(roundOn20(19.99)).toBe(20);
  });

  it('treats a check not reached because of a checker error as an error, not a failure', () => {
    const exs = [exercise('ex1', [
      check('ex1.serveur-ecoute', 'error'),
      check('ex1.serveur-repond', 'fail', { notReachedBecause: 'ex1.serveur-ecoute' }),
      check('ex1.client-affiche', 'fail', { notReachedBecause: 'ex1.serveur-repond' }),
      check('ex1.paire-echange', 'pass'),
    ])];
    const r = rescoreReport({ ...typical(), exercises: exs }, defaultConfig());
    expect(r.exercises[0].checks.map((c) => c.status)).toEqual(['error', 'error', 'error', 'pass']);
    expect(r.score).toEqual({ points: 1, max: 1, on20: 20, bonusPoints: 0, bonusInGrade: false });
  });

  it('gives 0 when nothing could be checked', () => {
    const exs = [exercise('ex1', [check('ex1.serveur-ecoute', 'error')])];
    expect(scoreReport(exs, defaultConfig())).toEqual({ points: 0, max: 0, on20: 0, bonusPoints: 0, bonusInGrade: false });
  });
});

// Issue 13: a grade a teacher can trust (bonus apart, exact arithmetic).
describe('scoreReport: bonus apart and exact totals', () => {
  // Every check of the lab's exercises, all passed except `failing`, with the lab's default points.
  const lab = (failing: string[] = []): ExerciseResult[] =>
    labExercises.map((def) => ({
      id: def.id, folder: def.folder, title: def.id, points: 0, maxPoints: 0,
      checks: def.checks.map((c) => check(c.id, failing.includes(c.id) ? 'fail' : 'pass', { maxPoints: c.points, bonus: !!c.bonus })),
    }));
  const hundredths = (x: number): number => Math.round(x * 100);

  it('gives the reference exactly 20/20 and keeps the bonus out of the points', () => {
    const s = scoreReport(lab(), defaultConfig());
    expect(s.on20).toBe(20);
    expect(s.points).toBe(s.max);
    expect(s.bonusPoints).toBe(1);
  });

  it('costs points for any missing required check, even with the bonus earned', () => {
    const required = labExercises.flatMap((d) => d.checks).filter((c) => !c.bonus);
    for (const c of required) {
      const s = scoreReport(lab([c.id]), defaultConfig());
      expect({ id: c.id, below20: s.on20 < 20, bonus: s.bonusPoints }).toEqual({ id: c.id, below20: true, bonus: 1 });
    }
  });

  it('never rounds a lost point up to 20', () => {
    // ex1 at 100 points: one ex1 check lost is < 1/160 of the maximum, which rounds to 20.
    const config = { ...defaultConfig(), exercisePoints: { ex1: 400 } };
    const s = scoreReport(lab(['ex2.client-termine']), config);
    expect(s.on20).toBeLessThan(20);
  });

  it('counts the bonus in the grade only when the barème says so, still capped at 20', () => {
    const one = lab(['ex1.serveur-ecoute']);
    expect(scoreReport(one, defaultConfig()).on20).toBeLessThan(20);
    const withBonus = { ...defaultConfig(), bonusInGrade: true };
    // 46 + 1 bonus out of 47: the bonus makes up for the lost point
    expect(scoreReport(one, withBonus).on20).toBe(20);
    expect(scoreReport(lab(), withBonus).on20).toBe(20);
    expect(scoreReport(lab(['ex1.serveur-ecoute', 'ex1.serveur-recoit']), withBonus).on20).toBeLessThan(20);
  });

  for (const [target, exercisePoints] of [
    [8, { '4-relais': 8 }], [7, { '4-relais': 7 }], [3, { ex4: 3 }], [7, { '3-ping-pong': 7 }],
    [8, { '2-deux-machines': 8 }], [7, { ex2: 7 }], [3, { ex2: 3 }], [7.5, { ex1: 7.5 }],
  ] as const) {
    it(`scales ${Object.keys(exercisePoints)[0]} to exactly ${target} points`, () => {
      const config = { ...defaultConfig(), exercisePoints: { ...exercisePoints } };
      const r = rescoreReport({ ...perfect(), exercises: lab() }, config);
      const key = Object.keys(exercisePoints)[0];
      const ex = r.exercises.find((e) => e.id === key || e.folder === key)!;
      expect(ex.maxPoints).toBe(target);
      expect(ex.checks.filter((c) => !c.bonus).reduce((s, c) => s + hundredths(c.maxPoints), 0)).toBe(target * 100);
      expect(hundredths(r.score.max)).toBe(r.exercises.reduce((s, e) => s + hundredths(e.maxPoints), 0));
      expect(r.score.on20).toBe(20);
    });
  }

  it('gives totals that add up exactly (ex4 at 8: 43; ex2 at 8 too: 38)', () => {
    expect(scoreReport(lab(), { ...defaultConfig(), exercisePoints: { '4-relais': 8 } }).max).toBe(43);
    expect(scoreReport(lab(), { ...defaultConfig(), exercisePoints: { '4-relais': 8, ex2: 8 } }).max).toBe(38);
  });
});

describe('apportion', () => {
  it('splits hundredths exactly, the rest to the largest remainders', () => {
    expect(apportion(800, [200, 200, 100, 200, 100, 100, 100, 200])).toEqual([133, 133, 67, 133, 67, 67, 67, 133]);
    expect(apportion(300, Array(13).fill(100)).reduce((a, b) => a + b, 0)).toBe(300);
    expect(apportion(700, [100, 100, 100])).toEqual([234, 233, 233]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});
