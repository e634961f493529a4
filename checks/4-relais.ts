// Part 3, the relay: one server, several clients; every message reaches every other client.
import type { ExerciseDef, ScenarioDef } from '../src/runner/types.js';
import { failure } from '../src/runner/types.js';
import { t } from '../src/i18n/index.js';
import { MismatchError, type Connection } from '../src/peers/connection.js';
import type { PythonRun } from '../src/engine/python-run.js';
import { untilAny, DeadlineError, EndedError } from '../src/util/wait.js';
import { busyLoopSeen, BUSY_WINDOW_MS } from './lib/busy-loop.js';
import { expectPrinted } from './lib/expect.js';
import { START, RELAY, HANDLED } from './lib/deadlines.js';

/**
 * A checker-driven relay client. Its stream may hold the echo of its own messages (allowed by the
 * default policy) and "fin" relayed from a leaving client (some servers relay it, some do not):
 * expectations skip those, counting the echoes for the echo policy verdict.
 */
class RelayPeer {
  readonly sent: string[] = [];
  echoes = 0;
  constructor(readonly conn: Connection) {}

  get name(): string {
    return this.conn.me;
  }

  say(msg: string): void {
    this.sent.push(msg);
    this.conn.send(msg);
  }

  private startsWith(text: string | Buffer): boolean {
    const b = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const u = this.conn.unread;
    return b.length > 0 && u.length >= b.length && u.subarray(0, b.length).equals(b);
  }

  /** Consume own echoes and relayed "fin" at the head of the stream (never the awaited message). */
  private skipAllowed(want?: Buffer): void {
    for (let skipped = true; skipped && !(want && this.startsWith(want)); ) {
      skipped = false;
      const own = this.sent.find((m) => this.startsWith(m));
      if (own !== undefined) {
        this.conn.skip(Buffer.byteLength(own));
        this.echoes++;
        skipped = true;
      } else if (this.startsWith('fin')) {
        this.conn.skip(3);
        skipped = true;
      }
    }
  }

  /** Wait for exactly `msg` next from another client. */
  async expect(msg: string, ms: number): Promise<void> {
    const want = Buffer.from(msg, 'utf8');
    const c = this.conn;
    const outcome = await c.watch
      .until(() => {
        this.skipAllowed(want);
        const got = c.unread;
        const n = Math.min(got.length, want.length);
        if (!got.subarray(0, n).equals(want.subarray(0, n))) return 'mismatch' as const;
        if (got.length >= want.length) return 'ok' as const;
        return c.isClosedByPeer ? ('closed' as const) : undefined;
      }, ms, `relay to ${this.name}`)
      .catch((e) => {
        if (e instanceof DeadlineError || e instanceof EndedError) return 'timeout' as const;
        throw e;
      });
    if (outcome === 'ok') return c.skip(want.length);
    throw new RelayMiss(this.name, c.unread.toString('utf8'), outcome);
  }

  /** Wait (bounded) for the echo of one of its own messages: positive evidence for policy 'required'. */
  async awaitEcho(ms: number): Promise<void> {
    await this.conn.watch
      .until(() => {
        this.skipAllowed();
        return this.echoes > 0;
      }, ms, 'echo')
      .catch(() => undefined);
  }
}

class RelayMiss extends Error {
  constructor(readonly who: string, readonly seen: string, readonly how: 'mismatch' | 'closed' | 'timeout') {
    super(`relay to ${who}: ${how}`);
  }
}

/** Every peer in `to` gets `msg` byte-for-byte; a miss is explained from the server's state. */
async function delivered(srv: PythonRun, msg: string, to: RelayPeer[], ms: number): Promise<void> {
  try {
    await Promise.all(to.map((p) => p.expect(msg, ms)));
  } catch (e) {
    if (!(e instanceof RelayMiss)) throw e;
    if (e.how === 'mismatch') throw failure('ex4.relay-mismatch', { msg, who: e.who }, { hint: 'no-relay', expected: msg, seen: e.seen });
    if (srv.exit) throw failure('ex4.server-died', {}, { hint: srv.all('exception').length ? 'crash-departure' : 'server-stops' });
    if (srv.all('exception').length) throw failure('ex4.thread-crashed', { who: e.who }, { hint: 'crash-departure' });
    throw failure('ex4.not-relayed', { msg, who: e.who }, { hint: 'no-relay', expected: msg, seen: e.seen });
  }
}

function relayed(srv: PythonRun, msg: string, from: RelayPeer, to: RelayPeer[], ms: number): Promise<void> {
  from.say(msg);
  return delivered(srv, msg, to, ms);
}

