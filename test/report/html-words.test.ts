// report.html says things the way its reader would: the date in the report's language, every lane
// of a diagram named in that language, labels in full where there is room, one line for an empty
// submission; and the page stays valid (no id used twice).
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderSequence } from '../../src/report/html-sequence.js';
import { exercises } from '../checks/builtin-lab.js';
import type { TranscriptEvent } from '../../src/model.js';
import { check, classOf4, echoTranscript, exercise, report } from './fixtures.js';

const labels = { connect: 'connect()', close: 'close()', listen: 'listen()', exit: 'exit', stopped: 'stopped', more: (n: number) => `+${n}`, repeated: (n: number) => `(${n} fois)` };
const AT = '2026-03-02T09:00:00.000Z';

/** One student who handed in nothing: every check of the four exercises "not done". */
function emptySubmission() {
  const r = report('Chloé Petit', []);
  r.exercises = exercises.map((e) => ({
    id: e.id, folder: e.folder, title: e.id, points: 0, maxPoints: 0,
    checks: e.checks.map((c) => check(c.id, 'skip', { message: `Pas encore fait : fichier ${c.id.includes('client') ? 'client' : 'serveur'}.py absent.` })),
  }));
  return r;
}

describe('report.html words', () => {
  it('dates the report in its language, the exact time kept for machines', () => {
    const fr = renderHtml(classOf4(), { generatedAt: AT, lang: 'fr' });
    expect(fr).toContain('2 mars 2026');
    expect(fr).not.toContain(`Généré le ${AT}`);
    expect(fr).toContain(`datetime="${AT}"`);
    expect(renderHtml(classOf4(), { generatedAt: AT, lang: 'en' })).toMatch(/(March 2, 2026|2 March 2026)/);
  });

  it('names the checker lane in the diagram\'s language', () => {
    const typed: TranscriptEvent[] = [
      { at: 0, kind: 'stdin', from: 'checker', to: 'client', text: 'Bonjour' },
      { at: 5, kind: 'message', from: 'client', to: 'serveur', text: 'Bonjour' },
    ];
    const fr = renderHtml([report('Bob', [exercise('ex3', [check('ex3.client-fin', 'fail', { transcript: typed })])])], { generatedAt: AT, lang: 'fr' });
    expect(fr).toContain('>vérificateur</text>');
    expect(fr).not.toContain('>checker<');
    const en = renderHtml([report('Bob', [exercise('ex3', [check('ex3.client-fin', 'fail', { transcript: typed })])])], { generatedAt: AT, lang: 'en' });
    expect(en).toContain('>checker</text>');
  });

  it('writes a server\'s start-up line in full, and still cuts a flood', () => {
    const started = 'Serveur démarré. En attente de connexion !';
    const flood = 'x'.repeat(500);
    const svg = renderSequence([
      { at: 0, kind: 'stdout', from: 'serveur', text: started },
      { at: 1, kind: 'message', from: 'client', to: 'serveur', text: 'Connexion avec client d\'adresse IP: 127.0.0.1:46920' },
      { at: 2, kind: 'stdout', from: 'serveur', text: flood },
    ], labels);
    expect(svg).toContain(`>${started}</text>`);
    expect(svg).toContain('>Connexion avec client d&apos;adresse IP: 127.0.0.1:46920</text>');
    expect(svg).not.toContain(`>${flood}</text>`); // shown cut (the tooltip keeps it whole)
    expect(svg).toMatch(/>x+…<\/text>/);
    const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect(width).toBeLessThan(1200); // room is made, within reason
  });

  it('draws a print loop once, with how many times it printed', () => {
    const loop = Array.from({ length: 393 }, (_, i) => ({ at: 10 + i, kind: 'stdout' as const, from: 'client', text: 'Serveur répond : ' }));
    const svg = renderSequence([{ at: 0, kind: 'connect', from: 'client', to: 'serveur', text: '127.0.0.1:12345' }, ...loop, { at: 500, kind: 'exit', from: 'client', text: 'stopped' }], labels);
    expect(svg.match(/Serveur répond :/g)).toHaveLength(2); // the box and its tooltip
    expect(svg).toMatch(/>Serveur répond : +\(393 fois\)<\/text>/);
    expect(svg).not.toContain('+'); // nothing left out of the diagram
  });

  it('says in words, in the box and its tooltip, what a flood left out of the record', () => {
    const svg = renderSequence([
      { at: 0, kind: 'stdout', from: 'client', text: 'Serveur répond : ' },
      { at: 1, kind: 'note', from: 'checker', text: '… +2' },
    ], { ...labels, more: (n: number) => `… et encore ${n} étapes` });
    expect(svg).not.toContain('… +2');
    expect(svg.match(/… et encore 2 étapes/g)).toHaveLength(2);
  });

  it('shows each failed check\'s id discreetly after its title and status', () => {
    const html = renderHtml([report('Bob', [exercise('ex3', [check('ex3.serveur-echo', 'fail', { transcript: echoTranscript })])])], { generatedAt: AT });
    expect(html).toMatch(/<summary>Le serveur renvoie chaque message<span class="badge st-fail">échoué<\/span><code class="check-id">ex3\.serveur-echo<\/code><\/summary>/);
  });

  it('uses no id twice, however many diagrams', () => {
    const html = renderHtml([...classOf4(), report('Eve', [exercise('ex3', [check('ex3.serveur-echo', 'fail', { transcript: echoTranscript }), check('ex3.client-fin', 'fail', { transcript: echoTranscript })])])], { generatedAt: AT });
    expect((html.match(/<svg class="sequence"/g) ?? []).length).toBeGreaterThan(3);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('an empty submission is one clear line, not 40 lines of « Pas encore fait »', () => {
    const html = renderHtml([emptySubmission()], { generatedAt: AT, lang: 'fr' });
    const section = html.slice(html.indexOf('<section class="student"'));
    expect((section.match(/Pas encore fait/g) ?? []).length).toBeLessThanOrEqual(1);
    expect(section).not.toMatch(/<li class="check skip"/);
    expect(section).toContain('Aucun exercice rendu');
    expect(section).toContain('40 vérifications');
  });

  it('a missing file in one exercise is one line for that exercise', () => {
    const r = report('Dan', [exercise('ex3', [
      check('ex3.serveur-echo', 'pass'),
      check('ex3.client-fin', 'skip', { message: 'Pas encore fait : fichier client.py absent.' }),
      check('ex3.serveur-depart-sans-fin', 'skip', { message: 'Pas encore fait : fichier client.py absent.' }),
    ])]);
    const html = renderHtml([r], { generatedAt: AT, lang: 'fr' });
    expect((html.match(/Pas encore fait : fichier client\.py absent/g) ?? []).length).toBe(1);
    expect(html).toMatch(/3-ping-pong<\/b> — Pas encore fait : fichier client\.py absent\. \(2 vérifications\)/);
  });
});
