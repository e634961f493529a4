// Issue 13: "not verified because an earlier step failed" has a status of its own ('not-reached'):
// 0 points, in the maximum, never counted as a failure or a pass; JUnit counts a check not done
// (an empty submission) as a failure, not a skip.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderHtml } from '../../src/report/html.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderJson } from '../../src/report/json.js';
import { renderExercise } from '../../src/report/terminal.js';
import { check, exercise, nothing, report } from './fixtures.js';
import { parseCsv, schemaValidator } from './helpers.js';

const AT = '2026-03-02T09:00:00.000Z';
const ROOT = path.join(import.meta.dirname, '..', '..');

// ex1.serveur-ecoute failed; two checks after it were not verified.
const dana = () => report('Dana', [
  exercise('ex1', [
    check('ex1.serveur-ecoute', 'crash'),
    check('ex1.serveur-repond', 'not-reached', { notReachedBecause: 'ex1.serveur-ecoute', message: 'Non vérifié : l’étape « Le serveur démarre et écoute » a échoué avant.' }),
    check('ex1.client-affiche', 'pass'),
    check('ex1.paire-echange', 'not-reached', { notReachedBecause: 'ex1.serveur-ecoute', message: 'Non vérifié' }),
  ]),
]);
const junitDoc = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);

describe("status 'not-reached'", () => {
  it('is what the runner gives a check left unverified by an earlier failure', async () => {
    const r = await checkStudent({ dir: path.join(ROOT, 'test/corpus/buggy/ex1-serveur-bind-deux-arguments'), exercises: ['1-meme-machine'], lang: 'fr', config: defaultConfig() });
    const after = r.exercises[0].checks.filter((c) => c.notReachedBecause);
    expect(after.length).toBeGreaterThan(0);
    expect([...new Set(after.map((c) => c.status))]).toEqual(['not-reached']);
    expect(after.every((c) => c.points === 0 && c.maxPoints > 0)).toBe(true);
  }, 30_000);

  it('earns 0 and stays in the maximum; the JSON schema knows it', () => {
    const r = dana();
    expect(r.score).toMatchObject({ points: 1, max: 4 });
    expect(schemaValidator('report.schema.json')(JSON.parse(renderJson([r], { generatedAt: AT })))).toEqual([]);
  });

  it('JUnit: not a failure but skipped; a check not done is a failure', () => {
    const doc = junitDoc(renderJunit([dana(), nothing()], { generatedAt: AT }));
    const [david, d] = doc.testsuites.testsuite;
    expect([d.failures, d.skipped]).toEqual(['1', '2']);
    const nr = d.testcase.find((c: { name: string }) => c.name.startsWith('ex1.serveur-repond'));
    expect(nr.skipped.message).toContain('Non vérifié');
    expect(nr.failure).toBeUndefined();
    // an empty submission: every check not done is a failure, none is skipped
    expect([david.failures, david.skipped]).toEqual([String(david.testcase.length), '0']);
    expect(doc.testsuites.failures).toBe(String(1 + david.testcase.length));
  });

  it('HTML: its own symbol, colour and legend entry; listed apart from the failures', () => {
    const html = renderHtml([dana()], { generatedAt: AT });
    expect(html).toMatch(/<td class="st st-not-reached"[^>]*>○<\/td>/);
    expect(/<p class="legend">([\s\S]*?)<\/p>/.exec(html)![1]).toContain('○ non vérifié');
    expect(html).toContain('.st-not-reached');
    const failing = html.slice(html.indexOf('<h3>'), html.indexOf('<ul class="not-reached">'));
    expect(failing).not.toContain('ex1.serveur-repond');
  });

  it('CSV: a count of checks not verified; terminal: its own mark', () => {
    const rows = parseCsv(renderCsv([dana()]).replace(/^\uFEFF/, ''));
    expect(rows[1][rows[0].indexOf('Non vérifiées')]).toBe('2');
    const text = renderExercise('fr', dana().exercises[0]).replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toMatch(/· Le serveur envoie une réponse/);
    expect(text).not.toMatch(/✗ Le serveur envoie une réponse/);
  });
});
