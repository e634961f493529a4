import { leftOutNote, type TranscriptEvent } from '../model.js';
import { nowUs } from './clock.js';

const MAX_TEXT = 300;
/** Entries shown at most (a flood is cut, with a note of how many were left out). */
const MAX_EVENTS = 400;
/** Entries kept per (actor, kind) while recording: a flood of one kind cannot push out the rest. */
const MAX_PER_SOURCE = 400;

/** Bytes as a student reads them: the UTF-8 text when valid, else a Python bytes literal (b'\xe9t\xe9'). */
export function bytesText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return pythonBytesLiteral(buf);
  }
}

/** Exactly what Python's repr() prints for bytes, so `print(data)` output can be recognised. */
export function pythonBytesLiteral(buf: Uint8Array): string {
  const quote = buf.includes(0x27) && !buf.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const b of buf) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += '\\' + quote;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out + quote;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + ` … (+${text.length - MAX_TEXT})` : text;
}

type Kind = TranscriptEvent['kind'];

/**
 * At the same microsecond, what must come first: a server listens before a client connects, a
 * connection opens before a message, a message goes before it is printed, a program exits last.
 */
const RANK: Record<Kind, number> = { listen: 0, connect: 1, stdin: 2, message: 3, stdout: 4, stderr: 4, close: 5, blocked: 6, note: 7, exit: 8 };

interface Entry {
  /** when it happened, µs on the shared clock (clock.ts) */
  t: number;
  /** order of recording: the last tie-break */
  seq: number;
  kind: Kind;
  from: string;
  /** the recipient, when known at once */
  to?: string;
  /** the connection it went over (its client-side port): the recipient is found from it at the end */
  conn?: number;
  text: string;
}

/**
 * One record of a check's exchange: what each side sent, typed, printed, and how it ended, each
 * entry stamped when it happened on the clock every program shares. Entries are recorded as they
 * reach the checker and put in the order they happened when the transcript is read (snapshot()).
 * Actors are language-neutral ids ('client', 'serveur', 'client2', 'checker'); reporters translate them.
 */
export class Transcript {
  private readonly entries: Entry[] = [];
  /** µs on the shared clock when the check started: `at` counts from here */
  readonly origin = nowUs();
  private seq = 0;
  private dropped = 0;
  private readonly perSource = new Map<string, number>();
  /** a connection (its client-side port) -> the actors at its two ends */
  private readonly ends = new Map<number, string[]>();

  /** Record an entry; `t` is when it happened (default: now, for what the checker itself does). */
  add(kind: Kind, from: string, text: string, to?: string, t: number = nowUs()): void {
    this.push({ t, seq: 0, kind, from, text: clip(text), ...(to === undefined ? {} : { to }) });
  }

  message(from: string, to: string, bytes: Uint8Array, t?: number): void {
    this.add('message', from, bytesText(bytes), to, t);
  }

  /**
   * Something `from` did on a connection whose other end may not be known yet (a message, a close,
   * a connect): the recipient is read from the connection's ends when the transcript is read.
   */
  onConnection(kind: Kind, from: string, conn: number, text: string, t: number, fallbackTo?: string): void {
    this.push({ t, seq: 0, kind, from, conn, text: clip(text), ...(fallbackTo === undefined ? {} : { to: fallbackTo }) });
  }

  /** `actor` holds one end of the connection whose client-side port is `conn`. */
  endpoint(conn: number, actor: string): void {
    const list = this.ends.get(conn) ?? [];
    if (!list.includes(actor)) list.push(actor);
    this.ends.set(conn, list);
  }

  private push(e: Entry): void {
    const key = `${e.from}\u0000${e.kind}`;
    const n = this.perSource.get(key) ?? 0;
    if (n >= MAX_PER_SOURCE) {
      this.dropped++;
      return;
    }
    this.perSource.set(key, n + 1);
    e.seq = this.seq++;
    this.entries.push(e);
  }

  /** How many entries were recorded (kept). */
  get size(): number {
    return this.entries.length;
  }

  /**
   * The exchange in the order it happened: by time, then by what must come first at the same
   * microsecond, then by recording order. A program's exit is placed after everything else of it
   * (a daemon thread may report a moment after the interpreter said it was done). A flood is cut to
   * the first entries, with a last note of how many were left out.
   */
  snapshot(): TranscriptEvent[] {
    const last = new Map<string, number>();
    for (const e of this.entries) if (e.kind !== 'exit') last.set(e.from, Math.max(last.get(e.from) ?? -Infinity, e.t));
    const sorted = this.entries
      .map((e) => (e.kind === 'exit' ? { ...e, t: Math.max(e.t, last.get(e.from) ?? -Infinity) } : e))
      .sort((a, b) => a.t - b.t || RANK[a.kind] - RANK[b.kind] || a.seq - b.seq);
    const room = MAX_EVENTS - sorted.filter((e) => e.kind === 'exit').length;
    const shown: Entry[] = [];
    let kept = 0;
    let cutAt = -1;
    for (const e of sorted) {
      // how each program ended is always shown, after the note of what a flood left out
      if (e.kind === 'exit' || kept < room) {
        if (e.kind !== 'exit') kept++;
        shown.push(e);
      } else if (cutAt < 0) cutAt = shown.length;
    }
    const out = shown.map((e) => this.event(e));
    const left = this.dropped + sorted.length - shown.length;
    if (left) {
      const at = cutAt >= 0 ? cutAt : out.length - [...out].reverse().findIndex((e) => e.kind !== 'exit');
      out.splice(Math.min(at, out.length), 0, leftOutNote(left, out[at - 1]?.at ?? 0));
    }
    return out;
  }

  private event(e: Entry): TranscriptEvent {
    const at = Math.max(0, Math.round((e.t - this.origin) / 1000));
    const to = e.conn === undefined ? e.to : this.ends.get(e.conn)?.find((a) => a !== e.from) ?? e.to;
    return to === undefined ? { at, kind: e.kind, from: e.from, text: e.text } : { at, kind: e.kind, from: e.from, to, text: e.text };
  }
}