/**
 * Wait until the server accepted n clients, then (bounded, best effort) until it registered them: after each accept,
 * the accepting thread is back waiting (accept/select), and in a thread-per-client server the new
 * connection's thread waits in recv(). Sending before that could race a correct server's bookkeeping.
 */
async function registered(srv: PythonRun, nth: number, ms: number): Promise<void> {
  await srv.waitEvent('accept', ms, { nth });
  const accepts = srv.all('accept').slice(0, nth);
  const threaded = srv.all('block').some((e) => e.call === 'recv' && !accepts.some((a) => a.th === e.th));
  await srv.watch
    .until(() => accepts.every((acc) => {
      const after = srv.between(acc);
      const back = after.some((e) => e.ev === 'block' && e.th === acc.th);
      const reading = !threaded || after.some((e) => e.ev === 'block' && e.call === 'recv' && e.sid === acc.conn);
      return back && reading;
    }), ms, 'clients registered')
    .catch(() => undefined);
}

/**
 * Wait until the server saw the n-th departure (recv() returned b'') and, bounded and best effort,
 * finished handling it: the thread that saw it is back waiting (a select loop), or has ended (a
 * thread per client), or calls recv() again (a loop that missed the departure: the busy-loop check
 * says so), or the program exited. Connecting the next client before that would race the server's
 * own bookkeeping (a server that stops when the last client leaves could see the newcomer first,
 * and stay up by luck).
 */
async function departureHandled(srv: PythonRun, nth: number, ms: number, handledMs: number): Promise<void> {
  const seen = await srv.waitEvent('recv', ms, { nth, where: (e) => e.n === 0 }).catch(() => undefined);
  if (!seen) return;
  await srv.watch
    .until(() => {
      if (srv.exit) return true;
      const after = srv.between(seen);
      return after.some((e) => e.th === seen.th && (e.ev === 'block' || e.ev === 'thread-end' || e.ev === 'recv'));
    }, handledMs, 'departure handled')
    .catch(() => undefined);
}

const server: ScenarioDef = {
  name: 'serveur',
  files: ['serveur.py'],
  checks: [
    'ex4.serveur-plusieurs-clients', 'ex4.serveur-relais', 'ex4.serveur-sans-boucle-active',
    'ex4.serveur-depart', 'ex4.serveur-retardataire', 'ex4.serveur-tous-partis', 'ex4.serveur-echo-expediteur',
  ],
  async run(ctx) {
    const [m1, m2] = ctx.config.messages.relay;
    const ms = ctx.ms(RELAY);
    const policy = ctx.config.echoPolicy;
    const srv = await ctx.start('serveur.py');
    const listen = await srv.listening(ctx.ms(START));
    const port = listen.real;
    const join = async (name: string) => new RelayPeer(await ctx.connect(port, name));
    const departed = (n: number) => departureHandled(srv, n, ms, ctx.ms(HANDLED));
    // The silent client connects first: a server serving one client at a time blocks on it.
    const silent = await join('client3');
    const a = await join('client1');
    const b = await join('client2');
    await ctx.step('ex4.serveur-plusieurs-clients', async () => {
      try {
        await registered(srv, 3, ms);
      } catch (e) {
        if (e instanceof DeadlineError) throw failure('ex4.single-client', { n: srv.all('accept').length }, { status: 'timeout', hint: 'single-client' });
        throw e;
      }
      a.say(m1);
      // Served at once: m1 reaches client2, or at least comes back to its sender (a relay problem,
      // judged by the next check). Nothing at all: the silent client blocks the server.
      await untilAny([a.conn.watch, b.conn.watch, srv.watch], () => b.conn.unread.length > 0 || a.conn.unread.length > 0 || b.conn.isClosedByPeer, ms, 'relay').catch((e) => {
        if (e instanceof DeadlineError) throw failure('ex4.blocked-by-silent', {}, { status: 'timeout', hint: 'single-client' });
        throw e;
      });
      return { clients: '3' };
    });
    await ctx.step('ex4.serveur-relais', async () => {
      await delivered(srv, m1, [b, silent], ms); // m1 is on its way since the previous step
      await relayed(srv, m2, b, [a, silent], ms);
      if (policy === 'required') await Promise.all([a.awaitEcho(ms), b.awaitEcho(ms)]);
    });
    // client1 leaves with "fin": the server must neither spin nor drop the others.
    a.say('fin');
    a.conn.close();
    await departed(1);
    await ctx.step('ex4.serveur-sans-boucle-active', async () => {
      if (await busyLoopSeen(srv, ctx.ms(BUSY_WINDOW_MS))) throw failure('ex4.spin', {}, { hint: 'busy-loop' });
    });
    // Departures: a second round after one is where a dead socket left in the list usually fails.
    await ctx.part('ex4.serveur-depart', async () => {
      await relayed(srv, 'Encore là ?', b, [silent], ms);
      await relayed(srv, 'Toujours là !', silent, [b], ms);
    });
    const late = await join('client4');
    await ctx.step('ex4.serveur-retardataire', async () => {
      await registered(srv, 4, ms);
      await relayed(srv, 'Bienvenue !', b, [late, silent], ms);
    });
    await ctx.step('ex4.serveur-depart', async () => {
      silent.conn.destroy(); // client3 leaves without "fin"
      await departed(2);
      await relayed(srv, 'Il en reste deux', late, [b], ms);
      await relayed(srv, 'Oui, deux', b, [late], ms);
      if (srv.all('exception').length) throw failure('ex4.thread-crashed', { who: 'client' }, { hint: 'crash-departure' });
    });
    await ctx.step('ex4.serveur-tous-partis', async () => {
      b.conn.close();
      late.conn.close();
      await departed(4);
      const joinOrDied = (name: string) =>
        join(name).catch(async (err) => {
          await srv.exited(ms).catch(() => undefined);
          throw srv.exit ? failure('ex4.server-died', {}, { hint: 'server-stops' }) : err;
        });
      const e = await joinOrDied('client5');
      const f = await joinOrDied('client6');
      await registered(srv, 6, ms).catch((err) => {
        if (srv.exit) throw failure('ex4.server-died', {}, { hint: 'server-stops' });
        throw err;
      });
      await relayed(srv, 'Il y a quelqu’un ?', e, [f], ms);
    });
    const echoed = a.echoes > 0 && b.echoes > 0;
    const none = a.echoes === 0 && b.echoes === 0;
    const ok = policy === 'either' || (policy === 'required' ? echoed : none);
    ctx.verdict('ex4.serveur-echo-expediteur', ok, () =>
      failure(policy === 'required' ? 'ex4.echo-missing' : 'ex4.echo-present', {}, { hint: policy === 'required' ? 'echo-required' : 'echo-forbidden' }),
      { echo: t(ctx.lang, echoed ? 'word.yes' : none ? 'word.no' : 'word.partial') });
  },
};

