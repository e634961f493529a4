// Issue 13: the grade command works however it is started (through the symlinks of
// node_modules/.bin, from a symlinked folder), checks --formats against the class before any
// grading, and a failing report writer never loses the others.
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/write-reports.js';
import { classOf4 } from '../report/fixtures.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const GRADE = path.join(ROOT, 'dist', 'src', 'cli', 'grade.js');
const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const run = (file: string, args: string[]) =>
  execa(process.execPath, [file, ...args], { cwd: tmpdir(), env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }, reject: false, timeout: 60_000, stdin: 'ignore' });

describe('tp-reseau-grade, however it is started', () => {
  it('runs through a symlink, as node_modules/.bin/tp-reseau-grade does', async () => {
    const bin = path.join(tmp('bin-'), 'tp-reseau-grade');
    symlinkSync(GRADE, bin);
    const r = await run(bin, ['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('npm run grade');
  });

  it('runs from a folder reached through a symlink', async () => {
    const link = path.join(tmp('lien-'), 'verificateur');
    symlinkSync(ROOT, link, 'dir');
    const r = await run(path.join(link, 'dist', 'src', 'cli', 'grade.js'), ['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('npm run grade');
  });
});

describe('formats checked before grading', () => {
  it('refuses gradescope for a class of several students: exit 2, a clear message, nothing graded', async () => {
    const classe = tmp('classe-');
    for (const name of ['alice', 'bob']) mkdirSync(path.join(classe, name));
    const out = path.join(tmp('out-'), 'resultats');
    const r = await run(GRADE, [classe, '--formats', 'csv,gradescope', '--out', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('gradescope');
    expect(r.stderr).toContain('--single');
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(existsSync(out)).toBe(false);
  });
});

describe('writeReports', () => {
  it('writes every other format when one writer fails, then says which one failed', async () => {
    const out = tmp('out-');
    mkdirSync(path.join(out, 'report.html')); // a folder where the file should go: that writer fails
    const p = writeReports(out, classOf4(), ['json', 'csv', 'html', 'junit'], { generatedAt: '2026-03-02T09:00:00.000Z', env: {} });
    await expect(p).rejects.toThrow(/report\.html/);
    for (const f of ['report.json', 'grades.csv', 'junit.xml']) expect(existsSync(path.join(out, f)), f).toBe(true);
  });
});

describe('a class zip given directly', () => {
  it('is unpacked and graded as a folder of entries', async () => {
    const { zipBuffers } = await import('../grade/zip-helpers.js');
    const zip = path.join(tmp('dl-'), 'classe.zip');
    await zipBuffers(zip, { 'Jean Dupont_4242_assignsubmission_file_/compte-rendu.pdf': '%PDF', 'Léa Martin_77_assignsubmission_file_/notes.txt': 'x' });
    const out = path.join(tmp('out-'), 'r');
    const r = await run(GRADE, [zip, '--out', out, '--formats', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path.join(out, 'grades.csv'), 'utf8');
    expect(csv).toContain('Participant 4242;Jean Dupont');
    expect(csv).toContain('Participant 77;Léa Martin');
  }, 60_000);
});
void writeFileSync;
