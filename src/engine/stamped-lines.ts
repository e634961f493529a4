// The lines a program prints, each with the time it printed it. The bytes come on the process's
// stdout; the times come on the report channel (the module's `out` events: bytes written so far
// and when). The two travel separately and either may arrive first: a line is released once its
// bytes and the stamp of the write that ended it are both here, so the time it gets never depends
// on which came first.

const COMPACT = 1024;

interface Pending {
  /** offset just past the line's last byte in the stream */
  end: number;
  text: string;
  /** when its bytes arrived (µs): the time used only when no stamp ever covers them */
  arrived: number;
}

export class StampedLines {
  private received = 0;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  // Queues read from a head index, compacted now and then: a flood of lines that no stamp covers
  // (past the module's caps) is released in one go at the end, in linear time.
  private pending: Pending[] = [];
  private head = 0;
  private stamps: { o: number; t: number }[] = [];
  private next = 0;
  private lastT = -Infinity;

  constructor(private readonly emit: (text: string, t: number) => void) {}

  /** Bytes read from the stream (any chunking). */
  onBytes(chunk: Buffer, arrivedUs: number): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      const line = this.partialBytes ? Buffer.concat([...this.partial, piece]) : piece;
      this.partial = [];
      this.partialBytes = 0;
      this.pending.push({ end: this.received + nl + 1, text: line.toString('utf8').replace(/\r$/, ''), arrived: arrivedUs });
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.partial.push(Buffer.from(chunk.subarray(start)));
      this.partialBytes += chunk.length - start;
    }
    this.received += chunk.length;
    this.release();
  }

  /** The module wrote up to offset `o` at time `t` (µs). */
  onStamp(o: number, t: number): void {
    this.stamps.push({ o, t });
    this.release();
  }

  /** Bytes received so far. */
  get bytes(): number {
    return this.received;
  }

  /** The stream is over (or given up on): release every line, the unfinished last one too. */
  finish(nowUs: number): void {
    if (this.partialBytes) {
      this.pending.push({ end: this.received, text: Buffer.concat(this.partial).toString('utf8'), arrived: nowUs });
      this.partial = [];
      this.partialBytes = 0;
    }
    this.release(true);
  }

  private release(all = false): void {
    while (this.head < this.pending.length) {
      const line = this.pending[this.head];
      while (this.next < this.stamps.length && this.stamps[this.next].o < line.end) this.next++;
      const stamp = this.stamps[this.next];
      if (!stamp && !all) break;
      // No stamp covers it (bytes written around the module: os.write, a child process): it is
      // placed when it arrived, never before a line printed earlier.
      const t = Math.max(this.lastT, stamp ? stamp.t : line.arrived);
      this.lastT = t;
      this.head++;
      this.emit(line.text, t);
    }
    if (this.head > COMPACT && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    if (this.next > COMPACT && this.next * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.next);
      this.next = 0;
    }
  }
}
