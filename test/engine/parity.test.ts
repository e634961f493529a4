// A student's file runs under the checker as `python3 file.py` runs it (issue: Python parity).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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
