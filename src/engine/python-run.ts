import { join, basename, dirname, sep } from 'node:path';
import { readProgramFile } from '../sandbox/area.js';
import { StringDecoder } from 'node:string_decoder';
import type { Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { forkServerFor, forkServerUsable, type ForkedProcess, type ProcessHandle } from './forkserver.js';
import { packageRoot } from '../util/package-root.js';
import { Watch, DeadlineError, EndedError, withDeadline } from '../util/wait.js';
import type { BlockedAt } from '../model.js';
import type { PyEvent, PyEventName, EventOf } from './events.js';
import { UNBLOCKING } from './events.js';
import { reportHub } from './report-hub.js';
import { killTree, track, trackedPids, untrack } from '../sandbox/kill-tree.js';
import { loadMeter } from '../util/load.js';
import { bytesText, type Transcript } from './transcript.js';
import { StampedLines } from './stamped-lines.js';
import { clockOffset, nowUs } from './clock.js';
import { trace, tracing } from '../util/trace.js';
import { countPythonProcess } from './process-count.js';
import { interpreterEnv } from '../python/interpreter-env.js';

// A spinning program must not stretch its own deadlines: its threads are not the machine's load.
loadMeter.ownProcesses(trackedPids);

/** Bound on an interpreter's start-up (to the module's hello); scaled by the options' startupMs. */
export const STARTUP_MS = 20_000;

/**
 * After an exit without the module's `end` (killed, os._exit): how long the report channel and the
 * output may stay open (held by a grandchild) before the run is over anyway. A normal exit ends on
 * the module's `end` and never waits for this.
 */
const EXIT_GRACE_MS = 2000;
/** After stop() killed the tree: how long a grandchild that left the group may hold the pipes. */
const STOP_GRACE_MS = 500;

/** Written on stderr by a spawned module once it is up (tprc_boot._say_started); stripped here. */
const STARTED_MARK = Buffer.from('\x00tprc-started\x00\n', 'latin1');

export const OUTPUT_CAP = 1024 * 1024;

/** recv() returned b'' this many times in a row on one socket: a loop that never sees the departure. */
const EMPTY_RECV_SPIN = 64;

/** Start-up to hello on an unloaded machine, with headroom (see PythonRun.startSlowness). */
const NOMINAL_START_MS = 250;
const NOMINAL_FORK_MS = 150;

export interface PythonRunOptions {
  python: string;
  /** the student's file, absolute */
  file: string;
  /**
   * The file as the student knows it (their own folder), when `file` is a working copy: paths in
   * tracebacks and messages are shown under this name.
   */
  shownFile?: string;
  /** actor id in the transcript: 'serveur', 'client', ... */
  actor: string;
  transcript: Transcript;
  /** requested port -> real port ('*' for any): where the program's connect() calls go */
  connect?: Record<string, number>;
  /** the program's peer, for a send on a connection whose other end is not known (see Transcript.endpoint) */
  recordSends?: { to: string };
  /** POSIX resource limits applied before the student's code runs */
  limits?: Partial<Record<'cpu' | 'as' | 'nofile' | 'fsize' | 'nproc', number>>;
  /** wraps the command (e.g. a network namespace): returns the file and args to spawn */
  wrap?: (file: string, args: string[]) => { file: string; args: string[] };
  env?: Record<string, string>;
  /** bound on start-up, to the module's hello (default STARTUP_MS) */
  startupMs?: number;
  /** skip site-packages (-S): ~20 ms faster start; the lab uses the standard library only */
  noSite?: boolean;
}

export interface Exit {
  code: number | null;
  signal: string | null;
}

export class CheckerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CheckerError';
    this.code = code;
  }
}

// tprc_start.py imports tprc_boot.py (the injected module) from its cached bytecode: see there.
const BOOT = () => join(packageRoot(), 'src', 'python', 'inject', 'tprc_start.py');

/** The module never started in this run (the interpreter failed before it): the checker's fault. */
export class NoHelloError extends Error {
  constructor(readonly run: PythonRun) {
    super('the injected module never started');
    this.name = 'NoHelloError';
  }
}

/**
 * One run of a student's program: spawned unmodified behind the injected module, watched through
 * its events and output, typed to on demand, and killed with its whole process tree at the end.
 *
 * Everything the program does reaches the checker stamped on the shared clock (clock.ts), by two
 * ways: events on the report channel, bytes on stdout/stderr. The run is over only once both are
 * read to what the program did before it exited: the module's `end` (or the channel's close) and
 * the output bytes `end` counts (or the pipes' close). Whether the module was up at all is known
 * from the way the exit comes (forkserver.ts) or from stderr (spawned): a run never depends on
 * which of its channels delivered first.
 */
