// gradeClass with a fake checker: order, isolation of hangs and crashes, parallelism, notes.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeClass } from '../../src/grade/grade-class.js';
import type { CheckStudent } from '../../src/grade/checker.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { parseGradeArgs } from '../../src/grade/args.js';
import { runPool } from '../../src/grade/pool.js';
import { check, exercise, report } from '../report/fixtures.js';
import { zipFolder } from './zip-helpers.js';

/** Passes a check per exercise file found; behaves badly for students whose name says so. */
const fake = (log: { running: number; max: number }): CheckStudent => async ({ dir, student, signal }) => {
  log.running++;
  log.max = Math.max(log.max, log.running);
  try {
    if (student?.includes('plante')) throw new Error('boom');
    if (student?.includes('bloque')) await new Promise((resolve) => signal?.addEventListener('abort', resolve)); // obeys abort
    if (student?.includes('sourd')) await new Promise(() => undefined); // ignores abort
    await new Promise((r) => setTimeout(r, student === 'a-lent' ? 150 : 10));
    const has = (f: string) => { try { return readdirSync(path.join(dir, path.dirname(f))).includes(path.basename(f)); } catch { return false; } };
    return report(student ?? '?', [exercise('ex1', [
      check('ex1.serveur-ecoute', has('1-meme-machine/serveur.py') ? 'pass' : 'skip'),
      check('ex1.client-affiche', has('1-meme-machine/client.py') ? 'pass' : 'skip'),
    ])]);
  } finally {
    log.running--;
  }
};

function classFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'classe-'));
  for (const name of ['a-lent', 'b-rapide', 'c-plante', 'd-bloque']) {
    mkdirSync(path.join(root, name, '1-meme-machine'), { recursive: true });
    writeFileSync(path.join(root, name, '1-meme-machine', 'serveur.py'), 'print(1)\n');
  }
  writeFileSync(path.join(root, 'e-devoir.pdf'), '%PDF');
  mkdirSync(path.join(root, 'f-vide'));
  return root;
}

describe('gradeClass', () => {
  it('grades in parallel, sorted output, and keeps one student\'s crash or hang off the others', async () => {
    const log = { running: 0, max: 0 };
    const config = { ...defaultConfig(), studentTimeoutS: 0.3 };
    const progress: string[] = [];
    const { reports, submissions } = await gradeClass({
      submissionsDir: classFolder(), config, lang: 'fr', check: fake(log), jobs: 3,
      onProgress: (d, n, r) => progress.push(`${d}/${n}/${r}`),
    });
    expect(reports.map((r) => r.student)).toEqual(['a-lent', 'b-rapide', 'c-plante', 'd-bloque', 'e-devoir.pdf', 'f-vide']);
    expect(reports.map((r) => r.score.on20)).toEqual([10, 10, 0, 10, 0, 0]);
    expect(reports[2].errors).toEqual(['le vérificateur a planté : boom']);
    expect(reports[3].errors).toEqual([]); // aborted cleanly: the fake returns a report
    expect(log.max).toBe(3);
    expect(progress.at(-1)).toBe('6/6/0');
    expect(submissions['e-devoir.pdf'].notes).toEqual(['Remise ignorée : « e-devoir.pdf » n’est ni un dossier ni une archive .zip.']);
    expect(submissions['f-vide'].notes).toEqual(['Remise vide : aucun fichier Python trouvé.']);
  });

  it('gives up on a checker that ignores the abort, for that student only', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'classe-'));
    for (const name of ['a-sourd', 'b-bien']) mkdirSync(path.join(root, name));
    const started = Date.now();
    const { reports } = await gradeClass({ submissionsDir: root, config: { ...defaultConfig(), studentTimeoutS: 0.2 }, lang: 'fr', check: fake({ running: 0, max: 0 }), jobs: 2, graceMs: 100 });
    expect(reports[0].errors).toEqual(['le vérificateur n’a pas terminé en 0 s']);
    expect(reports[1].errors).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('opens zips, with a Moodle name and the archive nested in the student folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'classe-'));
    const src = mkdtempSync(path.join(tmpdir(), 'src-'));
    mkdirSync(path.join(src, '1-meme-machine'));
    writeFileSync(path.join(src, '1-meme-machine', 'client.py'), 'print(1)\n');
    await zipFolder(src, path.join(root, 'Jean Dupont_4242_assignsubmission_file_.zip'), 'tp/');
    mkdirSync(path.join(root, 'Léa Martin_77_assignsubmission_file_'));
    await zipFolder(src, path.join(root, 'Léa Martin_77_assignsubmission_file_', 'rendu.zip'));
    const { reports, submissions } = await gradeClass({ submissionsDir: root, config: defaultConfig(), lang: 'fr', check: fake({ running: 0, max: 0 }) });
    expect(reports.map((r) => [r.student, r.score.points])).toEqual([['Jean Dupont', 1], ['Léa Martin', 1]]);
    expect(submissions['Jean Dupont']).toMatchObject({ id: 'Participant 4242', source: 'zip' });
  });
});

describe('runPool and arguments', () => {
  it('returns results in input order whatever finishes first', async () => {
    const out = await runPool([30, 1, 15, 2], 4, (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)));
    expect(out).toEqual([30, 1, 15, 2]);
  });

  it('parses the grade command line', () => {
    expect(parseGradeArgs(['remises', '--out', 'res', '--jobs=3', '--time-factor', '1,5', '--formats', 'csv,html'])).toMatchObject({
      submissions: 'remises', out: 'res', jobs: 3, timeFactor: 1.5, formats: ['csv', 'html'],
    });
    expect(() => parseGradeArgs(['a', 'b'])).toThrow();
    expect(() => parseGradeArgs(['a', '--jobs', '0'])).toThrow();
    expect(() => parseGradeArgs(['a', '--formats', 'pdf'])).toThrow();
  });
});

describe('progress line', () => {
  it('rewrites one line on a terminal and stays silent otherwise', async () => {
    const { progressLine } = await import('../../src/grade/progress.js');
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const p = progressLine(3, (d, n, r) => `${d}/${n} (${r})`, tty);
    p.update(0, 2); p.update(0, 2); p.update(1, 2); p.end();
    expect(written).toEqual(['\r\x1b[2K0/3 (2)', '\r\x1b[2K1/3 (2)', '\r\x1b[2K']);
    const pipe = { isTTY: false, write: () => { throw new Error('no output expected'); } } as unknown as NodeJS.WriteStream;
    const q = progressLine(3, () => 'x', pipe);
    q.update(1, 1); q.end();
  });
});
