// The relay's verbs (part 3): checker-driven clients that skip what a relay may add (their own
// echo, a relayed "fin"), and the waits on a server's bookkeeping of arrivals and departures.
import type { PythonRun } from '../../src/engine/python-run.js';
import type { Connection } from '../../src/peers/connection.js';
import { failure } from '../../src/runner/types.js';
import { untilAny, DeadlineError, EndedError } from '../../src/util/wait.js';
import { engineOf, connOf, type Program, type Peer } from './actors.js';
import type { Lab } from './lab.js';

/**
 * A checker-driven relay client. Its stream may hold the echo of its own messages (allowed by the
 * default policy) and "fin" relayed from a leaving client (some servers relay it, some do not):
 * expectations skip those, counting the echoes for the echo policy verdict.
 */
export class RelayPeer {
  readonly sent: string[] = [];
  echoes = 0;
  private readonly conn: Connection;
  constructor(readonly peer: Peer) {
    this.conn = connOf(peer);
  }

  get name(): string {
    return this.conn.me;
  }

  say(msg: string): void {
    this.sent.push(msg);
    this.conn.send(msg);
  }

  /** Leave, closing our side as the lab's client does (after its "fin"). */
  close(): void {
    this.conn.close();
  }

  /** Leave abruptly, without a word. */
  drop(): void {
    this.conn.destroy();
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

/**
 * Every peer in `to` gets `msg` byte-for-byte. Knows, from the server's state: another text came,
 * the server died, a thread crashed, the message was not relayed.
 */
export async function expectDelivered(program: Program, msg: string, to: RelayPeer[], ms: number): Promise<void> {
  const srv = engineOf(program);
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

/** `from` says `msg`: every peer in `to` gets it (expectDelivered). */
export function expectRelayed(program: Program, msg: string, from: RelayPeer, to: RelayPeer[], ms: number): Promise<void> {
  from.say(msg);
  return expectDelivered(program, msg, to, ms);
}

/**
 * Wait until the server accepted n clients, then (bounded, best effort) until it registered them: after each accept,
 * the accepting thread is back waiting (accept/select), and in a thread-per-client server the new
 * connection's thread waits in recv(). Sending before that could race a correct server's bookkeeping.
 */
export function clientsRegistered(program: Program, nth: number, ms: number): Promise<void> {
  return registered(engineOf(program), nth, ms);
}

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
export async function departureHandled(program: Program, nth: number, ms: number, handledMs: number): Promise<void> {
  const srv = engineOf(program);
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

/** A relay client named `name` joins the server at `port`. */
export async function join(lab: Lab, port: number, name: string): Promise<RelayPeer> {
  return new RelayPeer(await lab.connect(port, name));
}

/** The server takes n clients at once (accepts them all): else it serves one client at a time. */
export async function expectServesClients(program: Program, nth: number, ms: number): Promise<void> {
  const srv = engineOf(program);
  try {
    await registered(srv, nth, ms);
  } catch (e) {
    if (e instanceof DeadlineError) throw failure('ex4.single-client', { n: srv.all('accept').length }, { status: 'timeout', hint: 'single-client' });
    throw e;
  }
}

/**
 * `from` just spoke: it is served at once, its message reaches `other` or at least comes back to
 * `from` (a relay problem, judged by the next check). Nothing at all: a silent client blocks the server.
 */
export async function expectServedAtOnce(program: Program, from: RelayPeer, other: RelayPeer, ms: number): Promise<void> {
  const srv = engineOf(program);
  const a = connOf(from.peer);
  const b = connOf(other.peer);
  await untilAny([a.watch, b.watch, srv.watch], () => b.unread.length > 0 || a.unread.length > 0 || b.isClosedByPeer, ms, 'relay').catch((e) => {
    if (e instanceof DeadlineError) throw failure('ex4.blocked-by-silent', {}, { status: 'timeout', hint: 'single-client' });
    throw e;
  });
}

/**
 * After every client left, the server still takes new ones: `names` join and are registered as
 * clients `nth - names.length + 1` to `nth`. Knows: the server died (it stops when the last one leaves).
 */
export async function expectStillServing(lab: Lab, program: Program, port: number, names: string[], nth: number, ms: number): Promise<RelayPeer[]> {
  const srv = engineOf(program);
  const peers: RelayPeer[] = [];
  for (const name of names) {
    peers.push(await join(lab, port, name).catch(async (err) => {
      await srv.exited(ms).catch(() => undefined);
      throw srv.exit ? failure('ex4.server-died', {}, { hint: 'server-stops' }) : err;
    }));
  }
  await registered(srv, nth, ms).catch((err) => {
    if (srv.exit) throw failure('ex4.server-died', {}, { hint: 'server-stops' });
    throw err;
  });
  return peers;
}