export class PythonRun {
  readonly events: PyEvent[] = [];
  readonly watch = new Watch();
  stdout = '';
  stderr = '';
  outputTruncated = false;
  private outputBytes = 0;
  exit?: Exit;
  readonly typed: string[] = [];

  private child?: ProcessHandle;
  private forked?: ForkedProcess;
  /** settles when the process has exited and its pipes are closed */
  private closed?: Promise<void>;
  private channel?: Socket;
  private token = '';
  private channelClosed = false;
  private stdioClosed = false;
  private graceOver = false;
  private graceTimer?: NodeJS.Timeout;
  private graceFor?: 'hello' | 'end';
  /** exited, and its channel and output read to their end (or given up on: see maybeEnd) */
  private settled = false;
  /** stop() killed it while it ran */
  private stopping = false;
  private hadHello = false;
  /** the module is up: its hello may still be on its way (a late accept under load) */
  private moduleStarted = false;
  /** the module's last word: bytes written to stdout and stderr in all */
  private ended?: EventOf<'end'>;
  /** µs on the shared clock when the process was started, and when its exit was seen */
  private startedUs = 0;
  private exitSeenUs = 0;
  /** added to the program's stamps when its clock is not ours (clock.ts) */
  private offsetUs = 0;
  /** spawned runs: stderr bytes held until the module's start mark is found (or cannot come) */
  private stderrHead?: Buffer;
  /** connection of a socket (sid) -> the connection's client-side port, its id in the transcript */
  private readonly conns = new Map<number, number>();
  private readonly closedSids = new Set<number>();
  private readonly lines: StampedLines;
  private stderrBytes = 0;
  /** ms from spawn to the module's hello: how slow the machine is right now */
  helloLatencyMs?: number;

  /**
   * How much slower than on an idle machine this program started (>= 0; 1 = nominal): a spawned
   * interpreter takes 30–80 ms to its hello alone, ~120 ms with a whole check starting at once; a
   * forked one 2–90 ms in a whole check. Deadlines stretch with it on a loaded machine.
   */
  get startSlowness(): number {
    return (this.helloLatencyMs ?? 0) / (this.forked ? NOMINAL_FORK_MS : NOMINAL_START_MS);
  }
  private readonly started = performance.now();
  // One decoder per stream: a pipe read may end in the middle of a multi-byte UTF-8 character.
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private sourceLines?: string[];

  constructor(readonly options: PythonRunOptions) {
    this.watch.owner = this;
    this.lines = new StampedLines((text, t) => options.transcript.add('stdout', options.actor, text, undefined, t));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const o = this.options;
    const report = await reportHub.start();
    this.token = reportHub.register({
      onEvent: (e) => this.onEvent(e),
      onConnection: (s) => (this.channel = s),
      onClosed: () => {
        this.channelClosed = true;
        this.maybeEnd();
      },
      onStdio: (fd, socket) => (this.forked ? this.forked.attach(fd, socket) : socket.destroy()),
    });
    const args = [...(o.noSite === false ? [] : ['-S']), '-u', '-X', 'utf8', BOOT(), o.file];
    const cmd = o.wrap ? o.wrap(o.python, args) : { file: o.python, args };
    const env: Record<string, string> = {
      ...interpreterEnv(),
      TPRC_REPORT: report,
      TPRC_TOKEN: this.token,
      TPRC_CONNECT: JSON.stringify(o.connect ?? {}),
      ...(o.limits ? { TPRC_LIMITS: JSON.stringify(o.limits) } : {}),
      ...o.env,
    };
    let child: ProcessHandle;
    let forkedOrFailed: Promise<void> | undefined;
    this.startedUs = nowUs();
    if (!o.wrap && o.noSite !== false && forkServerUsable()) {
      // Forked from a warm interpreter that already imported the module (forkserver.ts); the pid
      // is known once the server forked.
      const forked = forkServerFor(o.python).fork(this.token, report, o.file, dirname(o.file), env);
      this.forked = forked;
      child = forked;
      forkedOrFailed = new Promise<void>((resolve) => {
        forked.once('spawn', () => resolve());
        forked.once('error', () => resolve());
      });
      // said by the child on the pipe its exit will come by, so always before it
      forked.once('started', () => {
        this.moduleStarted = true;
      });
    } else {
      // node:child_process directly: execa costs ~80 ms of module loading per checker start, and
      // nothing here needs more than a spawn (kill-tree.ts kills what is left when the checker exits).
      this.stderrHead = Buffer.alloc(0);
      child = spawn(cmd.file, cmd.args, {
        cwd: dirname(o.file),
        env: { ...env, TPRC_STARTED: 'stderr' },
        stdio: ['pipe', 'pipe', 'pipe'],
        // POSIX: own process group, so the whole tree is killed with one signal
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      countPythonProcess(child.pid);
    }
    this.child = child;
    this.closed = new Promise<void>((resolve) => {
      child.once('close', () => {
        trace(`py ${child.pid}: closed`);
        this.flushStderrHead();
        this.stdioClosed = true;
        this.maybeEnd();
        resolve();
      });
      child.once('error', () => resolve());
    });
    child.stdout?.on('data', (b: Buffer) => this.onOutput('stdout', b));
    child.stderr?.on('data', (b: Buffer) => this.onStderr(b));
    child.stdin?.on('error', () => {}); // EPIPE when the program has exited: not our failure
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.exitSeenUs = nowUs();
      if (child.pid !== undefined) untrack(child.pid);
      this.maybeEnd();
    });
    child.on('error', () => {
      this.exit ??= { code: null, signal: null };
      this.exitSeenUs ||= nowUs();
      this.stdioClosed = true; // never started: no output will come
      this.maybeEnd();
    });
    // Every listener is on before the fork's pid arrives: its exit may come in the same read.
    await forkedOrFailed;
    if (child.pid !== undefined && !this.exit) track(child.pid);
    trace(`py ${o.actor} ${basename(o.file)}: started ${child.pid}`);
  }

