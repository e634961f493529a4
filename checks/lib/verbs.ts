// The expectations of a check, as verbs that carry their own diagnosis: each knows the ways its
// step usually goes wrong in a student's program and fails with the matching message and hint.
// lib/vocabulary.ts lists them as data (name, parameters, failure keys).
import type { PyEvent } from '../../src/engine/events.js';
import type { PythonRun } from '../../src/engine/python-run.js';
import type { Connection } from '../../src/peers/connection.js';
import { MismatchError } from '../../src/peers/connection.js';
import { failure } from '../../src/runner/types.js';
import { whoKey } from '../../src/runner/diagnose.js';
import { untilAny, DeadlineError } from '../../src/util/wait.js';
import * as engine from './expect.js';
import { busyLoopSeen, BUSY_WINDOW_MS } from './busy-loop.js';
import { START, STEP } from './deadlines.js';
import { engineOf, connOf, type Program, type Peer, type Listening, type Connected } from './actors.js';
import type { Lab } from './lab.js';

/**
 * The echo of `msg` comes next. Knows: closed after one message (no loop), not the same text,
 * nothing at all (a time-out, shown with the line the program is blocked on).
 */
export async function expectEcho(peer: Peer, msg: string, within = peer.scale(STEP)): Promise<void> {
  const conn = connOf(peer);
  try {
    await conn.expectBytes(Buffer.from(msg, 'utf8'), within);
  } catch (e) {
    if (!(e instanceof MismatchError)) throw e;
    const seen = e.seen.toString('utf8');
    if (e.seen.length === 0 && conn.isClosedByPeer) throw failure('ex3.closed-after-one', { msg }, { hint: 'no-loop', expected: msg, seen: '' });
    if (e.timedOut && e.seen.length === 0) throw e; // nothing at all: a time-out, with the blocked line
    throw failure('ex3.not-echo', { msg }, { hint: 'not-echo', expected: msg, seen });
  }
}

/**
 * Send a long message (several hundred bytes, accents): its echo comes, read in one recv(). Knows
 * the echo's mistakes, a character cut in two (UnicodeDecodeError) and a too small recv() buffer.
 */
export async function expectLongEcho(program: Program, peer: Peer, msg: string, within = peer.scale(STEP)): Promise<void> {
  const run = engineOf(program);
  const recvsBefore = run.all('recv').length;
  peer.send(msg);
  try {
    await expectEcho(peer, msg, within);
  } catch (e) {
    if (run.all('exception').some((x) => x.type === 'UnicodeDecodeError')) throw failure('ex3.long-cut', {}, { hint: 'recv-size', explainsCrash: true });
    throw e;
  }
  // Sent in one write, it arrives at once on loopback: a program that needed several recv() for it
  // reads with a too small buffer (the stream matches, but the program saw fragments).
  const sizes = run.all('recv').slice(recvsBefore).map((e) => e.n);
  const size = Buffer.byteLength(msg);
  if (sizes.length > 1 && Math.max(...sizes) < size) {
    throw failure('ex3.long-cut', {}, { hint: 'recv-size', expected: `recv() ≥ ${size}`, seen: `recv() = ${Math.max(...sizes)}` });
  }
}

/**
 * Send the end word: the server answers it, closes the connection and exits 0. Knows: closed
 * without answering it, still reading (the word did not end the loop), never closed.
 */
