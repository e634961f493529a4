// Part 2, ping-pong: the echo loop ended by "fin", on both sides.
import type { ExerciseDef, ScenarioDef } from '../src/runner/types.js';
import { failure } from '../src/runner/types.js';
import { MismatchError, type Connection } from '../src/peers/connection.js';
import type { PythonRun } from '../src/engine/python-run.js';
import type { PyEvent } from '../src/engine/events.js';
import { untilAny, DeadlineError } from '../src/util/wait.js';
import { expectClosedAndExit0, printedVerdict } from './lib/expect.js';
import { busyLoopSeen, BUSY_WINDOW_MS } from './lib/busy-loop.js';
import { START, STEP } from './lib/deadlines.js';
import { whoKey } from '../src/runner/diagnose.js';

const FIN = 'fin';

/** A message of several hundred bytes, accents included (a small recv() cuts it, or splits a character). */
export const LONG_MESSAGE = Array.from({ length: 24 }, (_, i) => `Message ${i + 1} : café, élève, ça marche !`).join(' ');

/** Expect the echo of `msg`; explain the classic ways it goes wrong. */
async function expectEcho(conn: Connection, msg: string, ms: number): Promise<void> {
  try {
    await conn.expectBytes(Buffer.from(msg, 'utf8'), ms);
  } catch (e) {
    if (!(e instanceof MismatchError)) throw e;
    const seen = e.seen.toString('utf8');
    if (e.seen.length === 0 && conn.isClosedByPeer) throw failure('ex3.closed-after-one', { msg }, { hint: 'no-loop', expected: msg, seen: '' });
    if (e.timedOut && e.seen.length === 0) throw e; // nothing at all: a time-out, with the blocked line
    throw failure('ex3.not-echo', { msg }, { hint: 'not-echo', expected: msg, seen });
  }
}

const serverEcho: ScenarioDef = {
  name: 'serveur',
  files: ['serveur.py'],
  checks: ['ex3.serveur-echo', 'ex3.serveur-long-message', 'ex3.serveur-affiche', 'ex3.serveur-fin'],
  async run(ctx) {
    const messages = ctx.config.messages.pingPong;
    const srv = await ctx.start('serveur.py');
    const listen = await srv.listening(ctx.ms(START));
    const conn = await ctx.connect(listen.real);
    await ctx.step('ex3.serveur-echo', async () => {
      for (const msg of messages) {
        conn.send(msg);
        await expectEcho(conn, msg, ctx.ms(STEP));
      }
    });
    await printedVerdict(ctx, 'ex3.serveur-affiche', srv, messages, 'ex.server-no-print');
    await ctx.step('ex3.serveur-long-message', async () => {
      const recvsBefore = srv.all('recv').length;
      conn.send(LONG_MESSAGE);
      try {
        await expectEcho(conn, LONG_MESSAGE, ctx.ms(STEP));
      } catch (e) {
        if (srv.all('exception').some((x) => x.type === 'UnicodeDecodeError')) throw failure('ex3.long-cut', {}, { hint: 'recv-size', explainsCrash: true });
        throw e;
      }
      // Sent in one write, it arrives at once on loopback: a program that needed several recv() for it
      // reads with a too small buffer (the stream matches, but the program saw fragments).
      const sizes = srv.all('recv').slice(recvsBefore).map((e) => e.n);
      const size = Buffer.byteLength(LONG_MESSAGE);
      if (sizes.length > 1 && Math.max(...sizes) < size) {
        throw failure('ex3.long-cut', {}, { hint: 'recv-size', expected: `recv() ≥ ${size}`, seen: `recv() = ${Math.max(...sizes)}` });
      }
      return { bytes: String(Buffer.byteLength(LONG_MESSAGE)) };
    });
    await ctx.step('ex3.serveur-fin', async () => {
      conn.send(FIN);
      try {
        await conn.expectText(FIN, ctx.ms(STEP));
      } catch (e) {
        if (e instanceof MismatchError && e.seen.length === 0 && conn.isClosedByPeer) {
          throw failure('ex3.fin-not-answered', {}, { hint: 'no-fin', expected: FIN });
        }
        throw e;
      }
      try {
        await conn.expectClosed(ctx.ms(STEP));
      } catch (e) {
        if (!(e instanceof DeadlineError)) throw e;
        // Still reading the same connection: "fin" did not end the loop. Elsewhere (e.g. back in
        // accept()): the loop ended but the connection was never closed.
        if (srv.blockedAt()?.call === 'recv') throw failure('ex3.fin-ignored', {}, { status: 'timeout', hint: 'no-fin' });
        throw failure('ex.not-closed', { whoKey: whoKey(srv) }, { status: 'timeout', hint: 'not-closed' });
        throw e;
      }
      await expectClosedAndExit0(srv, undefined, ctx.ms(STEP));
    });
  },
};

