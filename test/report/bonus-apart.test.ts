// Issue 13: bonus points are reported apart everywhere (JSON, CSV, HTML, terminal, --watch) and never
// hide a lost required check. Issue 14: the legend explains the bonus column; --watch never says 13/12.
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderExercise, renderTerminal } from '../../src/report/terminal.js';
import { scoreLine, summaryLine } from '../../src/cli/watch.js';
import { rescoreReport } from '../../src/report/score.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { check, exercise, perfect, report } from './fixtures.js';
import { parseCsv, schemaValidator } from './helpers.js';

const AT = '2026-03-02T09:00:00.000Z';
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

// Everything passed, the bonus too: 6 required points and 1 bonus point.
const alice = perfect;
// One required check lost, the bonus earned: 5/6 required, +1 bonus.
const bob = () => report('Bob Bonus', [
  exercise('ex1', [check('ex1.serveur-ecoute', 'pass'), check('ex1.serveur-repond', 'fail'), check('ex1.client-affiche', 'pass'), check('ex1.paire-echange', 'pass')]),
  exercise('ex3', [check('ex3.serveur-echo', 'pass'), check('ex3.serveur-depart-sans-fin', 'pass'), check('ex3.client-fin', 'pass')]),
]);

describe('bonus points apart', () => {
  it('JSON: points leave the bonus out, bonusPoints holds it, a lost check is below 20', () => {
    const json = JSON.parse(renderJson([alice(), bob()], { generatedAt: AT, config: defaultConfig() }));
    expect(schemaValidator('report.schema.json')(json)).toEqual([]);
    const [a, b] = json.students;
    expect(a.score).toEqual({ points: 6, max: 6, on20: 20, bonusPoints: 1, bonusInGrade: false });
    expect(b.score.points).toBe(5);
    expect(b.score.bonusPoints).toBe(1);
    expect(b.score.on20).toBeLessThan(20);
    expect(a.exercises[1]).toMatchObject({ points: 2, maxPoints: 2, bonusPoints: 1 });
  });

  it('CSV: a Bonus column of its own, the Note without it', () => {
    const rows = parseCsv(renderCsv([alice(), bob()]).replace(/^\uFEFF/, ''));
    const col = (name: string) => rows[0].indexOf(name);
    expect(col('Bonus')).toBeGreaterThan(col('Maximum'));
    expect(rows.slice(1).map((r) => [r[col('Points')], r[col('Maximum')], r[col('Bonus')], r[col('Note')]])).toEqual([
      ['6', '6', '1', '20'], ['5', '6', '1', '16,75'],
    ]);
  });

  it('terminal and --watch: "2/2 (+1 bonus)", never "3/2"', () => {
    const r = alice();
    const ex3 = r.exercises[1];
    for (const text of [renderExercise('fr', ex3), summaryLine('fr', ex3)]) {
      expect(plain(text)).toContain('2/2 (+1 bonus)');
      expect(plain(text)).not.toContain('3/2');
    }
    for (const text of [renderTerminal(r), scoreLine('fr', r)]) expect(plain(text)).toContain('6/6 points → 20/20');
    expect(plain(scoreLine('fr', r))).toContain('(+1 bonus)');
  });

  it('HTML: the bonus column is marked and the legend says what bonus points do', () => {
    const html = renderHtml([alice(), bob()], { generatedAt: AT });
    expect(html).toMatch(/<th class="check bonus"[^>]*>ex3\.serveur-depart-sans-fin ★<\/th>/);
    const legend = /<p class="legend">([\s\S]*?)<\/p>/.exec(html)![1];
    expect(legend).toContain('★');
    expect(legend).toContain('bonus');
    expect(legend).toMatch(/ne change(nt)? pas la note|à part/);
    const withBonus = renderHtml([rescoreReport(bob(), { ...defaultConfig(), bonusInGrade: true })], { generatedAt: AT });
    expect(/<p class="legend">([\s\S]*?)<\/p>/.exec(withBonus)![1]).toMatch(/s’ajoutent à la note/);
  });
});
