// Issue 13: intake finds every student: zips inside zips at any depth (bounded), a class zip given
// directly, and a blank grade with a remark (not 0) for a submission that could not be read.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeClass } from '../../src/grade/grade-class.js';
import type { CheckStudent } from '../../src/grade/checker.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { renderCsv } from '../../src/report/csv.js';
import { check, exercise, report } from '../report/fixtures.js';
import { parseCsv, schemaValidator } from '../report/helpers.js';
import { renderJson } from '../../src/report/json.js';
import { zipBuffers, zipFolder } from './zip-helpers.js';
import { existsSync } from 'node:fs';

/** One check per file of exercise 1: passes when the file was found in the submission. */
const found: CheckStudent = async ({ dir, student }) => report(student ?? '?', [exercise('ex1', [
  check('ex1.serveur-ecoute', existsSync(path.join(dir, '1-meme-machine', 'serveur.py')) ? 'pass' : 'skip'),
  check('ex1.client-affiche', existsSync(path.join(dir, '1-meme-machine', 'client.py')) ? 'pass' : 'skip'),
])]);

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const work = (): string => {
  const src = tmp('src-');
  mkdirSync(path.join(src, '1-meme-machine'));
  writeFileSync(path.join(src, '1-meme-machine', 'serveur.py'), 'print(1)\n');
  writeFileSync(path.join(src, '1-meme-machine', 'client.py'), 'print(2)\n');
  return src;
};
const grade = (submissionsDir: string) => gradeClass({ submissionsDir, config: defaultConfig(), lang: 'fr', check: found, jobs: 2 });

describe('intake', () => {
  it('opens a zip found in a sub-folder of a zip (rendu/tp.zip), and zips nested three deep', async () => {
    const root = tmp('classe-');
    const inner = path.join(tmp('z-'), 'tp.zip');
    await zipFolder(work(), inner);
    const { readFileSync } = await import('node:fs');
    await zipBuffers(path.join(root, 'alice.zip'), { 'rendu/tp.zip': readFileSync(inner), 'rendu/lisez-moi.txt': 'bonjour' });
    // bob: zip > folder > zip > zip > files
    const level2 = path.join(tmp('z-'), 'niveau2.zip');
    await zipBuffers(level2, { 'a/tp.zip': readFileSync(inner) });
    await zipBuffers(path.join(root, 'bob.zip'), { 'x/niveau2.zip': readFileSync(level2) });
    const { reports, submissions } = await grade(root);
    expect(reports.map((r) => [r.student, r.score.points])).toEqual([['alice', 2], ['bob', 2]]);
    expect(submissions.alice.notes.join(' ')).not.toContain('Remise vide');
  });

  it('does not open zips nested deeper than the bound, and says so', async () => {
    const root = tmp('classe-');
    const { readFileSync } = await import('node:fs');
    let zip = path.join(tmp('z-'), 'l0.zip');
    await zipFolder(work(), zip);
    for (let i = 1; i <= 6; i++) {
      const next = path.join(tmp('z-'), `l${i}.zip`);
      await zipBuffers(next, { [`d${i}/l${i - 1}.zip`]: readFileSync(zip) });
      zip = next;
    }
    writeFileSync(path.join(root, 'poupees.zip'), readFileSync(zip));
    const { reports, submissions } = await grade(root);
    expect(reports[0].score.points).toBe(0);
    expect(submissions.poupees.notes.join(' ')).toMatch(/archives? (imbriquées|les unes dans les autres)/);
  });

  it('grades a class zip given directly (Moodle « Télécharger tous les travaux remis »)', async () => {
    const src = tmp('moodle-');
    const { readFileSync } = await import('node:fs');
    const tp = path.join(tmp('z-'), 'tp.zip');
    await zipFolder(work(), tp);
    const jean = path.join(src, 'Jean Dupont_4242_assignsubmission_file_');
    mkdirSync(jean);
    writeFileSync(path.join(jean, 'tp.zip'), readFileSync(tp));
    const lea = path.join(src, 'Léa Martin_77_assignsubmission_file_', '1-meme-machine');
    mkdirSync(lea, { recursive: true });
    writeFileSync(path.join(lea, 'serveur.py'), 'print(1)\n');
    const paul = path.join(src, 'Paul Roux_9_assignsubmission_file_');
    mkdirSync(paul);
    writeFileSync(path.join(paul, 'compte-rendu.pdf'), '%PDF');
    const classZip = path.join(tmp('dl-'), 'NSI-TP reseau-12345.zip');
    await zipFolder(src, classZip);
    const { reports, submissions } = await grade(classZip);
    expect(reports.map((r) => [r.student, r.score.points])).toEqual([['Jean Dupont', 2], ['Léa Martin', 1], ['Paul Roux', 0]]);
    expect(submissions['Jean Dupont'].id).toBe('Participant 4242');
    expect(submissions['Paul Roux'].notes).toEqual(['Remise vide : aucun fichier Python trouvé.']);
  });

  it('leaves the grade blank, with a remark, for a submission that could not be read', async () => {
    const root = tmp('classe-');
    await zipFolder(work(), path.join(root, 'a-bien.zip'));
    writeFileSync(path.join(root, 'b-abime.zip'), 'PK\u0003\u0004 ceci n’est pas une archive');
    writeFileSync(path.join(root, 'c-devoir.pdf'), '%PDF');
    const graded = await grade(root);
    const rows = parseCsv(renderCsv(graded.reports, { submissions: graded.submissions }).replace(/^\uFEFF/, ''));
    const col = (name: string) => rows[0].indexOf(name);
    const byName = new Map(rows.slice(1).map((r) => [r[col('Élève')], r]));
    expect(byName.get('a-bien')![col('Note')]).toBe('20');
    for (const who of ['b-abime', 'c-devoir.pdf']) {
      expect(byName.get(who)![col('Note')], who).toBe('');
      expect(byName.get(who)![col('Remarques')], who).toMatch(/Archive refusée|Remise ignorée/);
    }
    expect(graded.reports.find((r) => r.student === 'b-abime')!.ungraded).toBeTruthy();
    const json = JSON.parse(renderJson(graded.reports, { submissions: graded.submissions }));
    expect(schemaValidator('report.schema.json')(json)).toEqual([]);
    expect(json.summary.meanOn20).toBe(20); // the ungraded are not averaged as 0
  });
});
