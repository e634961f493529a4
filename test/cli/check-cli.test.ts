// The student's command as a process: exit codes, --json document, language, bad input.
import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { join } from 'node:path';
import { isolationMode } from '../../src/engine/isolation.js';
import { findPython } from '../../src/python/discover.js';

const ROOT = join(import.meta.dirname, '..', '..');
// namespaces where this machine allows them (Linux with unprivileged user namespaces)
const netnsHere = (await isolationMode((await findPython()).path)) === 'netns';
const CLI = join(ROOT, 'dist', 'src', 'cli', 'check.js');

/** Run the compiled CLI as a student would. execa: timeout, exit code and output in one call. */
async function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await execa(process.execPath, [CLI, ...args], { cwd: ROOT, env: { LANG: 'fr_FR.UTF-8', NO_COLOR: '1', ...env }, reject: false, timeout: 60_000, stdin: 'ignore' });
  return { code: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run check', () => {
  it('exits 0 on reference/ and prints a French summary', async () => {
    const r = await check(['reference', '-e', 'ex1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Score');
    expect(r.stdout).toContain('✓ Le serveur démarre et écoute');
  });

  it('--json prints one document with the stable fields', async () => {
    const r = await check(['reference', '--exercise', '3-ping-pong', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.score).toMatchObject({ points: expect.any(Number), max: expect.any(Number), on20: 20 });
    const ex = doc.exercises[0];
    expect(ex).toMatchObject({ id: 'ex3', title: expect.any(String) });
    for (const c of ex.checks) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'role', 'title', 'status', 'points', 'maxPoints', 'bonus', 'message', 'hint']));
      expect(['pass', 'fail', 'timeout', 'crash', 'skip', 'not-reached', 'error']).toContain(c.status);
    }
    expect(ex.checks.find((c: { id: string }) => c.id === 'ex3.serveur-depart-sans-fin').bonus).toBe(true);
  });

  it.each(['module', 'netns'].filter((m) => m === 'module' || netnsHere))(
    'prints its report and exits 0 with isolation %s (the run ends only once its helpers are gone)',
    async (mode) => {
      const r = await check(['reference', '-e', 'ex1', '--json'], { TPRC_ISOLATION: mode });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ isolation: mode, score: { on20: 20 } });
    },
  );

  it('exits 1 with a hint when a check fails, in English with --lang en', async () => {
    const r = await check([join('test', 'corpus', 'buggy', 'ex1-client-sans-encode'), '-e', 'ex1', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('send() needs bytes');
    expect(r.stdout).toContain('TypeError');
  });

  it('a missing file is "not done yet", not a crash', async () => {
    const r = await check([join('test', 'corpus', 'buggy', 'ex1-client-sans-encode'), '-e', 'ex1']);
    expect(r.stdout).toContain('Pas encore fait : fichier serveur.py absent.');
    expect(r.stderr).toBe('');
  });

  it('exits 2 with a clear message on a missing folder or an unknown exercise', async () => {
    const a = await check(['no-such-folder']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('Dossier introuvable');
    const b = await check(['reference', '-e', 'ex9']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('Exercice inconnu');
  });

  it('--version and --help answer at once', async () => {
    const v = await check(['--version']);
    expect(v.stdout).toMatch(/^tp-reseau-check \d+\.\d+\.\d+/);
    const h = await check(['--help', '--lang', 'en']);
    expect(h.stdout).toContain('Usage: npm run check');
  });
});

describe('npm run check --out', () => {
  it('writes the same report files as grade, for one student', async () => {
    const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = mkdtempSync(join(tmpdir(), 'check-out-'));
    const r = await check(['reference', '-e', 'ex1', '--out', out, '--format', 'json,csv,junit,gradescope']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['grades.csv', 'junit.xml', 'report.json', 'results.json']);
    const gradescope = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(gradescope.tests.length).toBe(10);
    const bad = await check(['reference', '--out', out, '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Format inconnu');
  });
});