const serverLeave: ScenarioDef = {
  name: 'serveur-depart',
  files: ['serveur.py'],
  checks: ['ex3.serveur-depart-sans-fin'],
  async run(ctx) {
    const srv = await ctx.start('serveur.py');
    const listen = await srv.listening(ctx.ms(START));
    const conn = await ctx.connect(listen.real);
    await ctx.step('ex3.serveur-depart-sans-fin', async () => {
      const msg = ctx.config.messages.pingPong[0];
      conn.send(msg);
      await conn.expectText(msg, ctx.ms(STEP));
      conn.destroy(); // leaves without "fin"
      await srv.waitEvent('recv', ctx.ms(STEP), { where: (e) => e.n === 0 }).catch(() => undefined);
      if (await busyLoopSeen(srv, ctx.ms(BUSY_WINDOW_MS))) throw failure('ex3.spin', {}, { hint: 'busy-loop' });
      if (srv.all('exception').length) throw failure('ex3.crash-on-leave', {}, { hint: 'crash-departure-alone' });
      if (srv.exit && srv.exit.code !== 0) throw failure('ex.exit-code', { code: srv.exit.code ?? '?' }, { status: 'crash', hint: 'exit-code' });
    });
  },
};

/** Wait for the n-th input() request, or for the program to send/close/exit instead. */
async function nextPrompt(cli: PythonRun, conn: Connection, nth: number, ms: number): Promise<'input' | 'data' | 'ended'> {
  return untilAny([cli.watch, conn.watch], () => {
    if (cli.all('input').length >= nth) return 'input' as const;
    if (conn.unread.length > 0) return 'data' as const;
    if (conn.isClosedByPeer || cli.exit) return 'ended' as const;
    return undefined;
  }, ms, 'input()');
}

/** For each of the first n lines: a recv() with data between its input() returning and the next input(). */
function repliesReadBeforeNextLine(cli: PythonRun, n: number): boolean {
  const typed = cli.all('input-done');
  const asked = cli.all('input');
  for (let k = 1; k <= n; k++) {
    if (!typed[k - 1] || !asked[k]) return false;
    if (!cli.between(typed[k - 1], asked[k]).some((e) => e.ev === 'recv' && e.n > 0)) return false;
  }
  return true;
}

/** Did the program send anything between these two of its events? */
function sentBetween(run: PythonRun, from: PyEvent, to: PyEvent): boolean {
  return run.between(from, to).some((e) => e.ev === 'send' && e.n > 0);
}

