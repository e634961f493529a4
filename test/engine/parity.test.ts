// A student's file runs under the checker as `python3 file.py` runs it (issue: Python parity).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Transcript } from '../../src/engine/transcript.js';
import { diagnose } from '../../src/runner/diagnose.js';
import { EndedError } from '../../src/util/wait.js';
import { LONG, fixture, python, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('source decoding (PEP 263)', () => {
  it('a latin-1 byte in a comment, no coding line: refused as python3 refuses it', async () => {
    const py = await python();
    const plain = (() => {
      try {
        execFileSync(py, [fixture('latin1_comment.py')], { stdio: 'pipe' });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    })();
    expect(plain).toBe(1);
    const run = await startRun('latin1_comment.py');
    expect(await run.exited(LONG)).toEqual({ code: 1, signal: null });
    expect(run.stdout).toBe('');
    const ex = run.first('exception');
    expect(ex).toMatchObject({ type: 'SyntaxError', line: 1 });
    expect(ex?.message).toMatch(/^Non-UTF-8 code starting with '\\xe9' .* on line 1, but no encoding declared/);
    // the hint is about the file's encoding, not about encode()/decode()
    expect(diagnose(new EndedError('event listen'), run).hint).toBe('source-encoding');
  });

  it('the same byte with a coding line runs', async () => {
    const run = await startRun('latin1_declared.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
  });
});

describe('names: argv, __file__, tracebacks', () => {
  it('sys.argv[0] is the file name as typed, __file__ an absolute path to it', async () => {
    const run = await startRun('names.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    const [argv0, file, abs] = run.stdout.trim().split('\n');
    expect(argv0).toBe('names.py');
    expect(basename(file)).toBe('names.py');
    expect(abs).toBe('True');
  });

  it("a traceback names the student's own file, not the checker's working copy", async () => {
    const copy = mkdtempSync(join(tmpdir(), 'tp-reseau-sc-'));
    tmp.push(copy);
    cpSync(fixture('raises.py'), join(copy, 'raises.py'));
    const shownFile = join(dirname(fixture('raises.py')), 'raises.py');
    const run = await startRun(join(copy, 'raises.py'), { shownFile, transcript: new Transcript() });
    expect(await run.exited(LONG)).toEqual({ code: 1, signal: null });
    const tb = run.traceback() ?? '';
    expect(tb).toContain(`File "${shownFile}", line 5`);
    expect(tb).not.toContain(copy);
  });
});

describe('site-packages', () => {
  it('an installed module imports under the checker as it does with python3 (site-packages skipped at start only)', async () => {
    const py = await python();
    const plain = execFileSync(py, [fixture('imports_installed.py')]).toString();
    expect(plain).toBe('pip pip\n');
    const run = await startRun('imports_installed.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.stdout).toBe('pip pip\n');
  });
});

describe('the end of a program', () => {
  // The fork server ends a program without tearing down the interpreter it shares with the server
  // (tprc_forkserver._end): what the program sees of its end must stay what python3 gives it.
  const plainRun = (py: string, file: string, cwd: string) => {
    try {
      return { code: 0, stdout: execFileSync(py, [file], { cwd, stdio: 'pipe' }).toString(), stderr: '' };
    } catch (e) {
      const err = e as { status: number; stdout: Buffer; stderr: Buffer };
      return { code: err.status, stdout: err.stdout.toString(), stderr: err.stderr.toString() };
    }
  };

  it.each(['ends_finalized.py', 'ends_exit_message.py', 'ends_exit_code.py'])('%s: same output, status and files as with python3', async (name) => {
    const py = await python();
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'tprc-end-')));
    tmp.push(...dirs);
    for (const d of dirs) cpSync(fixture(name), join(d, name));
    const plain = plainRun(py, join(dirs[0], name), dirs[0]);
    const run = await startRun(join(dirs[1], name));
    const exit = await run.exited(LONG);
    expect({ code: exit.code, stdout: run.stdout, stderr: run.stderr }).toEqual(plain);
    const written = (d: string) => (existsSync(join(d, 'journal.txt')) ? readFileSync(join(d, 'journal.txt'), 'utf8') : undefined);
    expect(written(dirs[1])).toBe(written(dirs[0]));
  });
});
