// Counts agree with their noun, by each language's own rule (French: 0 and 1 are singular).
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';

describe('plurals in messages', () => {
  it('« 1 élève noté », « 3 élèves notés »; "1 student", "0 students"', () => {
    expect(t('fr', 'report.grade.done', { count: 1, seconds: '0,4', dir: 'r' })).toMatch(/^1 élève noté en/);
    expect(t('fr', 'report.grade.done', { count: 3, seconds: '0,4', dir: 'r' })).toMatch(/^3 élèves notés en/);
    expect(t('en', 'report.grade.done', { count: 1, seconds: '0.4', dir: 'r' })).toMatch(/^1 student graded in/);
    expect(t('en', 'report.grade.done', { count: 0, seconds: '0.4', dir: 'r' })).toMatch(/^0 students graded in/);
    expect(t('fr', 'report.summary.headingClass', { count: 1 })).toBe('TP réseau : 1 élève noté');
    expect(t('fr', 'report.grade.progress', { done: 0, total: 1, running: 1 })).toBe('0/1 élève noté, 1 en cours');
  });

  it('bonus points, written the French way (« 0,5 point », « 1 point », « 2 points »)', () => {
    expect(t('fr', 'report.bonusPoints', { bonus: '1' })).toBe('dont 1 point de bonus');
    expect(t('fr', 'report.bonusPoints', { bonus: '1,5' })).toBe('dont 1,5 point de bonus');
    expect(t('fr', 'report.bonusPoints', { bonus: '2' })).toBe('dont 2 points de bonus');
    expect(t('en', 'report.bonusPoints', { bonus: '1' })).toBe('including 1 bonus point');
    expect(t('en', 'report.bonusPoints', { bonus: '1.5' })).toBe('including 1.5 bonus points');
  });

  it('the other counts of the catalogues', () => {
    expect(t('fr', 'term.skipped', { message: 'Pas encore fait.', n: 1 })).toBe('Pas encore fait. (1 vérification)');
    expect(t('fr', 'report.summary.more', { count: 1 })).toBe('… et 1 autre vérification non réussie (voir le rapport HTML).');
    expect(t('fr', 'report.summary.more', { count: 2 })).toBe('… et 2 autres vérifications non réussies (voir le rapport HTML).');
    expect(t('fr', 'ex3.client-stopped', { n: 1 })).toMatch(/après 1 message :/);
    expect(t('fr', 'ex3.client-stopped', { n: 2 })).toMatch(/après 2 messages :/);
    expect(t('fr', 'ex4.single-client', { n: 1 })).toMatch(/que 1 client sur 3/);
    expect(t('en', 'ex3.client-stopped', { n: 1 })).toMatch(/after 1 message:/);
  });

  it('a value that is not a number takes the plural form, and a plain placeholder still works', () => {
    expect(t('fr', 'report.summary.more', { count: 'beaucoup' })).toContain('autres vérifications');
    expect(t('fr', 'report.summary.more', {})).toContain('{count}');
  });
});