  /** Has everything the program did before its exit been read? (see the class comment) */
  private complete(): boolean {
    if (!this.hadHello && !this.moduleStarted) {
      // The module never said it was up: a forked child says so before its exit on the same pipe;
      // a spawned one on stderr, read to its end once the pipes closed.
      return this.forked !== undefined || this.stdioClosed;
    }
    if (!this.hadHello) return false; // up, but its channel is not accepted yet
    const channelDone = this.channelClosed || this.ended !== undefined;
    const out = this.ended?.out;
    const outputDone = this.stdioClosed || (out !== undefined && (out[0] ?? 0) <= this.lines.bytes && (out[1] ?? 0) <= this.stderrBytes);
    return channelDone && (outputDone || this.outputTruncated);
  }

  private maybeEnd(): void {
    if (!this.exit || this.settled) return this.watch.changed();
    if (this.graceOver || this.complete()) return this.settle();
    // Bounded: a channel that is not accepted yet gets the start-up bound (a loaded checker); one
    // held open by a grandchild after an exit without `end` gets EXIT_GRACE_MS.
    const phase = this.hadHello || !this.moduleStarted ? 'end' : 'hello';
    if (this.graceFor !== phase) {
      clearTimeout(this.graceTimer);
      this.graceFor = phase;
      this.graceTimer = setTimeout(() => {
        this.graceOver = true;
        this.maybeEnd();
      }, phase === 'hello' ? this.options.startupMs ?? STARTUP_MS : EXIT_GRACE_MS);
    }
    this.watch.changed();
  }

  private settle(): void {
    if (this.settled || !this.exit) return;
    this.settled = true;
    clearTimeout(this.graceTimer);
    this.flushStderrHead();
    this.lines.finish(nowUs());
    const { code, signal } = this.exit;
    const t = this.ended ? this.ended.t : this.exitSeenUs;
    // killed by stop() while still running: the checker's doing, not a way the program ended
    const how = this.stopping && !this.ended && signal ? 'stopped' : signal ? `signal ${signal}` : `code ${code}`;
    this.options.transcript.add('exit', this.options.actor, how, undefined, t);
    this.watch.end();
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  private onEvent(e: PyEvent): void {
    e.at = this.elapsed();
    if (tracing) trace(`py ${this.pid}: ${e.ev}`); // per event: no string built when off
    if (e.ev === 'hello') {
      this.hadHello = true;
      this.moduleStarted = true;
      this.helloLatencyMs = e.at;
      this.offsetUs = typeof e.t === 'number' ? clockOffset(this.startedUs, e.t, nowUs()) : 0;
    }
    e.t = typeof e.t === 'number' ? e.t + this.offsetUs : nowUs();
    if (e.ev === 'out') {
      // stamps for the printed lines (stamped-lines.ts); not kept as events (one per line printed)
      if (e.fd === 1) this.lines.onStamp(e.o, e.t);
      return this.maybeEnd();
    }
    if (e.ev === 'end') this.ended = e;
    this.events.push(e);
    this.describe(e);
    this.maybeEnd();
  }

  /** Mirror the program's side of the exchange into the transcript, at the time it happened. */
  private describe(e: PyEvent): void {
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
        t.add('stderr', me, this.shown(`${e.type}: ${e.message}`), undefined, e.t);
        break;
    }
  }

