// The actors of a check, as a check sees them: a student's program, a connection the checker holds
// (a peer), a stand-in server. They wrap the engine's PythonRun, Connection and FakeServer so that
// a check never handles an engine type; the verbs of lib/ reach the engine through engineOf/connOf.
import type { PythonRun } from '../../src/engine/python-run.js';
import type { Connection } from '../../src/peers/connection.js';
import type { FakeServer } from '../../src/peers/fake-server.js';
import { STEP, START } from './deadlines.js';

/** A deadline base (lib/deadlines.ts) scaled to this machine: the ScenarioContext's ms(). */
export type Scale = (base: number) => number;

/** Where a program connected: the address it asked for, and its own (ephemeral) address. */
export interface Connected {
  host: string;
  port: number;
  local?: [string, number];
}

/** Where a program listens: the address it asked for, and the port the checker reaches it on. */
export interface Listening {
  host: string | null;
  port: number | null;
  /** the real port (the module may move the program to a free one) */
  real: number;
}

const runs = new WeakMap<Program, PythonRun>();
const conns = new WeakMap<Peer, Connection>();

/** The engine run behind a program: for lib/ verbs only (api.ts does not export it). */
export function engineOf(p: Program): PythonRun {
  return runs.get(p)!;
}

/** The engine connection behind a peer: for lib/ verbs only. */
export function connOf(p: Peer): Connection {
  return conns.get(p)!;
}

/** A student's (or a reference) Python program, started by the lab. */
export class Program {
  constructor(run: PythonRun, readonly scale: Scale) {
    runs.set(this, run);
  }

  /** It listens (bind + listen): where. Within START by default. */
  async listens(within = this.scale(START)): Promise<Listening> {
    const e = await engineOf(this).listening(within);
    return { host: e.host, port: e.port, real: e.real };
  }

  /** It connects (connect()): where to, from where. Within STEP by default. */
  async connects(within = this.scale(STEP)): Promise<Connected> {
    const e = await engineOf(this).waitEvent('connect', within);
    return { host: e.host, port: e.port, local: e.local };
  }

  /** Wait (no diagnosis) until it receives some bytes (a recv() that returned data). */
  async receives(within = this.scale(STEP)): Promise<void> {
    await engineOf(this).waitEvent('recv', within, { where: (e) => e.n > 0 });
  }

  /** The address of the first client it accepted, as `host:port`. */
  get firstClient(): string | undefined {
    const accept = engineOf(this).first('accept');
    return accept ? addr(accept.peer[0], accept.peer[1]) : undefined;
  }

  /** Its first connect(), if it made one. */
  get firstConnect(): Connected | undefined {
    const e = engineOf(this).first('connect');
    return e && { host: e.host, port: e.port, local: e.local };
  }

  /** Wait (no diagnosis) until it asks for a line with input(), the nth time. */
  async asksLine(nth: number, within = this.scale(STEP)): Promise<void> {
    await engineOf(this).inputRequested(nth, within);
  }

  /** How many times it asked for a line so far. */
  get linesAsked(): number {
    return engineOf(this).all('input').length;
  }

  /** Type a line on its keyboard (stdin). */
  type(line: string): void {
    engineOf(this).type(line);
  }
}

/** One TCP connection the checker holds with a program: it sends, and expects bytes back. */
export class Peer {
  constructor(conn: Connection, readonly scale: Scale) {
    conns.set(this, conn);
  }

  /** Its name in the transcript ('client1', ...). */
  get name(): string {
    return connOf(this).me;
  }

  send(text: string): void {
    connOf(this).send(text);
  }

  /** Wait (no diagnosis) for exactly this text next in the stream. */
  expectText(text: string, within = this.scale(STEP)): Promise<void> {
    return connOf(this).expectText(text, within);
  }

  /** Close our side, as the lab's programs do (shown in the transcript). */
  close(): void {
    connOf(this).close();
  }
}

/** A TypeScript stand-in server a student's client connects to. */
export class Listener {
  constructor(private readonly server: FakeServer, readonly scale: Scale) {}

  /** Its port: give it to the client's connect(). */
  get port(): number {
    return this.server.port;
  }

  /** The nth connection the program opens to it (waiting ends at once when the program ends). */
  async accepted(from: Program, nth = 1, within = this.scale(START)): Promise<Peer> {
    return new Peer(await this.server.accepted(within, nth, engineOf(from)), this.scale);
  }
}

/** An address as shown in facts: `host:port`, `''` for all interfaces, `?` for unknown parts. */
export function addr(host: string | null | undefined, port: number | null | undefined): string {
  const h = host === '' ? "''" : host ?? '?';
  return `${h}:${port ?? '?'}`;
}
