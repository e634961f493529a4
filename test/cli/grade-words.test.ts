// The teacher's command says what went wrong in words, not with Node's error codes or English.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const GRADE = join(ROOT, 'dist', 'src', 'cli', 'grade.js');

async function grade(args: string[]): Promise<{ code: number; stderr: string }> {
  const r = await execa(process.execPath, [GRADE, ...args], { cwd: ROOT, env: { LANG: 'fr_FR.UTF-8' }, reject: false, timeout: 60_000, stdin: 'ignore' });
  return { code: r.exitCode ?? 1, stderr: r.stderr };
}

describe('npm run grade, when it cannot start', () => {
  it('a file or a missing folder instead of the submissions folder', async () => {
    const file = await grade(['package.json']);
    expect(file.code).toBe(2);
    expect(file.stderr).not.toMatch(/ENOTDIR|ENOENT/);
    expect(file.stderr).toContain('n’est ni un dossier de remises ni une archive .zip');
    const missing = await grade([join('no', 'such', 'folder')]);
    expect(missing.stderr).not.toContain('ENOENT');
    expect(missing.stderr).toContain('dossier introuvable');
  });

  it('a Python that does not work, in French', async () => {
    const r = await grade(['reference', '--single', '--python', '/no/python3', '--out', join(ROOT, 'node_modules', '.cache', 'grade-words')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/no Python|found|tried/);
    expect(r.stderr).toContain('/no/python3');
  });
});
