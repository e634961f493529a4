// Starting a student's program by fork instead of spawn (Linux): see tprc_forkserver.py for why and
// how the child is made to look like a fresh interpreter. One server per interpreter per checker
// process, started on first use. A forked run looks like a spawned ChildProcess to PythonRun: pid,
// stdin/stdout/stderr streams, 'exit' then 'close' events; its stdio travels over three loopback
// connections to the report hub instead of pipes (Node cannot hand pipes to a process it did not
// spawn).
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Socket } from 'node:net';
import { constants } from 'node:os';
import { packageRoot } from '../util/package-root.js';
import { killTree, track, untrack } from '../sandbox/kill-tree.js';
import { interpreterEnv } from '../python/interpreter-env.js';
import { countPythonProcess } from './process-count.js';

const SERVER = (): string => join(packageRoot(), 'src', 'python', 'inject', 'tprc_forkserver.py');

/** What PythonRun needs of a started process; a spawned ChildProcess has it too. */
export interface ProcessHandle {
  readonly pid?: number;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  on(event: 'exit', fn: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'error', fn: (e: Error) => void): this;
  once(event: 'close', fn: () => void): this;
  once(event: 'error', fn: (e: Error) => void): this;
}

/** Is fork available and wanted? Linux only (tested there); TPRC_FORKSERVER=0 turns it off. */
export function forkServerUsable(): boolean {
  return process.platform === 'linux' && process.env.TPRC_FORKSERVER !== '0';
}

/** One forked run: stdio streams exist at once; the sockets behind them are attached as they come. */
export class ForkedProcess extends EventEmitter implements ProcessHandle {
  pid?: number;
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  private exited = false;
  private open = new Set<PassThrough>([this.stdout, this.stderr]);
  private readonly sockets: Socket[] = [];

  constructor(readonly token: string) {
    super();
    for (const s of [this.stdout, this.stderr]) {
      s.once('close', () => {
        this.open.delete(s);
        this.maybeClose();
      });
    }
    // A stream destroyed by PythonRun (the output cap, stop()) takes its connection with it.
    this.stdin.once('close', () => this.sockets[0]?.destroy());
  }

  /** A stdio connection from the child arrived (report-hub.ts). */
  attach(fd: 0 | 1 | 2, socket: Socket): void {
    this.sockets[fd] = socket;
    socket.on('error', () => socket.destroy());
    if (fd === 0) {
      this.stdin.pipe(socket);
      socket.resume();
      return;
    }
    const out = fd === 1 ? this.stdout : this.stderr;
    if (out.destroyed) {
      socket.destroy();
      return;
    }
    socket.pipe(out);
    out.once('close', () => socket.destroy());
  }

  /** The server saw the exit (waitpid). */
  onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    // Stdio connections that never come (killed before it connected them) are not waited for here:
    // PythonRun bounds the wait for the output after an exit, and stop() ends the streams.
    this.emit('exit', code, signal);
    this.maybeClose();
  }

  onError(e: Error): void {
    this.emit('error', e);
    this.stdout.destroy();
    this.stderr.destroy();
    this.stdin.destroy();
  }

  private maybeClose(): void {
    if (this.exited && this.open.size === 0) this.emit('close');
  }
}

class ForkServer {
  private child?: ChildProcess;
  private pending = new Map<string, ForkedProcess>();
  private running = new Map<string, ForkedProcess>();
  private buffer = '';
  private dead = false;
  /** pid 1 of the programs' pid namespace, behind the wall (tprc_forkserver_wall.py), once built */
  wallPid?: number;

