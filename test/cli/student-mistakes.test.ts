// What a student reads after a mistake on the command line: in their language (never Node's
// English), with what to type instead; and an exercise folder given by mistake is simply checked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'check.js');

async function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await execa(process.execPath, [CLI, ...args], { cwd: ROOT, env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1', ...env }, reject: false, timeout: 60_000, stdin: 'ignore' });
  return { code: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Words of Node's own argument parser, which must never reach a student. */
const NODE_ENGLISH = /Unknown option|argument missing|does not take an argument|positional argument|To specify/;

describe('mistakes on the command line', () => {
  it('an unknown option is named in French, with where to find the options', async () => {
    const r = await check(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(NODE_ENGLISH);
    expect(r.stderr).toContain('Option inconnue : --frobnicate');
    expect(r.stderr).toContain('npm run check -- --help');
  });

  it('a missing value gives an example, in English with --lang en', async () => {
    const fr = await check(['--exercise']);
    expect(fr.stderr).not.toMatch(NODE_ENGLISH);
    expect(fr.stderr).toContain('--exercise ex1');
    const en = await check(['--lang', 'en', '--exercise']);
    expect(en.stderr).toContain('--exercise needs a value');
    const flag = await check(['--json=oui']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--json ne prend pas de valeur');
  });

  it('--lang de is refused (exit 2), listing fr and en', async () => {
    const r = await check(['--lang', 'de', '--explain', 'ex1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Langue inconnue : de\..*fr \(français\).*en \(anglais\)/);
  });

  it('two folders (a path with a space, unquoted) are refused, not half-ignored', async () => {
    const r = await check(['mon', 'tp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Un seul dossier à la fois');
    expect(r.stderr).toContain('guillemets');
  });

  it('a file instead of a folder: says it is a file and what to type', async () => {
    const r = await check(['package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Dossier introuvable');
    expect(r.stderr).toContain('est un fichier, pas un dossier');
    const inExercise = await check([join('student-template', '3-ping-pong', 'serveur.py')]);
    expect(inExercise.stderr).toContain('est un fichier');
    expect(inExercise.stderr).toMatch(/npm run check -- ".*student-template" -e ex3/);
  });

  it('a folder of Python files without the exercise folders: says how to arrange it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loose-'));
    writeFileSync(join(dir, 'serveur.py'), 'print(1)\n');
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aucun dossier d’exercice');
    expect(r.stdout).not.toContain('absent');
  });

  it('an exercise folder is checked as that exercise', async () => {
    const r = await check([join('test', 'corpus', 'buggy', 'ex3-serveur-majuscules', '3-ping-pong'), '--json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.exercises.map((e: { id: string }) => e.id)).toEqual(['ex3']);
    const echo = doc.exercises[0].checks.find((c: { id: string }) => c.id === 'ex3.serveur-echo');
    expect(echo.status).toBe('fail'); // really checked: not « fichier serveur.py absent »
    const other = await check([join('student-template', '3-ping-pong'), '-e', 'ex1']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('celui de l’exercice 3-ping-pong');
  });

  it('a broken config file: French, with the line and the usual cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'c.json'), '{\n  "timeFactor": 2,\n}\n');
    const r = await check(['reference', '-e', 'ex1', '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Expected|position|Unexpected/);
    expect(r.stderr).toContain('JSON invalide, ligne 3, colonne 1');
    expect(r.stderr).toContain('virgule en trop');
    const missing = await check(['--config', join(dir, 'absent.json'), 'reference']);
    expect(missing.stderr).toContain('fichier introuvable');
    expect(missing.stderr).not.toContain('ENOENT');
  });
});

describe('--explain with what a student remembers', () => {
  it('a short id when only one check has it', async () => {
    const r = await check(['--explain', 'serveur-echo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ex3\.serveur-echo — /);
  });

  it('an exercise, by id, folder or number, lists its checks', async () => {
    for (const q of ['ex3', '3-ping-pong', '3']) expect((await check(['--explain', q])).stdout, q).toMatch(/^ex3 — 3-ping-pong — /);
  });

  it('part of a title, accents or not', async () => {
    const r = await check(['--explain', 'renvoie chaque message']);
    expect(r.stdout).toMatch(/^ex3\.serveur-echo — /);
  });

  it('a wrong id gets « Tu voulais dire … ? », an ambiguous one the list', async () => {
    const wrong = await check(['--explain', 'ex3.echo']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Tu voulais dire ex3.serveur-echo');
    expect(wrong.stderr).toContain('npm run check -- --explain ex3.serveur-echo');
    const typo = await check(['--explain', 'ex1.client-afiche']);
    expect(typo.stderr).toContain('Tu voulais dire ex1.client-affiche');
    const both = await check(['--explain', 'serveur-ecoute']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/Plusieurs vérifications correspondent[\s\S]*ex1\.serveur-ecoute[\s\S]*ex2\.serveur-ecoute/);
  });

  it('the ids are shown next to each failed check, with how to use them', async () => {
    const r = await check([join('test', 'corpus', 'buggy', 'ex3-serveur-majuscules'), '-e', 'ex3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Le serveur renvoie chaque message à l’identique +ex3\.serveur-echo/);
    expect(r.stdout).toContain('npm run check -- --explain ex3.serveur-echo');
    expect(r.stdout).not.toMatch(/✓ .*ex3\./); // passed checks stay uncluttered
  });
});