const client: ScenarioDef = {
  name: 'client',
  files: ['client.py'],
  checks: ['ex4.client-relais'],
  async run(ctx) {
    const [r1, r2] = ctx.config.messages.relay;
    const ms = ctx.ms(RELAY);
    const relay = await ctx.startReference('serveur.py', { actor: 'serveur' });
    const listen = await relay.listening(ctx.ms(START));
    const cli = await ctx.start('client.py', { connect: { '*': listen.real }, actor: 'client1' });
    ctx.focus(cli);
    await ctx.step('ex4.client-relais', async () => {
      // One order, whatever the machine's load: the student's client is connected and registered
      // by the relay, then the other client; only then is anything typed (a message sent before the
      // relay registered a client does not reach it).
      await registered(relay, 1, ctx.ms(START));
      const other = await ctx.connect(listen.real, 'client2');
      await registered(relay, 2, ms);
      await cli.inputRequested(1, ctx.ms(START)).catch((e) => {
        throw e instanceof DeadlineError ? failure('ex3.client-no-input', {}, { status: 'timeout', hint: 'input-ignored' }) : e;
      });
      cli.type(r1);
      await other.expectText(r1, ms).catch((e) => {
        throw e instanceof MismatchError && e.seen.length ? failure('ex4.client-wrong-message', {}, { hint: 'input-ignored', expected: r1, seen: e.seen.toString('utf8') }) : e;
      });
      await cli.inputRequested(2, ms);
      other.send(r2);
      await other.expectText(r2, ms); // the reference server echoes: once it is back here, it reached client1 too
      cli.type('Reçu ?'); // the ping-pong client reads after each line it sends
      await expectPrinted(cli, r2, ms, 'ex4.client-no-print');
    });
  },
};

export const relais: ExerciseDef = {
  id: 'ex4',
  folder: '4-relais',
  checks: [
    { id: 'ex4.serveur-plusieurs-clients', role: 'serveur', points: 2 },
    { id: 'ex4.serveur-relais', role: 'serveur', points: 2 },
    { id: 'ex4.serveur-echo-expediteur', role: 'serveur', points: 1 },
    { id: 'ex4.serveur-depart', role: 'serveur', points: 2 },
    { id: 'ex4.serveur-sans-boucle-active', role: 'serveur', points: 1 },
    { id: 'ex4.serveur-retardataire', role: 'serveur', points: 1 },
    { id: 'ex4.serveur-tous-partis', role: 'serveur', points: 1 },
    { id: 'ex4.client-relais', role: 'client', points: 2 },
  ],
  scenarios: [server, client],
};