const client: ScenarioDef = {
  name: 'client',
  files: ['client.py'],
  checks: ['ex3.client-boucle', 'ex3.client-attend-reponse', 'ex3.client-affiche', 'ex3.client-fin'],
  async run(ctx) {
    const lines = ctx.config.messages.pingPong;
    const fake = await ctx.fakeServer();
    const cli = await ctx.start('client.py', { connect: { '*': fake.port } });
    const conn = await fake.accepted(ctx.ms(START), 1, cli);
    let waitedEachTime = true;
    await ctx.step('ex3.client-boucle', async () => {
      for (let i = 0; i < lines.length; i++) {
        const got = await nextPrompt(cli, conn, i + 1, ctx.ms(START));
        if (got === 'ended') throw failure(i === 0 ? 'ex3.client-no-input' : 'ex3.client-stopped', { n: i }, { hint: i === 0 ? 'input-ignored' : 'no-loop' });
        if (got === 'data') throw failure('ex3.client-sent-untyped', {}, { hint: 'input-ignored', seen: conn.unread.toString('utf8') });
        cli.type(lines[i]);
        // The typed line comes, alone; or the program asks for the next line first (reads all input
        // first). Which came first is read from the program's own event order (the data and the
        // events travel on two connections: their arrival order here is a race).
        const after = await untilAny([cli.watch, conn.watch], () => {
          const inputs = cli.all('input');
          if (inputs.length > i + 1 && !sentBetween(cli, inputs[i], inputs[i + 1])) return 'input' as const;
          if (conn.unread.length >= Buffer.byteLength(lines[i])) return 'data' as const;
          if (conn.isClosedByPeer || cli.exit) return 'ended' as const;
          return undefined;
        }, ctx.ms(STEP), 'message').catch((e) => {
          if (e instanceof DeadlineError && conn.unread.length === 0) throw e;
          return 'data' as const;
        });
        if (after === 'input') {
          const readsAll = () => failure('ex3.client-reads-all', {}, { hint: 'read-all-input', showBlocked: true });
          ctx.verdict('ex3.client-attend-reponse', false, readsAll);
          throw readsAll();
        }
        if (after === 'ended' && conn.unread.length === 0) throw failure('ex3.client-stopped', { n: i }, { hint: 'no-loop' });
        try {
          await conn.expectText(lines[i], ctx.ms(STEP));
        } catch (e) {
          if (e instanceof MismatchError) throw failure('ex3.client-wrong-message', {}, { hint: 'input-ignored', expected: lines[i], seen: e.seen.toString('utf8') });
          throw e;
        }
        // It must read our reply before asking for the next line: the module reports both in order.
        const inputsBefore = cli.all('input').length;
        if (inputsBefore > i + 1) waitedEachTime = false;
        conn.send(lines[i]);
      }
      return { messages: String(lines.length) };
    });
    // wait for the prompt of the last line (after the last reply was read)
    const last = await nextPrompt(cli, conn, lines.length + 1, ctx.ms(START)).catch(() => 'timeout' as const);
    const waited = waitedEachTime && repliesReadBeforeNextLine(cli, lines.length);
    ctx.verdict('ex3.client-attend-reponse', waited, () => failure('ex3.client-no-wait', {}, { hint: 'no-wait' }));
    await printedVerdict(ctx, 'ex3.client-affiche', cli, lines, 'ex.client-no-print');
    await ctx.step('ex3.client-fin', async () => {
      if (last !== 'input') throw failure('ex3.client-stopped', { n: lines.length }, { hint: 'no-loop' });
      cli.type(FIN);
      try {
        await conn.expectText(FIN, ctx.ms(STEP));
      } catch (e) {
        if (e instanceof MismatchError && e.seen.length === 0) throw failure('ex3.client-no-fin', {}, { hint: 'no-fin', expected: FIN });
        throw e;
      }
      conn.send(FIN); // reading the echo of "fin" is allowed, not required
      // After "fin": no more input(), nothing more sent, the connection closed, exit 0.
      const end = await untilAny([cli.watch, conn.watch], () => {
        if (cli.all('input').length > lines.length + 1) return 'input' as const;
        if (conn.isClosedByPeer && cli.exit) return 'done' as const;
        return undefined;
      }, ctx.ms(STEP), 'close after fin').catch((e) => {
        if (e instanceof DeadlineError) throw failure('ex3.client-not-closed-after-fin', {}, { status: 'timeout', hint: 'no-fin' });
        throw e;
      });
      if (end === 'input') throw failure('ex3.client-continues-after-fin', {}, { hint: 'no-fin' });
      if (conn.unread.length > 0) throw failure('ex3.client-sent-after-fin', {}, { hint: 'no-fin', seen: conn.unread.toString('utf8') });
      await expectClosedAndExit0(cli, conn, ctx.ms(STEP));
    });
  },
};

export const pingPong: ExerciseDef = {
  id: 'ex3',
  folder: '3-ping-pong',
  checks: [
    { id: 'ex3.serveur-echo', role: 'serveur', points: 2 },
    { id: 'ex3.serveur-long-message', role: 'serveur', points: 1 },
    { id: 'ex3.serveur-affiche', role: 'serveur', points: 1 },
    { id: 'ex3.serveur-fin', role: 'serveur', points: 2 },
    { id: 'ex3.serveur-depart-sans-fin', role: 'serveur', points: 1, bonus: true },
    { id: 'ex3.client-boucle', role: 'client', points: 2 },
    { id: 'ex3.client-attend-reponse', role: 'client', points: 1 },
    { id: 'ex3.client-affiche', role: 'client', points: 1 },
    { id: 'ex3.client-fin', role: 'client', points: 2 },
  ],
  scenarios: [serverEcho, serverLeave, client],
};