export async function expectEndWordEndsServer(program: Program, peer: Peer, word: string, within = peer.scale(STEP)): Promise<void> {
  const run = engineOf(program);
  const conn = connOf(peer);
  conn.send(word);
  try {
    await conn.expectText(word, within);
  } catch (e) {
    if (e instanceof MismatchError && e.seen.length === 0 && conn.isClosedByPeer) {
      throw failure('ex3.fin-not-answered', { word }, { hint: 'no-fin', hintParams: { word }, expected: word });
    }
    throw e;
  }
  try {
    await conn.expectClosed(within);
  } catch (e) {
    if (!(e instanceof DeadlineError)) throw e;
    // Still reading the same connection: the word did not end the loop. Elsewhere (e.g. back in
    // accept()): the loop ended but the connection was never closed.
    if (run.blockedAt()?.call === 'recv') throw failure('ex3.fin-ignored', { word }, { status: 'timeout', hint: 'no-fin', hintParams: { word } });
    throw failure('ex.not-closed', { whoKey: whoKey(run) }, { status: 'timeout', hint: 'not-closed' });
  }
  await engine.expectClosedAndExit0(run, undefined, within);
}

/** It prints `text` decoded. Knows: printed as bytes (decode forgotten), not printed (`noPrintKey`). */
export function expectPrinted(program: Program, text: string, noPrintKey: string, within = program.scale(STEP)): Promise<void> {
  return engine.expectPrinted(engineOf(program), text, within, noPrintKey);
}

/** Decide `id` (without ending the scenario): every text printed decoded; else the first one missing. */
export async function decidePrinted(lab: Lab, id: string, program: Program, texts: string[], noPrintKey: string): Promise<void> {
  const run = engineOf(program);
  await engine.printedAll(run, texts, lab.ms(STEP));
  const missing = texts.find((x) => engine.printState(run.stdout, x) !== 'decoded');
  lab.verdict(id, missing === undefined, () => engine.printFailure(run, missing ?? '', noPrintKey));
}

/** It closes its connection (the peer's, when given) and exits with code 0. Knows: not closed, not exited, exit code. */
export function expectClosedAndExit0(program: Program, peer?: Peer, within = program.scale(STEP)): Promise<void> {
  return engine.expectClosedAndExit0(engineOf(program), peer && connOf(peer), within);
}

/** The peer leaves abruptly (no end word); then wait (bounded, best effort) for the program to see it. */
export async function leaveWithoutWord(program: Program, peer: Peer, within = peer.scale(STEP)): Promise<void> {
  connOf(peer).destroy();
  await engineOf(program).waitEvent('recv', within, { where: (e) => e.n === 0 }).catch(() => undefined);
}

/** After a departure it does not loop on the closed connection nor burn the CPU: else `key`. */
export async function expectNoBusyLoop(program: Program, key: string): Promise<void> {
  if (await busyLoopSeen(engineOf(program), program.scale(BUSY_WINDOW_MS))) throw failure(key, {}, { hint: 'busy-loop' });
}

/** No exception so far (in any thread): else `key` (with its `params`) and `hint`. */
export function expectNoException(program: Program, key: string, why: { hint: string; params?: Record<string, string> }): void {
  if (engineOf(program).all('exception').length) throw failure(key, why.params ?? {}, { hint: why.hint });
}

/** If it exited, it was with code 0. */
export function expectNoErrorExit(program: Program): void {
  const exit = engineOf(program).exit;
  if (exit && exit.code !== 0) throw failure('ex.exit-code', { code: exit.code ?? '?' }, { status: 'crash', hint: 'exit-code' });
}

// --- a client that loops on typed lines (ping-pong) ---

type PromptOutcome = 'input' | 'data' | 'ended';

/** Wait for the n-th input() request, or for the program to send/close/exit instead. */
function nextPromptOf(cli: PythonRun, conn: Connection, nth: number, ms: number): Promise<PromptOutcome> {
  return untilAny([cli.watch, conn.watch], () => {
    if (cli.all('input').length >= nth) return 'input' as const;
    if (conn.unread.length > 0) return 'data' as const;
    if (conn.isClosedByPeer || cli.exit) return 'ended' as const;
    return undefined;
  }, ms, 'input()');
}

/** What the client does next: asks for the nth line, sends, ends, or nothing before the deadline. */
export function nextPrompt(cli: Program, peer: Peer, nth: number, within = cli.scale(START)): Promise<PromptOutcome | 'timeout'> {
  return nextPromptOf(engineOf(cli), connOf(peer), nth, within).catch(() => 'timeout' as const);
}

