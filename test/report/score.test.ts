import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { rescoreReport, roundOn20, scoreReport } from '../../src/report/score.js';
import { check, checkerError, exercise, nothing, perfect, typical } from './fixtures.js';

describe('scoreReport (barème)', () => {
  it('counts passed checks, keeps skip in the maximum, leaves bonus out of it', () => {
    expect(typical().score).toEqual({ points: 2, max: 6, on20: 6.75, bonusPoints: 0 });
    expect(nothing().score).toEqual({ points: 0, max: 6, on20: 0, bonusPoints: 0 });
  });

  it('caps the grade at 20 when bonus points push above the maximum', () => {
    expect(perfect().score).toEqual({ points: 7, max: 6, on20: 20, bonusPoints: 1 });
  });

  it('removes checker errors from the maximum: they never cost points', () => {
    const r = checkerError();
    expect(r.score).toEqual({ points: 5, max: 5, on20: 20, bonusPoints: 0 });
    expect(r.exercises[0].maxPoints).toBe(3);
  });

  it('applies per-check points and per-exercise totals', () => {
    const config = { ...defaultConfig(), points: { 'ex1.serveur-ecoute': 3 }, exercisePoints: { ex3: 10 } };
    const exs = [
      exercise('ex1', [check('ex1.serveur-ecoute', 'pass'), check('ex1.serveur-repond', 'fail')]),
      exercise('ex3', [check('ex3.serveur-echo', 'pass'), check('ex3.serveur-depart-sans-fin', 'pass'), check('ex3.client-fin', 'fail')]),
    ];
    // ex1: 3 + 1 (max 4), earned 3. ex3: scaled x5 -> echo 5, bonus 5, fin 5 (max 10), earned 10.
    expect(scoreReport(exs, config)).toEqual({ points: 13, max: 14, on20: 18.5, bonusPoints: 5 });
  });

  it('ignores the exercises that do not count', () => {
    const config = { ...defaultConfig(), exercises: ['1-meme-machine'] };
    const r = rescoreReport(typical(), config);
    expect(r.exercises.map((e) => e.id)).toEqual(['ex1']);
    expect(r.score).toEqual({ points: 2, max: 4, on20: 10, bonusPoints: 0 });
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
    expect(r.score).toEqual({ points: 1, max: 1, on20: 20, bonusPoints: 0 });
  });

  it('gives 0 when nothing could be checked', () => {
    const exs = [exercise('ex1', [check('ex1.serveur-ecoute', 'error')])];
    expect(scoreReport(exs, defaultConfig())).toEqual({ points: 0, max: 0, on20: 0, bonusPoints: 0 });
  });
});
