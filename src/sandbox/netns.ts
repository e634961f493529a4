// Linux: run the whole check of one student inside its own user + network + pid + mount namespaces.
//
// Why the whole check and not only the student's Python: the checker's peers (fake client/server),
// the report channel of the injected module and the student's programs all talk over loopback, and
// a network namespace has its own loopback. Running the per-student checker (a node process) inside
// the namespace lets them share a private loopback with nothing else on it: no bridge to maintain,
// and the isolation no longer relies on the injected module alone (a program that bypasses it with
// `_socket` or ctypes still finds no route out: ENETUNREACH).
//
//   unshare --user --map-root-user --net --pid --fork --mount-proc --kill-child \
//     python3 -S -I ns_init.py node netns-child.js      (options on stdin, results on stdout)
//
// No privilege is needed where unprivileged user namespaces are enabled (most desktop distributions,
// GitHub runners); elsewhere the probe fails and the checker falls back to the module alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { withDeadline } from '../util/wait.js';
import { killTree, track, untrack } from './kill-tree.js';
import type { ExerciseResult, TranscriptEvent } from '../model.js';
import { decodeResults } from './shared-transcripts.js';
import { trace } from '../util/trace.js';
import { AREA_ENV, makeArea, removeArea } from './area.js';

export const NS_INIT = (): string => join(packageRoot(), 'src', 'sandbox', 'ns_init.py');
export const NS_CHILD = (): string => join(packageRoot(), 'dist', 'src', 'sandbox', 'netns-child.js');

export const UNSHARE_ARGS = ['--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', '--kill-child'];

/** Environment variables the per-student checker keeps: nothing else of the teacher's (CI tokens...). */
const ENV_KEEP = /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|LC_\w+|TZ|TERM|TMPDIR|PYTHON|TPRC_\w+|NODE_OPTIONS|SYSTEMROOT)$/;

export function namespaceEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && ENV_KEEP.test(k)) out[k] = v;
  out.TPRC_IN_NETNS = '1';
  return out;
}

export interface Probe {
  ok: boolean;
  /** why not, when not */
  reason?: string;
  /** measured start-up cost of the namespaces (unshare + loopback up + a Python start) */
  ms: number;
}

let probed: Promise<Probe> | undefined;

/**
 * Can this machine run a check in its own namespaces? Tries once (cached): creates the namespaces,
 * brings lo up, and checks that loopback works and that nothing else is reachable.
 */
export function probeNetns(python: string): Promise<Probe> {
  probed ??= doProbe(python);
  return probed;
}

const PROBE_PY = [
  'import socket',
  's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)',
  'c = socket.create_connection(s.getsockname(), timeout=2)',
  'o = socket.socket(); o.settimeout(2)',
  'print("lo-ok", o.connect_ex(("192.0.2.1", 9)))',
].join('\n');

async function doProbe(python: string): Promise<Probe> {
  const t0 = performance.now();
  if (process.platform !== 'linux') return { ok: false, reason: 'not Linux', ms: 0 };
  const child = spawn('unshare', [...UNSHARE_ARGS, python, '-S', '-I', NS_INIT(), python, '-S', '-I', '-c', PROBE_PY], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: namespaceEnv(),
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const code = await withDeadline(exitOf(child), 5000, 'namespace probe').catch(() => {
    killGroup(child);
    return -1;
  });
  const ms = Math.round(performance.now() - t0);
  trace(`ns: probe ${code}`);
  // lo works, and the outside is unreachable (ENETUNREACH 101) rather than merely slow
  const m = /lo-ok (\d+)/.exec(out);
  if (code === 0 && m && m[1] !== '0') return { ok: true, ms };
  const reason = out.trim().split('\n').pop() || `exit ${code}`;
  unavailable ??= reason;
  return { ok: false, reason, ms };
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : -1)));
  });
}

/** Kill the namespace: `unshare` leads its own group, and with --kill-child its death ends the rest. */
function killGroup(child: ChildProcess): void {
  if (child.pid !== undefined) killTree(child.pid);
}

/** What the per-student checker inside the namespace is given (JSON on its stdin). */
export interface NsRequest {
  work: string;
  /** the folder `work` was copied from: paths in tracebacks are shown there */
  shown?: string;
  exercises: string[];
  /** the lab's folder when it is not the built-in one (--lab) */
  lab?: string;
  lang: 'fr' | 'en';
  python: string;
  config: unknown;
  limits: Record<string, number>;
}

export type NsOutcome =
  | { ok: true; results: ExerciseResult[] }
  | { ok: false; why: 'deadline' | 'aborted' | 'died'; detail: string }
  /** the namespaces could not be created here: the caller falls back to the module alone */
  | { ok: false; why: 'unavailable'; detail: string };

/** A checker started in fresh namespaces, serving requests (one line each way, see netns-child.ts). */
interface NsChild {
  child: ChildProcess;
  /** true once it said "ready" (the namespaces work), false if it ended before */
  ready: Promise<boolean>;
  exited: Promise<number>;
  /** its next output line (a request's outcome); undefined once it has ended */
  nextLine(): Promise<string | undefined>;
  err(): string;
}

let unavailable: string | undefined;

/** Why namespaces are known not to work in this process (a start failed), if they are. */
export function namespacesUnavailable(): string | undefined {
  return unavailable;
}

/** Namespaces failed with a confirmed interpreter: every later check of this process uses the module alone. */
export function markNamespacesUnavailable(reason: string): void {
  unavailable ??= reason;
}

/**
 * `python` only runs process 1 (ns_init.py: loopback up) and warms the fork server; each request
 * says which interpreter runs the programs. Any working interpreter will do for the former.
 */