/**
 * It asks for its nth line (input()) before sending anything. Knows: never asks (input ignored),
 * stopped after n lines (no loop), sent a line nobody typed.
 */
export async function expectAsksLine(cli: Program, peer: Peer, nth: number, within = cli.scale(START)): Promise<void> {
  const conn = connOf(peer);
  const got = await nextPromptOf(engineOf(cli), conn, nth, within);
  const i = nth - 1;
  if (got === 'ended') throw failure(i === 0 ? 'ex3.client-no-input' : 'ex3.client-stopped', { n: i }, { hint: i === 0 ? 'input-ignored' : 'no-loop' });
  if (got === 'data') throw failure('ex3.client-sent-untyped', {}, { hint: 'input-ignored', seen: conn.unread.toString('utf8') });
}

/** Did the program send anything between these two of its events? */
function sentBetween(run: PythonRun, from: PyEvent, to: PyEvent): boolean {
  return run.between(from, to).some((e) => e.ev === 'send' && e.n > 0);
}

/**
 * Type the nth line: it is sent, alone, before the program asks for the next one. Knows: reads
 * every line first (then `waitCheck` fails too), stopped, sent something else.
 */
export async function typeAndExpectSent(lab: Lab, cli: Program, peer: Peer, line: string, nth: number, waitCheck: string): Promise<void> {
  const run = engineOf(cli);
  const conn = connOf(peer);
  const i = nth - 1;
  run.type(line);
  // The typed line comes, alone; or the program asks for the next line first (reads all input
  // first). Which came first is read from the program's own event order (the data and the
  // events travel on two connections: their arrival order here is a race).
  const after = await untilAny([run.watch, conn.watch], () => {
    const inputs = run.all('input');
    if (inputs.length > i + 1 && !sentBetween(run, inputs[i], inputs[i + 1])) return 'input' as const;
    if (conn.unread.length >= Buffer.byteLength(line)) return 'data' as const;
    if (conn.isClosedByPeer || run.exit) return 'ended' as const;
    return undefined;
  }, lab.ms(STEP), 'message').catch((e) => {
    if (e instanceof DeadlineError && conn.unread.length === 0) throw e;
    return 'data' as const;
  });
  if (after === 'input') {
    const readsAll = () => failure('ex3.client-reads-all', {}, { hint: 'read-all-input', showBlocked: true });
    lab.verdict(waitCheck, false, readsAll);
    throw readsAll();
  }
  if (after === 'ended' && conn.unread.length === 0) throw failure('ex3.client-stopped', { n: i }, { hint: 'no-loop' });
  try {
    await conn.expectText(line, lab.ms(STEP));
  } catch (e) {
    if (e instanceof MismatchError) throw failure('ex3.client-wrong-message', {}, { hint: 'input-ignored', expected: line, seen: e.seen.toString('utf8') });
    throw e;
  }
}

/** For each of the first n lines: it read a reply (recv() with data) before asking for the next line. */
export function readsEachReplyBeforeNextLine(cli: Program, n: number): boolean {
  const run = engineOf(cli);
  const typed = run.all('input-done');
  const asked = run.all('input');
  for (let k = 1; k <= n; k++) {
    if (!typed[k - 1] || !asked[k]) return false;
    if (!run.between(typed[k - 1], asked[k]).some((e) => e.ev === 'recv' && e.n > 0)) return false;
  }
  return true;
}

/**
 * Type the end word: the client sends it, then asks nothing more, sends nothing more, closes and
 * exits 0 (reading the word's echo is allowed, not required). `linesBefore`: lines typed before.
 */
