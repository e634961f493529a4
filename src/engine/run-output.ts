// A run's output capture: stdout and stderr read from the pipes, decoded, capped, and mirrored into
// the transcript line by line at the time each line was printed (stamped-lines.ts).
import { StringDecoder } from 'node:string_decoder';
import type { Transcript } from './transcript.js';
import { StampedLines } from './stamped-lines.js';
import { nowUs } from './clock.js';
import { OUTPUT_CAP } from './run-options.js';

/** Written on stderr by a spawned module once it is up (tprc_boot._say_started); stripped here. */
const STARTED_MARK = Buffer.from('\x00tprc-started\x00\n', 'latin1');
/** The interpreter may write a warning before the mark; past this many bytes the mark is not coming. */
const MARK_WITHIN = 4096;

export interface OutputHooks {
  /** something was read: the run's state may have changed */
  changed(): void;
  /** a spawned module's start mark was read on stderr */
  moduleStarted(): void;
  /** the cap is reached: stop reading the pipes */
  pause(): void;
}

export class RunOutput {
  stdout = '';
  stderr = '';
  truncated = false;
  private bytes = 0;
  private stderrBytes = 0;
  private readonly lines: StampedLines;
  /** spawned runs: stderr bytes held until the module's start mark is found (or cannot come) */
  private stderrHead?: Buffer;
  // One decoder per stream: a pipe read may end in the middle of a multi-byte UTF-8 character.
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(
    private readonly actor: string,
    private readonly transcript: Transcript,
    private readonly hooks: OutputHooks,
  ) {
    this.lines = new StampedLines((text, t) => transcript.add('stdout', actor, text, undefined, t));
  }

  /** Spawned runs: the module says it is up by a mark at the head of stderr. */
  expectStartMark(): void {
    this.stderrHead = Buffer.alloc(0);
  }

  /** The module's stamp for the stdout bytes up to `offset` (an `out` event). */
  onStamp(offset: number, t: number): void {
    this.lines.onStamp(offset, t);
  }

  /** Have the bytes the module counted at its end (`end.out`) all been read? */
  covers(out: readonly (number | null)[]): boolean {
    return (out[0] ?? 0) <= this.lines.bytes && (out[1] ?? 0) <= this.stderrBytes;
  }

  onStdout(chunk: Buffer): void {
    this.onOutput('stdout', chunk);
  }

  /** Spawned runs: find and drop the module's start mark at the head of stderr (see STARTED_MARK). */
  onStderr(chunk: Buffer): void {
    if (!this.stderrHead) return this.onOutput('stderr', chunk);
    const head = Buffer.concat([this.stderrHead, chunk]);
    const at = head.indexOf(STARTED_MARK);
    if (at >= 0) {
      this.stderrHead = undefined;
      this.hooks.moduleStarted();
      const rest = Buffer.concat([head.subarray(0, at), head.subarray(at + STARTED_MARK.length)]);
      if (rest.length) this.onOutput('stderr', rest);
      else this.hooks.changed();
      return;
    }
    this.stderrHead = head;
    if (head.length > MARK_WITHIN) this.flushStderrHead();
  }

  /** The pipes closed (or the run is over): what was held back is output after all. */
  flushStderrHead(): void {
    const head = this.stderrHead;
    this.stderrHead = undefined;
    if (head?.length) this.onOutput('stderr', head);
  }

  /** The run is over: the last line, even without its newline, goes into the transcript. */
  finish(): void {
    this.flushStderrHead();
    this.lines.finish(nowUs());
  }

  private onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.truncated) return;
    let bytes = chunk;
    if (this.bytes + chunk.length > OUTPUT_CAP) {
      bytes = chunk.subarray(0, OUTPUT_CAP - this.bytes);
      this.truncated = true;
      this.transcript.add('note', this.actor, `output > ${OUTPUT_CAP} bytes: truncated`);
      // Stop reading: a flooding program then blocks on its own writes instead of keeping both
      // cores busy (stop() drops the pipes).
      this.hooks.pause();
    }
    this.bytes += bytes.length;
    if (stream === 'stdout') this.lines.onBytes(bytes, nowUs());
    else this.stderrBytes += bytes.length;
    const text = this.decoders[stream].write(bytes);
    if (text) {
      if (stream === 'stdout') this.stdout += text;
      else this.stderr += text;
    }
    // also when nothing new shows: waits on the state (the truncation flag, `end`'s counts) re-check
    this.hooks.changed();
  }
}