function startChild(python: string): NsChild {
  trace('ns: spawn');
  // the tmpfs of the programs' wall is mounted over it inside (ns_init.py, area.ts)
  const area = makeArea();
  const child = spawn('unshare', [...UNSHARE_ARGS, python, '-S', '-I', NS_INIT(), process.execPath, NS_CHILD()], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...namespaceEnv(), TPRC_PYTHON_HINT: python, [AREA_ENV]: area },
  });
  let err = '';
  let partial = '';
  let ended = false;
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let readyResolve!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (readyResolve = resolve));
  const deliver = () => {
    while (waiting.length && (lines.length || ended)) waiting.shift()!(lines.shift());
  };
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    partial += s;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      if (line === 'ready') readyResolve(true);
      else lines.push(line);
    }
    deliver();
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    if (process.env.TPRC_TRACE) process.stderr.write(s);
    if (err.length < 64 * 1024) err += s;
  });
  child.stdin?.on('error', () => {});
  const exited = exitOf(child).then((code) => {
    ended = true;
    removeArea(area);
    readyResolve(false);
    if (child.pid !== undefined) untrack(child.pid);
    deliver();
    return code;
  });
  // killed with the runs if the checker exits abruptly (kill-tree.ts keeps one list for both)
  if (child.pid !== undefined) track(child.pid);
  return {
    child,
    ready,
    exited,
    nextLine: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        deliver();
      }),
    err: () => err,
  };
}

/** A warm child must not keep the checker alive (a usage error exits at once); a used one must. */
function setRef(child: ChildProcess, on: boolean): void {
  for (const h of [child, child.stdin, child.stdout, child.stderr] as ({ ref?(): void; unref?(): void } | null)[]) {
    if (on) h?.ref?.();
    else h?.unref?.();
  }
}

let warm: NsChild | undefined;
/** kept from one student to the next when grading (runInNamespace's `keep`) */
let resident: NsChild | undefined;

/**
 * Start the namespaces of the next check now (the CLI calls this first thing, with the interpreter
 * found last time): creating them and loading the checker inside overlap the rest of the start-up.
 */
export function prewarmNamespace(python: string): void {
  if (process.platform !== 'linux' || process.env.TPRC_ISOLATION === 'module' || process.env.TPRC_IN_NETNS === '1' || unavailable) return;
  if (warm) return;
  warm = startChild(python);
  setRef(warm.child, false);
}

/** End the namespace kept for the next student (grading is over). */
export async function closeResidentNamespace(): Promise<void> {
  const ns = resident;
  resident = undefined;
  if (!ns) return;
  ns.child.stdin?.end();
  await withDeadline(ns.exited, 5000, 'namespace exit').catch(() => killGroup(ns.child));
}

/**
 * Run the check of one student in its own namespaces; bounded by `deadlineMs` and `signal`.
 * Without `keep`, the namespace (and every process in it) is gone when this resolves: killing
 * `unshare` kills process 1 of the pid namespace (--kill-child), and with it everything else.
 * With `keep` (grading), a namespace that served a student in time serves the next one (the
 * checker inside kills whatever the previous student left running): ~100 ms of CPU less per
 * student (a Node start, the checker's modules, the fork server). One that ran out of time or
 * failed is killed as without `keep`.
 */
export async function runInNamespace(req: NsRequest, deadlineMs: number, signal?: AbortSignal, keep = false): Promise<NsOutcome> {
  let ns: NsChild;
  if (keep && resident) ns = resident;
  else {
    ns = warm ?? startChild(req.python);
    warm = undefined;
  }
  resident = undefined;
  const { child } = ns;
  setRef(child, true);
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(new Error('aborted'));
    signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  let line: string | undefined | null;
  try {
    line = await withDeadline(
      (async () => {
        if (!(await Promise.race([ns.ready, aborted]))) return null;
        child.stdin?.write(JSON.stringify(req) + '\n');
        if (!keep) child.stdin?.end();
        return Promise.race([ns.nextLine(), aborted]);
      })(),
      deadlineMs,
      'student check',
    );
  } catch (e) {
    const why = (e as Error).message === 'aborted' ? 'aborted' : 'deadline';
    killGroup(child);
    await withDeadline(ns.exited, 5000, 'namespace exit').catch(() => undefined);
    return { ok: false, why, detail: ns.err().trim() };
  }
  if (line === null) {
    // unshare refused (user namespaces disabled), no loopback, or not isolated (or, with a stale
    // guess of the interpreter, process 1 could not start: the caller decides, markUnavailable)
    return { ok: false, why: 'unavailable', detail: ns.err().trim().split('\n').pop() || 'namespaces unavailable' };
  }
  let parsed: { results?: ExerciseResult[]; transcripts?: TranscriptEvent[][]; error?: string } | undefined;
  try {
    parsed = line === undefined ? undefined : (JSON.parse(line) as typeof parsed);
  } catch {
    parsed = undefined;
  }
  if (parsed?.results && keep) {
    resident = ns;
    setRef(child, false);
  } else {
    if (keep) killGroup(child);
    await withDeadline(ns.exited, 5000, 'namespace exit').catch(() => killGroup(child));
  }
  if (parsed?.results) return { ok: true, results: decodeResults({ results: parsed.results, transcripts: parsed.transcripts ?? [] }) };
  if (parsed?.error) return { ok: false, why: 'died', detail: parsed.error };
  const code = await Promise.race([ns.exited, Promise.resolve(-1)]);
  const err = ns.err();
  return { ok: false, why: 'died', detail: `exit ${code}${err ? `: ${err.trim().slice(-2000)}` : ''}` };
}
