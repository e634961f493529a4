// Turn what went wrong in a step (an exception from a wait, a crash) into a Failure a student can act on.
import { NoHelloError, type PythonRun } from '../engine/python-run.js';
import { DeadlineError, EndedError } from '../util/wait.js';
import { MismatchError } from '../peers/connection.js';
import { bytesText } from '../engine/transcript.js';
import { CheckFailure, type Failure } from './types.js';
import { limitHint, signalHint } from '../sandbox/limits.js';

/** Classic mistakes recognised from a Python exception (type and message). */
export function hintFromException(type: string, message: string): string | undefined {
  const limit = limitHint(type, message);
  if (limit) return limit;
  if (type === 'PermissionError' && /tp-reseau-check/.test(message)) return 'non-loopback';
  if (type === 'TypeError' && /bytes-like object is required, not 'str'|argument 1 must be .*bytes.*not str|must be bytes/.test(message)) return 'encode';
  if (/Address already in use|only one usage of each socket address|Errno (98|48|10048)/i.test(message)) return 'port-in-use';
  if (type === 'ConnectionRefusedError' || /Connection refused|Errno (111|61|10061)/.test(message)) return 'connection-refused';
  // a file saved in another encoding than UTF-8 (Windows: ANSI / latin-1): Python refuses to read it
  if (type === 'SyntaxError' && /Non-UTF-8 code|unicode error|codec can't decode|encoding problem|unknown encoding/.test(message)) return 'source-encoding';
  if (type === 'SyntaxError' || type === 'IndentationError' || type === 'TabError') return 'syntax-error';
  if (type === 'UnicodeDecodeError' || type === 'UnicodeEncodeError') return 'encoding';
  if (type === 'ModuleNotFoundError' || type === 'ImportError') return 'module-missing';
  if ((type === 'ConnectionResetError' || type === 'BrokenPipeError' || type === 'OSError') && /Broken pipe|reset|Bad file descriptor|Errno (9|32|104)/i.test(message)) return 'crash-departure';
  return undefined;
}

/**
 * Before judging a failure, let the program's side settle: its exception event travels on the report
 * channel while the closed connection or the exit is seen elsewhere, and either may come first. A
 * program that exits is waited for until its channel is drained; one that keeps running costs at
 * most `graceMs` (failure paths only).
 */
export async function settle(run: PythonRun | undefined, graceMs: number): Promise<void> {
  if (!run || run.watch.isEnded) return;
  await run.watch.until(() => run.exit !== undefined, graceMs, 'exit').catch(() => undefined);
  if (run.exit) await run.watch.until(() => run.watch.isEnded, 2 * graceMs, 'report channel').catch(() => undefined);
}

/** Which program, as the student calls it: their server, their client. */
export function whoKey(run: PythonRun | undefined): string {
  const actor = run?.options.actor ?? '';
  return actor.startsWith('serveur') ? 'who.serveur' : actor.startsWith('client') ? 'who.client' : 'who.program';
}

/** What a wait was for (its `what`, an internal name), as the part of a sentence a student reads. */
export function awaitedKey(what: string): string {
  const w = what.replace(/^event /, '');
  if (['listen', 'accept', 'input', 'recv', 'print', 'close', 'exit'].includes(w)) return `await.${w}`;
  if (w === 'connect' || w === 'connection' || w === 'connect-fail') return 'await.connect';
  if (/bytes$|^data$|^relay|^echo$/.test(w)) return 'await.data';
  return 'await.next';
}

/** The exception's message without what the report says apart (a SyntaxError's "(file, line N)"). */
function exceptionText(type: string, message: string): string {
  return /Error$/.test(type) ? message.replace(/ \([^()]*, line \d+\)$/, '') : message;
}

/** Did this run fail on its own (exception, non-zero exit), as opposed to being stopped by us? */
export function crashed(run: PythonRun): boolean {
  if (run.all('exception').length > 0) return true;
  // a signal before the checker stopped it: a limit (SIGXCPU, SIGKILL after RLIMIT_CPU) or a crash
  return run.exit !== undefined && ((run.exit.code !== null && run.exit.code !== 0) || run.exit.signal !== null);
}

function crashFailure(run: PythonRun): Failure {
  const ex = run.all('exception');
  const main = ex.find((e) => e.thread === 'MainThread') ?? ex[0];
  if (main) {
    return {
      status: 'crash',
      message: {
        key: main.line ? 'engine.crashed' : 'engine.crashed-noline',
        params: { whoKey: whoKey(run), type: main.type, message: exceptionText(main.type, run.shown(main.message)), line: main.line ?? undefined },
      },
      hint: hintFromException(main.type, main.message),
    };
  }
  if (run.exit?.signal) {
    return { status: 'crash', message: { key: 'engine.killed', params: { signal: run.exit.signal } }, hint: signalHint(run.exit.signal) };
  }
  return { status: 'crash', message: { key: 'engine.exit-code', params: { code: run.exit?.code ?? '?' } }, hint: 'exit-code' };
}

/** The Failure for an error thrown by a step, using the focused run to say why. */
export function diagnose(err: unknown, run: PythonRun | undefined): Failure {
  if (err instanceof CheckFailure) {
    const f = { ...err.failure };
    if (run && run.all('exception').length > 0 && !f.explainsCrash) {
      // A Python exception is the root cause: say it, with its hint (str sent without encode, ...).
      const c = crashFailure(run);
      return { ...f, status: 'crash', message: c.message, hint: c.hint ?? f.hint };
    }
    if (!f.status && !f.explainsCrash && run && crashed(run)) f.status = 'crash';
    // "not closed", "no reply"… while it loops without end: the loop is what to fix
    if (f.status === 'timeout') return endlessLoop(run) ?? f;
    return f;
  }
  // The module never started: nothing of the student's ran. The checker's failure, not theirs (a
  // run is only over without a hello when its module never started).
  if (err instanceof NoHelloError) return noHello(err.run);
  if (run && !run.helloReceived && run.exit && run.isSettled) return noHello(run);
  if (err instanceof MismatchError) {
    if (run && crashed(run)) return { ...crashFailure(run), expected: bytesText(err.expected), seen: bytesText(err.seen) };
    if (err.timedOut && err.seen.length === 0) return timeoutFailure(run, 'engine.no-data', {});
    return {
      status: err.timedOut ? 'timeout' : 'fail',
      message: { key: err.seen.length === 0 ? 'engine.closed-without-data' : 'engine.mismatch' },
      expected: bytesText(err.expected),
      seen: err.seen.length ? bytesText(err.seen) : '',
    };
  }
  if (err instanceof EndedError) {
    if (run && crashed(run)) return crashFailure(run);
    return { status: 'fail', message: { key: 'engine.ended', params: { whoKey: whoKey(run), whatKey: awaitedKey(err.what) } } };
  }
  if (err instanceof DeadlineError) {
    if (run && crashed(run) && run.exit) return crashFailure(run);
    return timeoutFailure(run, 'engine.timeout', { whoKey: whoKey(run), whatKey: awaitedKey(err.what), s: Math.round(err.ms / 100) / 10 });
  }
  return { status: 'error', message: { key: 'engine.internal', params: { error: String(err instanceof Error ? err.message : err) } } };
}

function noHello(run: PythonRun): Failure {
  return { status: 'error', message: { key: 'engine.no-hello', params: { code: run.exit?.code ?? run.exit?.signal ?? '?' } } };
}

function timeoutFailure(run: PythonRun | undefined, key: string, params: Record<string, string | number>): Failure {
  return endlessLoop(run) ?? { status: 'timeout', message: { key, params } };
}

/**
 * A program that timed out because it loops, not because it waits: on a closed connection (seen
 * exactly, within milliseconds: checked first, so the verdict does not depend on how fast the
 * machine is), or printing without end (output cut at the cap).
 */
function endlessLoop(run: PythonRun | undefined): Failure | undefined {
  if (run?.spinsOnClosed()) return { status: 'timeout', message: { key: 'engine.loop-on-closed', params: { whoKey: whoKey(run) } }, hint: 'loop-on-closed' };
  if (run?.outputTruncated) return { status: 'timeout', message: { key: 'engine.output-flood' }, hint: 'output-flood' };
  return undefined;
}
