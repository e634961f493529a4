import { join, basename, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { forkServerFor, forkServerUsable, type ForkedProcess, type ProcessHandle } from './forkserver.js';
import { packageRoot } from '../util/package-root.js';
import { Watch, EndedError, withDeadline } from '../util/wait.js';
import type { BlockedAt } from '../model.js';
import type { PyEvent, PyEventName, EventOf } from './events.js';
import { UNBLOCKING } from './events.js';
import { reportHub } from './report-hub.js';
import { killTree, track, untrack } from './kill-tree.js';
import type { Transcript } from './transcript.js';
import { trace, tracing } from '../util/trace.js';
import { countPythonProcess } from './process-count.js';
import { interpreterEnv } from '../python/interpreter-env.js';

/** Bound on an interpreter's start-up (to the module's hello); scaled by the options' startupMs. */
export const STARTUP_MS = 20_000;

/** After an exit with no hello from the module: how long its channel may still take to deliver. */
const NO_HELLO_GRACE_MS = 1000;
/** After an exit: how long the channel and output may stay open (held by a grandchild) before the end. */
const EXIT_GRACE_MS = 500;

export const OUTPUT_CAP = 1024 * 1024;

/** Start-up to hello on an unloaded machine, with headroom (see PythonRun.startSlowness). */
const NOMINAL_START_MS = 250;
const NOMINAL_FORK_MS = 150;

export interface PythonRunOptions {
  python: string;
  /** the student's file, absolute */
  file: string;
  /** actor id in the transcript: 'serveur', 'client', ... */
  actor: string;
  transcript: Transcript;
  /** requested port -> real port ('*' for any): where the program's connect() calls go */
  connect?: Record<string, number>;
  /** record the program's own sends in the transcript (when no TypeScript peer records them) */
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

/**
 * One run of a student's program: spawned unmodified behind the injected module, watched through
 * its events and output, typed to on demand, and killed with its whole process tree at the end.
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
  private exitGraceOver = false;
  /** exited, and its channel and output read to their end (or given up on: see maybeEnd) */
  private settled = false;
  private hadHello = false;
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
  private exitGraceTimer?: NodeJS.Timeout;
  private readonly started = performance.now();
  private stdoutPartial = '';
  // One decoder per stream: a pipe read may end in the middle of a multi-byte UTF-8 character.
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private sourceLines?: string[];

  constructor(readonly options: PythonRunOptions) {}

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
    } else {
      // node:child_process directly: execa costs ~80 ms of module loading per checker start, and
      // nothing here needs more than a spawn (kill-tree.ts kills what is left when the checker exits).
      child = spawn(cmd.file, cmd.args, {
        cwd: dirname(o.file),
        env,
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
        this.stdioClosed = true;
        this.maybeEnd();
        resolve();
      });
      child.once('error', () => resolve());
    });
    child.stdout?.on('data', (b: Buffer) => this.onOutput('stdout', b));
    child.stderr?.on('data', (b: Buffer) => this.onOutput('stderr', b));
    child.stdin?.on('error', () => {}); // EPIPE when the program has exited: not our failure
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      if (child.pid !== undefined) untrack(child.pid);
      this.maybeEnd();
    });
    child.on('error', () => {
      this.exit ??= { code: null, signal: null };
      this.maybeEnd();
    });
    // Every listener is on before the fork's pid arrives: its exit may come in the same read.
    await forkedOrFailed;
    if (child.pid !== undefined && !this.exit) track(child.pid);
    trace(`py ${o.actor} ${basename(o.file)}: started ${child.pid}`);
  }

  private maybeEnd(): void {
    // Over when the process is gone AND its report channel and output are read to their end: the
    // exit is often seen first (it comes another way: waitpid, the fork server's pipe), and a last
    // recv() event or printed line judged after it must be there. A grandchild that inherited them
    // may hold them open: the wait for them is bounded (longer when the module never said hello).
    if (!this.exit || this.settled) return this.watch.changed();
    if (this.exitGraceOver || (this.channelClosed && this.stdioClosed)) {
      this.settled = true;
      this.flushStdoutLine();
      const { code, signal } = this.exit;
      this.options.transcript.add('exit', this.options.actor, signal ? `signal ${signal}` : `code ${code}`);
      this.watch.end();
      return;
    }
    this.exitGraceTimer ??= setTimeout(() => {
      this.exitGraceOver = true;
      this.maybeEnd();
    }, this.hadHello ? EXIT_GRACE_MS : NO_HELLO_GRACE_MS);
    this.watch.changed();
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  private onEvent(e: PyEvent): void {
    e.at = this.elapsed();
    if (tracing) trace(`py ${this.pid}: ${e.ev}`); // per event: no string built when off
    if (e.ev === 'hello') {
      this.hadHello = true;
      this.helloLatencyMs = e.at;
    }
    this.events.push(e);
    this.describe(e);
    this.watch.changed();
  }

  /** Mirror the program's side of the exchange into the transcript. */
  private describe(e: PyEvent): void {
    const t = this.options.transcript;
    const me = this.options.actor;
    switch (e.ev) {
      case 'listen':
        t.add('listen', me, `${e.host === '' ? "''" : e.host}:${e.port}`);
        break;
      case 'connect':
        t.add('connect', me, `${e.host}:${e.port}`);
        break;
      case 'connect-fail':
        t.add('connect', me, `${e.host}:${e.port} → ${e.error}`);
        break;
      case 'refused':
        t.add('note', me, `${e.what} ${e.host}:${e.port} refused (not loopback)`);
        break;
      case 'send':
        if (this.options.recordSends && e.data) t.message(me, this.options.recordSends.to, Buffer.from(e.data, 'base64'));
        break;
      case 'close':
        // with a TypeScript peer, the peer records the close as it sees it
        if (this.options.recordSends) t.add('close', me, '');
        break;
      case 'exception':
        t.add('stderr', me, `${e.type}: ${e.message}`);
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
    const text = this.decoders[stream].write(bytes);
    if (!text) {
      // nothing new to show, but waits on the state (e.g. the truncation flag) must re-check
      this.watch.changed();
      return;
    }
    if (stream === 'stdout') {
      this.stdout += text;
      this.stdoutPartial += text;
      let nl: number;
      while ((nl = this.stdoutPartial.indexOf('\n')) >= 0) {
        this.options.transcript.add('stdout', this.options.actor, this.stdoutPartial.slice(0, nl).replace(/\r$/, ''));
        this.stdoutPartial = this.stdoutPartial.slice(nl + 1);
      }
    } else {
      this.stderr += text;
    }
    this.watch.changed();
  }

  private flushStdoutLine(): void {
    if (this.stdoutPartial) this.options.transcript.add('stdout', this.options.actor, this.stdoutPartial);
    this.stdoutPartial = '';
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

  /** Wait for the n-th (1-based) event of a kind, counting those already seen. */
  /**
   * The interpreter is up (the module said hello). Start-up is bounded apart, generously: on a loaded
   * machine it is what slows down most, and a step's deadline must not pay for it.
   */
  async ready(): Promise<void> {
    if (this.hadHello) return;
    await this.watch.until(() => this.hadHello, this.options.startupMs ?? STARTUP_MS, 'hello');
  }

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
    return this.watch.until(() => (this.settled ? this.exit : undefined), ms, 'exit').catch((e) => {
      if (e instanceof EndedError && this.exit) return this.exit;
      throw e;
    });
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
      this.sourceLines ??= readFileSync(this.options.file, 'utf8').split(/\r?\n/);
    } catch {
      return undefined;
    }
    return this.sourceLines[line - 1]?.trim();
  }

  /** The Python traceback: the main thread's, else the first thread's. */
  traceback(): string | undefined {
    const ex = this.all('exception');
    const main = ex.find((e) => e.thread === 'MainThread') ?? ex[0];
    if (main) return main.traceback.trimEnd();
    const i = this.stderr.lastIndexOf('Traceback (most recent call last)');
    return i >= 0 ? this.stderr.slice(i).trimEnd() : undefined;
  }

  /** Stop the run: kill the whole tree, wait (bounded) for the exit, release the report channel. */
  async stop(): Promise<void> {
    const child = this.child;
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
      await withDeadline(this.closed ?? Promise.resolve(), this.exit ? EXIT_GRACE_MS : 0, 'output end').catch(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      });
    }
    this.channel?.destroy();
    reportHub.unregister(this.token);
    clearTimeout(this.exitGraceTimer);
    this.watch.end();
  }
}