  private onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.outputTruncated) return;
    let bytes = chunk;
    if (this.outputBytes + chunk.length > OUTPUT_CAP) {
      bytes = chunk.subarray(0, OUTPUT_CAP - this.outputBytes);
      this.outputTruncated = true;
      this.options.transcript.add('note', this.options.actor, `output > ${OUTPUT_CAP} bytes: truncated`);
      // Stop reading: a flooding program then blocks on its own writes instead of keeping both
      // cores busy (stop() drops the pipes).
      this.child?.stdout.pause();
      this.child?.stderr.pause();
    }
    this.outputBytes += bytes.length;
    if (stream === 'stdout') this.lines.onBytes(bytes, nowUs());
    else this.stderrBytes += bytes.length;
    const text = this.decoders[stream].write(bytes);
    if (text) {
      if (stream === 'stdout') this.stdout += text;
      else this.stderr += text;
    }
    // also when nothing new shows: waits on the state (the truncation flag, `end`'s counts) re-check
    this.maybeEnd();
  }

  /** Spawned runs: find and drop the module's start mark at the head of stderr (see STARTED_MARK). */
  private onStderr(chunk: Buffer): void {
    if (!this.stderrHead) return this.onOutput('stderr', chunk);
    const head = Buffer.concat([this.stderrHead, chunk]);
    const at = head.indexOf(STARTED_MARK);
    if (at >= 0) {
      this.stderrHead = undefined;
      this.moduleStarted = true;
      const rest = Buffer.concat([head.subarray(0, at), head.subarray(at + STARTED_MARK.length)]);
      if (rest.length) this.onOutput('stderr', rest);
      else this.maybeEnd();
      return;
    }
    // The interpreter may write a warning first; past 4 KiB the mark is not coming.
    this.stderrHead = head;
    if (head.length > 4096) this.flushStderrHead();
  }

  private flushStderrHead(): void {
    const head = this.stderrHead;
    this.stderrHead = undefined;
    if (head?.length) this.onOutput('stderr', head);
  }

  /** A path of the working copy as the student knows it (their own folder). */
  shown(text: string): string {
    const shown = this.options.shownFile;
    if (!shown) return text;
    const from = dirname(this.options.file);
    const to = dirname(shown);
    return from === to ? text : text.split(from + sep).join(to + sep);
  }

  // ---- queries ---------------------------------------------------------------------------------

  all<K extends PyEventName>(name: K): EventOf<K>[] {
    return this.events.filter((e): e is EventOf<K> => e.ev === name);
  }

  first<K extends PyEventName>(name: K): EventOf<K> | undefined {
    return this.events.find((e): e is EventOf<K> => e.ev === name);
  }

  /** The events the program reported after `from` (and before `to`, when given), in its own order. */
  between(from: PyEvent, to?: PyEvent): PyEvent[] {
    return this.events.slice(this.events.indexOf(from) + 1, to ? this.events.indexOf(to) : undefined);
  }

  /**
   * The interpreter is up (the module said hello). Start-up is bounded apart, generously: on a loaded
   * machine it is what slows down most, and a step's deadline must not pay for it. A run that ended
   * without its module ever starting is the checker's failure (NoHelloError), not the program's.
   */
  async ready(): Promise<void> {
    if (this.hadHello) return;
    await this.watch.until(() => this.hadHello, this.options.startupMs ?? STARTUP_MS, 'hello').catch((e: unknown) => {
      if (e instanceof EndedError || !this.moduleStarted) throw new NoHelloError(this);
      throw e;
    });
  }

  /** Wait for the n-th (1-based) event of a kind, counting those already seen. */
  async waitEvent<K extends PyEventName>(
    name: K,
    ms: number,
    opts: { nth?: number; where?: (e: EventOf<K>) => boolean } = {},
  ): Promise<EventOf<K>> {
    await this.ready();
    const nth = opts.nth ?? 1;
    return this.watch.until(() => {
      const list = this.all(name).filter((e) => !opts.where || opts.where(e));
      return list.length >= nth ? list[nth - 1] : undefined;
    }, ms, `event ${name}`);
  }

  /** Readiness: the program called listen(); resolves with the real port. */
  async listening(ms: number): Promise<EventOf<'listen'>> {
    return this.waitEvent('listen', ms);
  }

  /** Wait until the program asks for a line (input()), the n-th time. */
  async inputRequested(nth: number, ms: number): Promise<EventOf<'input'>> {
    return this.waitEvent('input', ms, { nth });
  }

  /** The exit, once everything the program reported and printed before it has been read. */
  async exited(ms: number): Promise<Exit> {
    return this.watch.until(() => {
      if (this.settled) return this.exit;
      // looping on a closed connection, it will not end by itself: the deadline's outcome, now
      if (this.spinsOnClosed()) throw new DeadlineError('exit', ms);
      return undefined;
    }, ms, 'exit').catch((e) => {
      if (e instanceof EndedError && this.exit) return this.exit;
      throw e;
    });
  }

  /**
   * Does it loop on a closed connection? recv() returned b'' EMPTY_RECV_SPIN times in a row on one
   * socket (the module reports the 1st, then powers of two from 64): exact, and within milliseconds.
   * The busy-loop checks and the diagnosis of a timeout both ask this.
   */
  spinsOnClosed(): boolean {
    return this.events.some((e) => e.ev === 'recv' && e.n === 0 && (e.count ?? 0) >= EMPTY_RECV_SPIN);
  }

  /** Is the run over: exited, and everything it did before read? */
  get isSettled(): boolean {
    return this.settled;
  }

  /** Output so far, stdout then stderr. */
  get output(): string {
    return this.stdout;
  }

  type(line: string): void {
    this.typed.push(line);
    this.options.transcript.add('stdin', 'checker', line, this.options.actor);
    this.child?.stdin?.write(line + '\n');
  }

  closeStdin(): void {
    this.child?.stdin?.end();
  }

  /** Process CPU time (all threads), asked of the injected module: works on every OS. */
  async cpuSeconds(ms: number): Promise<number> {
    const before = this.all('cpu').length;
    if (!this.channel || this.channelClosed) throw new EndedError('cpu');
    this.channel.write('cpu\n');
    const e = await this.waitEvent('cpu', ms, { nth: before + 1 });
    return e.seconds;
  }

  get helloReceived(): boolean {
    return this.hadHello;
  }

  /** Where each thread is blocked now (a blocking call entered and not returned), student's line first. */
  blockedAt(): BlockedAt | undefined {
    const open = new Map<number, EventOf<'block'> | EventOf<'input'>>();
    for (const e of this.events) {
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

  /** The Python traceback: the main thread's, else the first thread's; paths as the student knows them. */
  traceback(): string | undefined {
    const ex = this.all('exception');
    const main = ex.find((e) => e.thread === 'MainThread') ?? ex[0];
    if (main) return this.shown(main.traceback.trimEnd());
    const i = this.stderr.lastIndexOf('Traceback (most recent call last)');
    return i >= 0 ? this.shown(this.stderr.slice(i).trimEnd()) : undefined;
  }

  /**
   * Stop the run: kill the whole tree, wait (bounded) until what it did before dying is read,
   * release the report channel.
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!this.exit) this.stopping = true;
    // Always signal the group: the leader may have exited and left children behind in it.
    if (child?.pid !== undefined) killTree(child.pid);
    if (child && (this.outputTruncated || this.settled)) {
      // paused after the cap: nothing more is read, so do not wait for the pipes to drain; or
      // already over (exited, output read or given up on): what still holds them is a grandchild
      child.stdout.destroy();
      child.stderr.destroy();
    }
    if (child) {
      // The killed process exits at once; a grandchild that left the group could hold its pipes
      // open: once the exit is seen, their end is given a short grace, not the whole bound.
      await this.watch.until(() => this.exit, 3000, 'exit after kill').catch(() => undefined);
      await withDeadline(this.closed ?? Promise.resolve(), this.exit ? STOP_GRACE_MS : 0, 'output end').catch(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      });
      // what it reported before dying is on its channel: read it (bounded, as after any exit)
      if (this.exit) await this.watch.until(() => this.settled, EXIT_GRACE_MS, 'end after kill').catch(() => undefined);
    }
    this.settle();
    this.channel?.destroy();
    reportHub.unregister(this.token);
    clearTimeout(this.graceTimer);
    this.watch.end();
  }
}
