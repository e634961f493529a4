// A student's program as a process: output, crashes, exit codes, CPU time, and killing the whole tree.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoHelloError, OUTPUT_CAP } from '../../src/engine/python-run.js';
import { Transcript } from '../../src/engine/transcript.js';
import { EndedError, observe } from '../../src/util/wait.js';
import { LONG, alive, eventually, fixture, lineOf, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();

describe('output', () => {
  it('caps stdout + stderr at 1 MiB, flags it, and notes it in the transcript', async () => {
    const transcript = new Transcript();
    const run = await startRun('output_flood.py', { transcript });
    // past the cap the checker stops reading: the flooding program blocks on its writes (no exit)
    await run.watch.until(() => run.outputTruncated, LONG, 'output cap');
    expect(run.exit).toBeUndefined();
    expect(Buffer.byteLength(run.stdout) + Buffer.byteLength(run.stderr)).toBe(OUTPUT_CAP);
    expect(OUTPUT_CAP).toBe(1024 * 1024);
    expect(run.outputTruncated).toBe(true);
    expect(run.stdout).not.toContain('never shown');
    expect(transcript.snapshot().filter((e) => e.kind === 'note' && e.text.includes('truncated'))).toHaveLength(1);
  });

  it('decodes UTF-8 split across pipe reads without damage', async () => {
    const run = await startRun('accents_long.py');
    await run.exited(LONG);
    expect(run.stdout).toBe('x' + 'é'.repeat(100000) + '\nBonjour à toi, ça va ?\n');
    expect(run.stdout).not.toContain('\uFFFD');
  });

  it('mirrors printed lines into the transcript, in order', async () => {
    const transcript = new Transcript();
    const run = await startRun('exit_code.py', { transcript, actor: 'client' });
    await run.exited(LONG);
    const kinds = transcript.snapshot().map((e) => [e.kind, e.from, e.text]);
    expect(kinds).toEqual([
      ['stdout', 'client', 'bye'],
      ['exit', 'client', 'code 3'],
    ]);
  });
});

describe('exit codes, signals, crashes', () => {
  it('records the exit code (exit() works without site)', async () => {
    const run = await startRun('exit_code.py');
    expect(await run.exited(LONG)).toEqual({ code: 3, signal: null });
    expect(run.helloReceived).toBe(true);
    expect(run.all('exception')).toEqual([]);
  });

  it('records a signal', async () => {
    const run = await startRun('exit_signal.py');
    expect(await run.exited(LONG)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('a syntax error: traceback and line, exit 1', async () => {
    const run = await startRun('syntax_error.py');
    expect(await run.exited(LONG)).toEqual({ code: 1, signal: null });
    const ex = run.first('exception');
    expect(ex).toMatchObject({ thread: 'MainThread', type: 'SyntaxError', line: 3 });
    expect(run.traceback()).toMatch(/syntax_error\.py", line 3[\s\S]*SyntaxError/);
    expect(run.stderr).toContain('SyntaxError');
    expect(run.stderr).not.toContain('tprc_boot');
  });

  it('an exception in a function: the student line, without the module frames', async () => {
    const run = await startRun('str_send.py');
    await run.exited(LONG);
    expect(run.first('exception')).toMatchObject({ type: 'TypeError', line: lineOf('str_send.py', 's.send(') });
    expect(run.traceback()).toContain("a bytes-like object is required, not 'str'");
    expect(run.traceback()).not.toContain('tprc_boot');
  });

  it('a missing file in an existing folder: FileNotFoundError, exit 1', async () => {
    const run = await startRun(fixture('does_not_exist.py'));
    expect(await run.exited(LONG)).toEqual({ code: 1, signal: null });
    expect(run.first('exception')).toMatchObject({ type: 'FileNotFoundError' });
  });

  it('a missing folder: the run ends (no hello) instead of hanging', async () => {
    const run = await startRun(fixture('no_such_dir/serveur.py'));
    await expect(run.listening(LONG)).rejects.toBeInstanceOf(NoHelloError);
    expect(run.helloReceived).toBe(false);
    expect(run.exit).toBeDefined();
  });

  it('a latin-1 file without a coding line: SyntaxError with the line', async () => {
    const run = await startRun('latin1_undeclared.py');
    expect(await run.exited(LONG)).toEqual({ code: 1, signal: null });
    expect(run.first('exception')).toMatchObject({ type: 'SyntaxError', line: 1 });
    expect(run.first('exception')?.message).toMatch(/Non-UTF-8|utf-8/i);
    // reading the source for a report line does not throw on invalid UTF-8
    expect(run.sourceLine(1)).toContain('message');
  });

  it('a latin-1 file with its coding line runs, and prints UTF-8', async () => {
    const run = await startRun('latin1_declared.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.stdout).toBe('été\n');
  });
});

describe('a run whose module never said hello', () => {
  it('is known (helloReceived false) and ends as soon as the process exits', async () => {
    // the wrapper replaces the whole command: the module never runs
    const run = await startRun('exit_code.py', { wrap: (file) => ({ file, args: ['-c', 'print("no module")'] }) });
    await expect(run.listening(LONG)).rejects.toBeInstanceOf(NoHelloError);
    expect(run.helloReceived).toBe(false);
    expect(run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout).toBe('no module\n');
    // the runner turns this into a checker error, never a student's failure
    const { diagnose } = await import('../../src/runner/diagnose.js');
    expect(diagnose(new EndedError('event listen'), run).status).toBe('error');
  });

  it('a connection with an unknown token is dropped by the report hub', async () => {
    const { reportHub } = await import('../../src/engine/report-hub.js');
    const [host, port] = (await reportHub.start()).split(':');
    const { connect } = await import('node:net');
    const sock = connect({ host, port: Number(port) });
    const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
    sock.on('error', () => {});
    sock.write(JSON.stringify({ ev: 'hello', token: 'not-a-token', pid: 1, exe: '', version: [3, 11, 0], file: '' }) + '\n');
    await closed;
  });
});

describe('CPU time', () => {
  it('cpuSeconds() asks the module: grows for a busy loop, and fails once the run ended', async () => {
    const run = await startRun('busy.py');
    await run.waitEvent('hello', LONG);
    const first = await run.cpuSeconds(LONG);
    expect(first).toBeGreaterThanOrEqual(0);
    // ask again until it has grown (each answer is an event), within a deadline: on a loaded
    // machine the loop may get little CPU in any fixed window
    const end = performance.now() + LONG;
    let second = first;
    while (second < first + 0.05 && performance.now() < end) second = await run.cpuSeconds(LONG);
    expect(second).toBeGreaterThanOrEqual(first + 0.05);
    await run.stop();
    await expect(run.cpuSeconds(LONG)).rejects.toBeInstanceOf(EndedError);
  });

  it('stays near zero for a program blocked in input()', async () => {
    const run = await startRun('blocked_input.py');
    await run.inputRequested(1, LONG);
    const first = await run.cpuSeconds(LONG);
    await observe(run.watch, 300);
    expect((await run.cpuSeconds(LONG)) - first).toBeLessThan(0.1);
  });
});

describe('stop(): the whole process tree', () => {
  it('kills a program that never exits', async () => {
    const run = await startRun('forever.py');
    await run.watch.until(() => run.stdout.includes('running'), LONG, 'running');
    const pid = run.pid!;
    expect(alive(pid)).toBe(true);
    await run.stop();
    expect(run.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(alive(pid)).toBe(false);
  });

  it("kills the program's child process too", async () => {
    const run = await startRun('spawns_child.py');
    const m = await run.watch.until(() => /child (\d+)\n/.exec(run.stdout), LONG, 'child pid');
    const child = Number(m[1]);
    expect(alive(child)).toBe(true);
    await run.stop();
    await eventually(() => !alive(child), 5000, `child ${child} gone`);
  });

  // Linux reads the tree from /proc; elsewhere only the process group is signalled (README: Limites).
  it.runIf(process.platform === 'linux')("kills a child that left the program's process group (new session)", async () => {
    const run = await startRun('spawns_detached_child.py');
    const m = await run.watch.until(() => /child (\d+)\n/.exec(run.stdout), LONG, 'child pid');
    const child = Number(m[1]);
    expect(alive(child)).toBe(true);
    await run.stop();
    await eventually(() => !alive(child), 5000, `child ${child} gone`);
  });

  it('stop() twice, and stop() after a normal exit, are harmless', async () => {
    const run = await startRun('exit_code.py');
    await run.exited(LONG);
    await run.stop();
    await run.stop();
    expect(run.exit).toEqual({ code: 3, signal: null });
  });
});

describe('resource limits (POSIX)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tprc-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(process.platform !== 'win32')('applies TPRC_LIMITS before the student code runs', async () => {
    const file = join(dir, 'limits.py');
    writeFileSync(file, 'import resource\nprint(resource.getrlimit(resource.RLIMIT_NOFILE)[0])\n');
    const run = await startRun(file, { limits: { nofile: 64 } });
    await run.exited(LONG);
    expect(run.stdout).toBe('64\n');
  });
});
