// The facade of one run of a student's program (PythonRun): it composes the parts, each with one
// job: run-spawn.ts starts the interpreter, run-events.ts keeps and queries what the program
// reported, run-output.ts captures its output; here the run's life (started, up, exited, read to
// its end, stopped) and the waits on it.
import { basename } from 'node:path';
import type { Socket } from 'node:net';
import type { ForkedProcess, ProcessHandle } from './forkserver.js';
import { Watch, DeadlineError, EndedError, withDeadline } from '../util/wait.js';
import type { BlockedAt } from '../model.js';
import type { PyEvent, PyEventName, EventOf } from './events.js';
import { reportHub } from './report-hub.js';
import { killTree, track, trackedPids, untrack } from '../sandbox/kill-tree.js';
import { loadMeter } from '../util/load.js';
import { clockOffset, nowUs } from './clock.js';
import { trace, tracing } from '../util/trace.js';
import { STARTUP_MS, type Exit, type PythonRunOptions } from './run-options.js';
import { RunEvents, shownPaths } from './run-events.js';
import { RunOutput } from './run-output.js';
import { launch } from './run-spawn.js';

export { STARTUP_MS, OUTPUT_CAP, CheckerError, type Exit, type PythonRunOptions } from './run-options.js';

// A spinning program must not stretch its own deadlines: its threads are not the machine's load.
loadMeter.ownProcesses(trackedPids);

/**
 * After an exit without the module's `end` (killed, os._exit): how long the report channel and the
 * output may stay open (held by a grandchild) before the run is over anyway. A normal exit ends on
 * the module's `end` and never waits for this.
 */
const EXIT_GRACE_MS = 2000;
/** After stop() killed the tree: how long a grandchild that left the group may hold the pipes. */
const STOP_GRACE_MS = 500;

/** Start-up to hello on an unloaded machine, with headroom (see PythonRun.startSlowness). */
const NOMINAL_START_MS = 250;
const NOMINAL_FORK_MS = 150;

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
  readonly watch = new Watch();
  exit?: Exit;
  readonly typed: string[] = [];
  /** ms from spawn to the module's hello: how slow the machine is right now */
  helloLatencyMs?: number;

  private readonly log: RunEvents;
  private readonly out: RunOutput;
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
  private readonly started = performance.now();

  constructor(readonly options: PythonRunOptions) {
    this.watch.owner = this;
    this.log = new RunEvents(options);
    this.out = new RunOutput(options.actor, options.transcript, {
      changed: () => this.maybeEnd(),
      moduleStarted: () => {
        this.moduleStarted = true;
      },
      pause: () => {
        this.child?.stdout.pause();
        this.child?.stderr.pause();
      },
    });
  }

  /** What the program reported, in its own order. */
  get events(): PyEvent[] {
    return this.log.list;
  }

  get stdout(): string {
    return this.out.stdout;
  }

  get stderr(): string {
    return this.out.stderr;
  }

  /** The output went past OUTPUT_CAP: the rest was not read. */
  get outputTruncated(): boolean {
    return this.out.truncated;
  }

  /**
   * How much slower than on an idle machine this program started (>= 0; 1 = nominal): a spawned
   * interpreter takes 30–80 ms to its hello alone, ~120 ms with a whole check starting at once; a
   * forked one 2–90 ms in a whole check. Deadlines stretch with it on a loaded machine.
   */
  get startSlowness(): number {
    return (this.helloLatencyMs ?? 0) / (this.forked ? NOMINAL_FORK_MS : NOMINAL_START_MS);
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
    this.startedUs = nowUs();
    const { child, forked, forkedOrFailed } = launch(o, report, this.token);
    if (forked) {
      this.forked = forked;
      // said by the child on the pipe its exit will come by, so always before it
      forked.once('started', () => {
        this.moduleStarted = true;
      });
    } else this.out.expectStartMark();
    this.child = child;
    this.closed = new Promise<void>((resolve) => {
      child.once('close', () => {
        trace(`py ${child.pid}: closed`);
        this.out.flushStderrHead();
        this.stdioClosed = true;
        this.maybeEnd();
        resolve();
      });
      child.once('error', () => resolve());
    });
    child.stdout?.on('data', (b: Buffer) => this.out.onStdout(b));
    child.stderr?.on('data', (b: Buffer) => this.out.onStderr(b));
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
    const outputDone = this.stdioClosed || (out !== undefined && this.out.covers(out));
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
    this.out.finish();
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
      if (e.fd === 1) this.out.onStamp(e.o, e.t);
      return this.maybeEnd();
    }
    if (e.ev === 'end') this.ended = e;
    this.log.add(e);
    this.maybeEnd();
  }

  /** A path of the working copy as the student knows it (their own folder). */
  shown(text: string): string {
    return shownPaths(this.options, text);
  }

  // ---- queries ---------------------------------------------------------------------------------

  all<K extends PyEventName>(name: K): EventOf<K>[] {
    return this.log.all(name);
  }

  first<K extends PyEventName>(name: K): EventOf<K> | undefined {
    return this.log.first(name);
  }

  /** The events the program reported after `from` (and before `to`, when given), in its own order. */
  between(from: PyEvent, to?: PyEvent): PyEvent[] {
    return this.log.between(from, to);
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
   * Does it loop on a closed connection? (run-events.ts: exact, and within milliseconds.) The
   * busy-loop checks and the diagnosis of a timeout both ask this.
   */
  spinsOnClosed(): boolean {
    return this.log.spinsOnClosed();
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
    return this.log.blockedAt();
  }

  sourceLine(line: number): string | undefined {
    return this.log.sourceLine(line);
  }

  /** The Python traceback: the main thread's, else the first thread's; paths as the student knows them. */
  traceback(): string | undefined {
    return this.log.traceback(this.stderr);
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