  constructor(private readonly python: string) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Fork a run of `file`; resolves once the child exists (with its pid) or failed to. */
  fork(token: string, hub: string, file: string, cwd: string, env: Record<string, string>): ForkedProcess {
    const run = new ForkedProcess(token);
    const server = this.ensure();
    if (!server?.stdin) {
      queueMicrotask(() => run.onError(new Error('fork server unavailable')));
      return run;
    }
    const fields = [token, hub, file, cwd, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
    const payload = Buffer.from(fields.join('\0'), 'utf8');
    this.pending.set(token, run);
    this.ref();
    server.stdin.write(Buffer.concat([Buffer.from(`${payload.length}\n`), payload]));
    return run;
  }

  /** Start the server (once): it imports the module while the checker does something else. */
  ensure(): ChildProcess | undefined {
    if (this.dead) return undefined;
    if (this.child) return this.child;
    const child = spawn(this.python, ['-S', '-u', '-X', 'utf8', SERVER()], {
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
      env: interpreterEnv(),
    });
    this.child = child;
    if (child.pid !== undefined) {
      track(child.pid);
      countPythonProcess(child.pid);
    }
    child.stdin?.on('error', () => {});
    child.stdout?.setEncoding('utf8').on('data', (s: string) => this.onReply(s));
    child.on('error', () => this.onDeath());
    child.on('exit', () => this.onDeath());
    this.unref();
    return child;
  }

  private onReply(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const [kind, token, a, b] = this.buffer.slice(0, nl).split(' ');
      this.buffer = this.buffer.slice(nl + 1);
      if (kind === 'pid') {
        const run = this.pending.get(token);
        if (!run) continue;
        this.pending.delete(token);
        this.running.set(token, run);
        run.pid = Number(a);
        countPythonProcess(run.pid);
        run.emit('spawn');
      } else if (kind === 'started') {
        // the child's module is up; written by the child itself, before its exit can be
        (this.running.get(token) ?? this.pending.get(token))?.emit('started');
      } else if (kind === 'exit') {
        const run = this.running.get(token);
        if (!run) continue;
        this.running.delete(token);
        const signal = b === '-' ? null : (Object.entries(constants.signals).find(([, n]) => n === Number(b))?.[0] as NodeJS.Signals | undefined) ?? null;
        run.onExit(a === '-' ? null : Number(a), signal);
      } else if (kind === 'wall') {
        this.wallPid = Number(token);
      } else if (kind === 'error') {
        const run = this.pending.get(token);
        this.pending.delete(token);
        run?.onError(new Error(`fork failed: ${[a, b].join(' ')}`));
      }
      if (this.pending.size === 0 && this.running.size === 0) this.unref();
    }
  }

  /** The server died (killed by a program, or the interpreter failed): its runs end with it. */
  private onDeath(): void {
    if (this.dead && !this.pending.size && !this.running.size) return;
    this.dead = true;
    if (this.child?.pid !== undefined) untrack(this.child.pid);
    for (const run of this.pending.values()) run.onError(new Error('fork server died'));
    for (const run of this.running.values()) {
      if (run.pid !== undefined) killTree(run.pid);
      run.onExit(null, 'SIGKILL');
    }
    this.pending.clear();
    this.running.clear();
    servers.delete(this.python);
  }

  /** Stop the server (idle: every run of it has ended, or is being killed by its PythonRun). */
  close(): Promise<void> {
    const child = this.child;
    this.dead = true;
    servers.delete(this.python);
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.ref(); // awaited: the checker must not end (silently) before it is reaped
    untrack(child.pid);
    killTree(child.pid);
    return gone;
  }

  // The server must not keep the checker alive when no run is pending, and must while one is.
  private ref(): void {
    this.child?.ref();
    (this.child?.stdout as Socket | null)?.ref?.();
  }

  private unref(): void {
    this.child?.unref();
    (this.child?.stdout as Socket | null)?.unref?.();
    (this.child?.stdin as Socket | null)?.unref?.();
  }
}

const servers = new Map<string, ForkServer>();
let leases = 0;

/**
 * A check in progress holds a lease: the servers live while one is held and stop when the last
 * is released, so that nothing the checker started outlives a check in a long-lived process (the
 * test runner, --watch, grading workers). A CLI that exits kills them anyway (kill-tree.ts).
 */
export function leaseForkServers(): { release(): Promise<void> } {
  leases++;
  let released = false;
  return {
    /** resolves once the servers stopped by this release are gone (reaped: their CPU is counted) */
    async release() {
      if (released) return;
      released = true;
      if (--leases === 0) await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}

export function forkServerFor(python: string): ForkServer {
  let s = servers.get(python);
  if (!s) servers.set(python, (s = new ForkServer(python)));
  return s;
}

/** The fork servers' pids, and their walls' (the namespace child keeps them when it clears the namespace). */
export function forkServerPids(): number[] {
  return [...servers.values()].flatMap((s) => [s.pid, s.wallPid]).filter((p): p is number => p !== undefined);
}

/** Start the server ahead of the first run (it imports the module while the checker loads). */
export function warmForkServer(python: string): void {
  if (forkServerUsable()) forkServerFor(python).ensure();
}

export type { ForkServer };
