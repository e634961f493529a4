// The lines a program prints, each with the time it printed it. The bytes come on the process's
// stdout; the times come on the report channel (the module's `out` events: bytes written so far
// and when). The two travel separately and either may arrive first: a line is released once its
// bytes and the stamp of the write that ended it are both here, so the time it gets never depends
// on which came first.

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
  private readonly pending: Pending[] = [];
  private readonly stamps: { o: number; t: number }[] = [];
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
    while (this.pending.length) {
      const line = this.pending[0];
      while (this.next < this.stamps.length && this.stamps[this.next].o < line.end) this.next++;
      const stamp = this.stamps[this.next];
      if (!stamp && !all) return;
      // No stamp covers it (bytes written around the module: os.write, a child process): it is
      // placed when it arrived, never before a line printed earlier.
      const t = Math.max(this.lastT, stamp ? stamp.t : line.arrived);
      this.lastT = t;
      this.pending.shift();
      this.emit(line.text, t);
    }
  }
}
