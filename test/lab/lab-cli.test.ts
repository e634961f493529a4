// --lab DIR (and the config's `lab`) as a teacher uses them: check a copy, see the lab's own
// checks; a lab with a typo stops the command with its line and a suggestion (exit 2); grade a
// class against the lab, the grades computed on its checks.
import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { schemaValidator } from '../report/helpers.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const CHECK = path.join(ROOT, 'dist', 'src', 'cli', 'check.js');
const GRADE = path.join(ROOT, 'dist', 'src', 'cli', 'grade.js');
const QUIT = path.join(ROOT, 'examples', 'ping-pong-quit');
const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const run = (file: string, args: string[], cwd = ROOT) =>
  execa(process.execPath, [file, ...args], { cwd, env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }, reject: false, timeout: 90_000, stdin: 'ignore' });

describe('npm run check -- --lab DIR', () => {
  it('checks a copy against the lab’s own checks (exit 0 on its reference)', async () => {
    const r = await run(CHECK, ['--lab', QUIT, path.join(QUIT, 'reference')]);
    expect(r.stdout).toContain('Sur « quit », le serveur répond « quit », ferme et se termine');
    expect(r.stdout).toContain('Le serveur écoute sur le port 50000');
    expect(r.stdout).not.toContain('1-meme-machine');
    expect(r.exitCode).toBe(0);
  });

  it('without a folder, checks the lab’s student-template/ (exit 1: still to do)', async () => {
    const r = await run(CHECK, ['--lab', QUIT]);
    expect(r.stdout).toContain(path.join(QUIT, 'student-template'));
    expect(r.exitCode).toBe(1);
  });

  it('--explain lists the lab’s checks, in English with --lang en', async () => {
    const r = await run(CHECK, ['--lab', QUIT, '--explain', 'pp', '--lang', 'en']);
    expect(r.stdout).toContain('pp.client-quit');
    expect(r.stdout).toContain('On “quit”, the client sends “quit”, then closes and ends');
  });

  it('a lab with a typo: exit 2, the file, line and column, the step meant; nothing checked', async () => {
    const lab = tmp('lab-typo-');
    cpSync(QUIT, lab, { recursive: true });
    const file = path.join(lab, '3-ping-pong.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('send end word: $end', 'send end wrd: $end'));
    const r = await run(CHECK, ['--lab', lab, path.join(QUIT, 'reference')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/3-ping-pong\.yaml:\d+:9 : étape inconnue « send end wrd »\. \(vouliez-vous dire « send end word » \?\)/);
    expect(r.stdout).toBe('');
  });

  it('the config’s `lab` key, relative to the config file', async () => {
    const dir = tmp('config-lab-');
    writeFileSync(path.join(dir, 'tp-reseau.config.json'), JSON.stringify({ lab: path.relative(dir, QUIT), points: { 'pp.serveur-port': 3 } }));
    const r = await run(CHECK, [path.join(QUIT, 'reference'), '--json'], dir);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.exercises.map((e: { id: string }) => e.id)).toEqual(['pp']);
    expect(doc.score.max).toBe(15); // 13 points, the port check counting 3 instead of 1
  });
});

describe('reports of another lab', () => {
  it('report.json with the lab’s own exercise and check ids follows schemas/report.schema.json', async () => {
    const out = path.join(tmp('out-'), 'rapport');
    const r = await run(CHECK, ['--lab', QUIT, path.join(QUIT, 'buggy', 'serveur-port-12345'), '--out', out, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(doc.students[0].exercises[0].id).toBe('pp');
    expect(schemaValidator('report.schema.json')(doc)).toEqual([]);
  });
});

describe('npm run grade -- --lab DIR', () => {
  it('grades a class on the lab’s checks', async () => {
    const classe = tmp('classe-');
    cpSync(path.join(QUIT, 'reference'), path.join(classe, 'alice'), { recursive: true });
    cpSync(path.join(QUIT, 'buggy', 'serveur-port-12345'), path.join(classe, 'bob'), { recursive: true });
    const out = path.join(tmp('out-'), 'resultats');
    const r = await run(GRADE, ['--lab', QUIT, classe, '--out', out, '--formats', 'csv']);
    expect(r.exitCode, r.stderr).not.toBe(2);
    const csv = readFileSync(path.join(out, 'grades.csv'), 'utf8');
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));
    expect(header).toContain('3-ping-pong (points)');
    const cell = (name: string, column: string) => rows.find((r) => r[0] === name)![header.indexOf(column)];
    expect([cell('alice', 'Maximum'), cell('alice', 'Note')]).toEqual(['13', '20']);
    // bob's server listens on 12345: the port check fails, the echo checks pass; no client
    expect(cell('bob', 'Points')).toBe('5');
  });
});