export async function expectEndWordEndsClient(cli: Program, peer: Peer, word: string, linesBefore: number, within = cli.scale(STEP)): Promise<void> {
  const run = engineOf(cli);
  const conn = connOf(peer);
  run.type(word);
  try {
    await conn.expectText(word, within);
  } catch (e) {
    if (e instanceof MismatchError && e.seen.length === 0) throw failure('ex3.client-no-fin', { word }, { hint: 'no-fin', hintParams: { word }, expected: word });
    throw e;
  }
  conn.send(word);
  const end = await untilAny([run.watch, conn.watch], () => {
    if (run.all('input').length > linesBefore + 1) return 'input' as const;
    if (conn.isClosedByPeer && run.exit) return 'done' as const;
    return undefined;
  }, within, 'close after fin').catch((e) => {
    if (e instanceof DeadlineError) throw failure('ex3.client-not-closed-after-fin', { word }, { status: 'timeout', hint: 'no-fin', hintParams: { word } });
    throw e;
  });
  if (end === 'input') throw failure('ex3.client-continues-after-fin', { word }, { hint: 'no-fin', hintParams: { word } });
  if (conn.unread.length > 0) throw failure('ex3.client-sent-after-fin', { word }, { hint: 'no-fin', hintParams: { word }, seen: conn.unread.toString('utf8') });
  await engine.expectClosedAndExit0(run, conn, within);
}

/** It asks for its nth line within the deadline: else it ignores the keyboard (`ex3.client-no-input`). */
export async function expectPrompt(cli: Program, nth: number, within = cli.scale(START)): Promise<void> {
  await engineOf(cli).inputRequested(nth, within).catch((e) => {
    throw e instanceof DeadlineError ? failure('ex3.client-no-input', {}, { status: 'timeout', hint: 'input-ignored' }) : e;
  });
}

/** The line typed on a client arrives at `peer`: some other text is `wrongKey` (input ignored). */
export async function expectTypedLine(peer: Peer, line: string, wrongKey: string, within = peer.scale(STEP)): Promise<void> {
  await connOf(peer).expectText(line, within).catch((e) => {
    throw e instanceof MismatchError && e.seen.length ? failure(wrongKey, {}, { hint: 'input-ignored', expected: line, seen: e.seen.toString('utf8') }) : e;
  });
}

// --- parts 1 and 2: one exchange, then addresses and typed input ---

export function isLoopback(host: string | null | undefined): boolean {
  if (host === null || host === undefined) return false;
  const h = host.toLowerCase();
  return h.startsWith('127.') || h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

export function isAllInterfaces(host: string | null | undefined): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '::0' || host === '0:0:0:0:0:0:0:0';
}

/** It listens on every interface ('' or '0.0.0.0'), or at least not on the loopback only. */
export function expectListensOnAllInterfaces(where: Listening): void {
  if (isAllInterfaces(where.host) || !isLoopback(where.host)) return;
  throw failure('ex.bind-loopback', { host: String(where.host) }, { hint: 'bind-loopback', expected: "''  /  '0.0.0.0'", seen: `'${where.host}'` });
}

/** It connected to a neighbour's address, not to its own machine (the loopback). */
export function expectTargetsNeighbour(to: Connected): void {
  if (isLoopback(to.host)) throw failure('ex.client-loopback', { host: to.host }, { hint: 'neighbour-address', seen: to.host });
}

/**
 * Some bytes come from the program (its reply, its message): taken. Knows: closed without sending
 * (`noDataKey`), still connected and silent, typically waiting for a reply to a message it never
 * sent (`noDataKey`-waiting).
 */
export function expectSomeData(peer: Peer, noDataKey: string, hint: string, within = peer.scale(STEP)): Promise<Buffer> {
  return engine.expectSomeData(connOf(peer), within, noDataKey, hint);
}

