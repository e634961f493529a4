// Small expectations shared by the exercises, phrased as the lab's outcomes.
import type { PythonRun } from '../../src/engine/python-run.js';
import type { Connection } from '../../src/peers/connection.js';
import { pythonBytesLiteral } from '../../src/engine/transcript.js';
import { failure, type CheckFailure, type ScenarioContext } from '../../src/runner/types.js';
import { DeadlineError, EndedError, untilAny } from '../../src/util/wait.js';
import { STEP } from './deadlines.js';
import { whoKey } from '../../src/runner/diagnose.js';

/** How a student's program prints `text`: decoded (ok), as a bytes literal (forgot decode), or not at all. */
export type PrintState = 'decoded' | 'bytes' | 'absent';

export function printState(stdout: string, text: string): PrintState {
  if (stdout.includes(text)) return 'decoded';
  const literal = pythonBytesLiteral(Buffer.from(text, 'utf8'));
  // print(data) shows b'...' (or b"..." when the text holds a quote): compare the inside
  if (stdout.includes(literal.slice(2, -1)) || stdout.includes(literal)) return 'bytes';
  return 'absent';
}

/**
 * Wait until the program prints `text` (decoded); fail with the `decode` hint when it prints the bytes
 * literal instead, and with `no-print` when it ends (or the deadline passes) without printing it.
 */
export async function expectPrinted(run: PythonRun, text: string, ms: number, noPrintKey: string): Promise<void> {
  try {
    await run.watch.until(() => printState(run.stdout, text) !== 'absent' || undefined, ms, 'print');
  } catch (e) {
    if (!(e instanceof DeadlineError || e instanceof EndedError)) throw e;
  }
  if (printState(run.stdout, text) !== 'decoded') throw printFailure(run, text, noPrintKey);
}

/** Why `text` is not shown: printed as bytes (decode forgotten) or not printed at all. */
export function printFailure(run: PythonRun, text: string, noPrintKey: string): CheckFailure {
  const seen = lastLines(run.stdout);
  return printState(run.stdout, text) === 'bytes'
    ? failure('ex.printed-bytes', { text }, { hint: 'decode', expected: text, seen })
    : failure(noPrintKey, { text }, { hint: 'no-print', expected: text, seen });
}

/**
 * Wait (bounded) until every text is printed decoded. Output and module events travel on different
 * pipes, so a print made before an event may arrive after it: never judge output without waiting.
 */
export async function printedAll(run: PythonRun, texts: string[], ms: number): Promise<boolean> {
  return run.watch
    .until(() => texts.every((x) => printState(run.stdout, x) === 'decoded'), ms, 'print')
    .then(() => true, () => false);
}

/** Decide `id`: every text printed decoded; else the first one missing, as bytes (decode) or not at all. */
export async function printedVerdict(ctx: ScenarioContext, id: string, run: PythonRun, texts: string[], noPrintKey: string): Promise<void> {
  await printedAll(run, texts, ctx.ms(STEP));
  const missing = texts.find((x) => printState(run.stdout, x) !== 'decoded');
  ctx.verdict(id, missing === undefined, () => printFailure(run, missing ?? '', noPrintKey));
}

export function lastLines(text: string, n = 3): string {
  return text.trimEnd().split(/\r?\n/).slice(-n).join('\n');
}

/** The next non-empty bytes from the program; a close without data is the `no-reply` mistake. */
export async function expectSomeData(conn: Connection, ms: number, noDataKey: string, hint: string): Promise<Buffer> {
  try {
    return await conn.readSome(ms);
  } catch (e) {
    if (e instanceof EndedError || conn.isClosedByPeer) throw failure(noDataKey, {}, { hint });
    // still connected, sending nothing: typically waiting in recv() for a reply to a message it never sent
    if (e instanceof DeadlineError) throw failure(`${noDataKey}-waiting`, {}, { status: 'timeout', hint });
    throw e;
  }
}

/** The program closes the connection and exits with code 0. */
export async function expectClosedAndExit0(run: PythonRun, conn: Connection | undefined, ms: number): Promise<void> {
  if (conn) {
    try {
      // a program looping on a closed connection never closes its side: no need to wait it out
      await untilAny([conn.watch, run.watch], () => {
        if (conn.isClosedByPeer) return true;
        if (run.spinsOnClosed()) throw new DeadlineError('close', ms);
        return false;
      }, ms, 'close');
    } catch (e) {
      if (e instanceof DeadlineError) throw failure('ex.not-closed', { whoKey: whoKey(run) }, { status: 'timeout', hint: 'not-closed' });
      throw e;
    }
  }
  let exit;
  try {
    exit = await run.exited(ms);
  } catch (e) {
    if (e instanceof DeadlineError) throw failure('ex.not-exited', { whoKey: whoKey(run) }, { status: 'timeout', hint: 'not-closed' });
    throw e;
  }
  if (exit.code !== 0) {
    // with a traceback, the diagnosis (crash + the exception's hint) comes from the run itself
    const extra = run.all('exception').length ? {} : ({ status: 'crash', hint: 'exit-code' } as const);
    throw failure('ex.exit-code', { code: exit.code ?? exit.signal ?? '?' }, extra);
  }
}

export { addr } from './actors.js';
