import type { Socket } from 'node:net';
import { Watch, DeadlineError } from '../util/wait.js';
import type { Transcript } from '../engine/transcript.js';

/** Bytes kept per connection: far more than any lab message, small enough for a flood to be harmless. */
export const RECEIVE_CAP = 4 * 1024 * 1024;

/** The bytes did not match what was expected: `seen` holds what arrived instead. */
export class MismatchError extends Error {
  constructor(
    readonly expected: Buffer,
    readonly seen: Buffer,
    /** true when the deadline passed (the bytes so far matched but were incomplete) */
    readonly timedOut = false,
  ) {
    super('unexpected bytes');
    this.name = 'MismatchError';
  }
}

/**
 * One TCP connection seen from the checker's side, with awaitable expectations over the byte stream.
 * Reads accumulate: TCP may split or merge the program's sends, so expectations are on the stream,
 * never on a single chunk.
 */
export class Connection {
  private received = Buffer.alloc(0);
  private cursor = 0;
  private ended = false; // FIN from the program
  private closedFlag = false;
  /** more than RECEIVE_CAP bytes came: the rest was not read */
  flooded = false;
  readonly watch = new Watch();
  readonly opened = performance.now();

  constructor(
    readonly socket: Socket,
    readonly me: string,
    readonly peer: string,
    private readonly transcript: Transcript,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      const room = RECEIVE_CAP - this.received.length;
      if (chunk.length > room) {
        // A program flooding the socket: keep what fits and stop reading (it then blocks on send).
        chunk = chunk.subarray(0, Math.max(0, room));
        this.flooded = true;
        socket.pause();
      }
      // The program reported this send itself, stamped when it made it: the transcript has it.
      this.received = Buffer.concat([this.received, chunk]);
      this.watch.changed();
    });
    socket.on('end', () => {
      this.ended = true;
      this.watch.changed();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.watch.end();
    });
    socket.on('error', () => {
      // ECONNRESET and the like: the connection is over, which the waits report
    });
  }

  /** Bytes received and not yet consumed by an expectation. */
  get unread(): Buffer {
    return this.received.subarray(this.cursor);
  }

  get all(): Buffer {
    return this.received;
  }

  get isClosedByPeer(): boolean {
    return this.ended || this.closedFlag;
  }

  send(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    // stamped before the write: the program may receive it (and answer) before write() returns
    this.transcript.message(this.me, this.peer, bytes);
    this.socket.write(bytes);
  }

  /**
   * Wait for exactly these bytes next in the stream. Fails as soon as a differing byte arrives
   * (MismatchError), or at the deadline (DeadlineError) with what arrived so far.
   */
  async expectBytes(expected: Uint8Array, ms: number): Promise<void> {
    const want = Buffer.from(expected);
    await this.watch
      .until(() => {
        const got = this.unread;
        const n = Math.min(got.length, want.length);
        if (!got.subarray(0, n).equals(want.subarray(0, n))) throw new MismatchError(want, Buffer.from(got));
        if (got.length >= want.length) return true;
        if (this.isClosedByPeer) throw new MismatchError(want, Buffer.from(got));
        return false;
      }, ms, `${want.length} bytes`)
      .catch((e) => {
        if (e instanceof MismatchError) throw e;
        throw new MismatchError(want, Buffer.from(this.unread), e instanceof DeadlineError);
      });
    this.cursor += want.length;
  }

  expectText(text: string, ms: number): Promise<void> {
    return this.expectBytes(Buffer.from(text, 'utf8'), ms);
  }

  /** Wait for at least one byte, then take what has arrived. */
  async readSome(ms: number): Promise<Buffer> {
    await this.watch.until(() => this.unread.length > 0, ms, 'data');
    return this.take();
  }

  /** Wait until `n` bytes are unread (or the connection ends), then take them all. */
  async readAtLeast(n: number, ms: number): Promise<Buffer> {
    await this.watch.until(() => this.unread.length >= n || this.isClosedByPeer, ms, `${n} bytes`).catch((e) => {
      if (!(e instanceof DeadlineError) || this.unread.length === 0) throw e;
    });
    return this.take();
  }

  /** Consume `n` unread bytes (already matched by the caller). */
  skip(n: number): void {
    this.cursor = Math.min(this.received.length, this.cursor + n);
  }

  take(): Buffer {
    const out = Buffer.from(this.unread);
    this.cursor = this.received.length;
    return out;
  }

  /** Wait for the program to close its side (FIN or reset). */
  async expectClosed(ms: number): Promise<void> {
    await this.watch.until(() => this.isClosedByPeer, ms, 'close').catch((e) => {
      if (!this.isClosedByPeer) throw e;
    });
  }

  /** Negative check: the connection stays open for `ms`. Resolves true if it did. */
  async stillOpenAfter(ms: number): Promise<boolean> {
    try {
      await this.watch.until(() => this.isClosedByPeer, ms, 'close', { window: true });
      return false;
    } catch (e) {
      if (e instanceof DeadlineError) return true;
      return !this.isClosedByPeer;
    }
  }

  /** Negative check: no new byte for `ms`. Resolves with what arrived (empty when nothing did). */
  async nothingFor(ms: number): Promise<Buffer> {
    try {
      await this.watch.until(() => this.unread.length > 0, ms, 'no data', { window: true });
    } catch {
      // deadline or end: both mean nothing more arrived
    }
    return Buffer.from(this.unread);
  }

  /** Close our side, as the lab's programs do (the end of the exchange, shown in the transcript). */
  close(): void {
    if (!this.socket.writableEnded) this.transcript.add('close', this.me, '', this.peer);
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