/** What it sent is the typed line. Knows: not in UTF-8, typed line ignored (no input()), another text. */
export function expectTypedMessageSent(sent: Buffer, typed: string, askedInput: boolean): void {
  if (sent.equals(Buffer.from(typed, 'utf8'))) return;
  const seen = sent.toString('utf8');
  if (sent.equals(Buffer.from(typed, 'latin1'))) throw failure('ex.not-utf8', {}, { hint: 'encoding', expected: typed, seen });
  if (!askedInput) throw failure('ex.input-ignored', {}, { hint: 'input-ignored', expected: typed, seen });
  throw failure('ex.typed-mismatch', {}, { hint: 'input-ignored', expected: typed, seen });
}

/**
 * The client connects to the server's port. Knows: refused on the right port (the server no longer
 * accepts), another port than the server's.
 */
export async function expectConnectsToServer(cli: Program, server: Listening, within = cli.scale(START)): Promise<Connected> {
  const run = engineOf(cli);
  const e = await run.watch.until(() => run.first('connect') ?? run.first('connect-fail'), within, 'connect');
  if (e.ev === 'connect-fail' && e.port === server.port) throw failure('ex.pair-refused', { port: e.port }, { hint: 'connection-refused', explainsCrash: true });
  if (e.ev === 'connect-fail') {
    throw failure('ex.port-mismatch', { client: e.port, server: server.port ?? '?' }, {
      hint: 'connection-refused', expected: String(server.port), seen: String(e.port), explainsCrash: true,
    });
  }
  return { host: e.host, port: e.port, local: e.local };
}

/** It received something (a reply) during its run. */
export function expectGotReply(program: Program): void {
  if (!engineOf(program).all('recv').some((e) => e.n > 0)) throw failure('ex.pair-no-reply', {}, { hint: 'no-reply' });
}

// --- a lab's own protocol: its port, its replies ---

/** It listens on the lab's port (the port its partner program uses). */
export function expectListensOnPort(where: Listening, port: number): void {
  if (where.port !== port) throw failure('ex.wrong-port', { port, seen: where.port ?? '?' }, { hint: 'port', hintParams: { port }, expected: String(port), seen: String(where.port) });
}

/** It connects to the lab's port. */
export function expectConnectsToPort(to: Connected, port: number): void {
  if (to.port !== port) throw failure('ex.client-wrong-port', { port, seen: to.port }, { hint: 'port', hintParams: { port }, expected: String(port), seen: String(to.port) });
}

/** What a reply must be: this exact text, or text matching a pattern (`shown` is how the lab writes it, e.g. HH:MM). */
export interface Expected {
  text?: string;
  matches?: string;
  shown?: string;
}

/**
 * Send `msg`: the program answers with one send() that is the expected text (or matches the
 * pattern). The reply is what that send() wrote, read from the program's own events, so a reply cut
 * in two by the network is still one reply. Knows: closed without answering (no loop), another reply.
 */
export async function expectReply(program: Program, peer: Peer, msg: string, want: Expected, within = peer.scale(STEP)): Promise<string> {
  const run = engineOf(program);
  const conn = connOf(peer);
  const sendsBefore = run.all('send').length;
  conn.take(); // what came before is not the reply (the steps of a lab wait for each reply)
  conn.send(msg);
  const answered = await untilAny([run.watch, conn.watch], () => {
    const send = run.all('send').slice(sendsBefore).find((e) => e.n > 0);
    if (send && conn.unread.length >= send.n) return { n: send.n };
    if (conn.isClosedByPeer) return { n: 0 };
    return undefined;
  }, within, 'recv()').then((r) => r.n);
  const expected = want.text ?? want.shown ?? want.matches ?? '';
  if (answered === 0) throw failure('ex3.closed-after-one', { msg }, { hint: 'no-loop', expected, seen: '' });
  const reply = conn.unread.subarray(0, answered).toString('utf8');
  conn.skip(answered);
  const ok = want.text !== undefined ? reply === want.text : new RegExp(want.matches ?? '').test(reply);
  if (!ok) throw failure('ex.wrong-reply', { msg, expected }, { hint: 'wrong-reply', hintParams: { msg, expected }, expected, seen: reply });
  return reply;
}
