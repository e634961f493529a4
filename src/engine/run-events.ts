// What a run's program reported on the report channel: the events in its own order, mirrored into
// the transcript as they come, and the questions asked of them (which calls, where it is blocked,
// its traceback).
import { basename, dirname, sep } from 'node:path';
import { readProgramFile } from '../sandbox/area.js';
import type { BlockedAt } from '../model.js';
import type { PyEvent, PyEventName, EventOf } from './events.js';
import { UNBLOCKING } from './events.js';
import { bytesText } from './transcript.js';
import type { PythonRunOptions } from './run-options.js';

/** recv() returned b'' this many times in a row on one socket: a loop that never sees the departure. */
const EMPTY_RECV_SPIN = 64;

/** A path of the working copy as the student knows it (their own folder). */
export function shownPaths(options: Pick<PythonRunOptions, 'file' | 'shownFile'>, text: string): string {
  const shown = options.shownFile;
  if (!shown) return text;
  const from = dirname(options.file);
  const to = dirname(shown);
  return from === to ? text : text.split(from + sep).join(to + sep);
}

export class RunEvents {
  readonly list: PyEvent[] = [];
  /** connection of a socket (sid) -> the connection's client-side port, its id in the transcript */
  private readonly conns = new Map<number, number>();
  private readonly closedSids = new Set<number>();
  private sourceLines?: string[];
  /** set once the module reports the spin (spinsOnClosed): asked by waits at each change */
  private spinning = false;

  constructor(private readonly options: PythonRunOptions) {}

  /** Keeps `e` and mirrors the program's side of the exchange into the transcript, at the time it happened. */
  add(e: PyEvent): void {
    this.list.push(e);
    if (e.ev === 'recv' && e.n === 0 && (e.count ?? 0) >= EMPTY_RECV_SPIN) this.spinning = true;
    const t = this.options.transcript;
    const me = this.options.actor;
    const peer = this.options.recordSends?.to;
    switch (e.ev) {
      case 'listen':
        t.add('listen', me, `${e.host === '' ? "''" : e.host}:${e.port}`, undefined, e.t);
        break;
      case 'accept':
        // a connection is known by its client-side port: here the peer's
        this.conns.set(e.conn, e.peer[1]);
        t.endpoint(e.peer[1], me);
        break;
      case 'connect':
        if (e.local) {
          this.conns.set(e.sid, e.local[1]);
          t.endpoint(e.local[1], me);
          t.onConnection('connect', me, e.local[1], `${e.host}:${e.port}`, e.t, peer);
        } else {
          t.add('connect', me, `${e.host}:${e.port}`, peer, e.t);
        }
        break;
      case 'connect-fail':
        t.add('connect', me, `${e.host}:${e.port} → ${e.error}`, undefined, e.t);
        break;
      case 'refused':
        t.add('note', me, `${e.what} ${e.host}:${e.port} refused (not loopback)`, undefined, e.t);
        break;
      case 'send': {
        if (!e.data) break;
        const bytes = Buffer.from(e.data, 'base64');
        const conn = this.conns.get(e.sid);
        if (conn !== undefined) t.onConnection('message', me, conn, bytesText(bytes), e.t, peer);
        else t.message(me, peer ?? '?', bytes, e.t);
        break;
      }
      case 'close': {
        // the first close() of a connection (a shutdown() is a half-close the exchange goes on after)
        const conn = this.conns.get(e.sid);
        if (conn === undefined || this.closedSids.has(e.sid)) break;
        this.closedSids.add(e.sid);
        t.onConnection('close', me, conn, '', e.t, peer);
        break;
      }
      case 'exception':
        t.add('stderr', me, shownPaths(this.options, `${e.type}: ${e.message}`), undefined, e.t);
        break;
    }
  }

  all<K extends PyEventName>(name: K): EventOf<K>[] {
    return this.list.filter((e): e is EventOf<K> => e.ev === name);
  }

  first<K extends PyEventName>(name: K): EventOf<K> | undefined {
    return this.list.find((e): e is EventOf<K> => e.ev === name);
  }

  /** The events the program reported after `from` (and before `to`, when given), in its own order. */
  between(from: PyEvent, to?: PyEvent): PyEvent[] {
    return this.list.slice(this.list.indexOf(from) + 1, to ? this.list.indexOf(to) : undefined);
  }

  /**
   * Does it loop on a closed connection? recv() returned b'' EMPTY_RECV_SPIN times in a row on one
   * socket (the module reports the 1st, then powers of two from 64): exact, and within milliseconds.
   */
  spinsOnClosed(): boolean {
    return this.spinning;
  }

  /** Where each thread is blocked now (a blocking call entered and not returned), student's line first. */
  blockedAt(): BlockedAt | undefined {
    const open = new Map<number, EventOf<'block'> | EventOf<'input'>>();
    for (const e of this.list) {
      const th = e.th ?? 0;
      if (e.ev === 'block' || e.ev === 'input') open.set(th, e);
      else if (UNBLOCKING.has(e.ev)) open.delete(th);
    }
    const mainTh = this.first('hello')?.th;
    const list = [...open.values()].sort((a, b) => (a.th === mainTh ? -1 : b.th === mainTh ? 1 : 0));
    const e = list.find((x) => x.line) ?? list[0];
    if (!e) return undefined;
    const line = e.line ?? 0;
    return { call: e.ev === 'input' ? 'input' : e.call, file: basename(this.options.file), line, code: this.sourceLine(line) };
  }

  sourceLine(line: number): string | undefined {
    if (!line) return undefined;
    try {
      this.sourceLines ??= readProgramFile(this.options.file).split(/\r?\n/); // never through a program's symlink
    } catch {
      return undefined;
    }
    return this.sourceLines[line - 1]?.trim();
  }

  /** The Python traceback: the main thread's, else the first thread's (else the last one on `stderr`); paths as the student knows them. */
  traceback(stderr: string): string | undefined {
    const ex = this.all('exception');
    const main = ex.find((e) => e.thread === 'MainThread') ?? ex[0];
    if (main) return shownPaths(this.options, main.traceback.trimEnd());
    const i = stderr.lastIndexOf('Traceback (most recent call last)');
    return i >= 0 ? shownPaths(this.options, stderr.slice(i).trimEnd()) : undefined;
  }
}
