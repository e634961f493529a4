import { basename, join } from 'node:path';
import { rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { copyDirSync } from '../util/copy-dir.js';
import { tmpdir } from 'node:os';
import type { Lang, BlockedAt, TranscriptEvent } from '../model.js';
import type { Config } from '../config/types.js';
import { NoHelloError, PythonRun, STARTUP_MS, type PythonRunOptions } from '../engine/python-run.js';
import { DeadlineError, EndedError } from '../util/wait.js';
import { loadMeter } from '../util/load.js';
import { Transcript } from '../engine/transcript.js';
import { FakeServer } from '../peers/fake-server.js';
import { connectClient } from '../peers/fake-client.js';
import type { Connection } from '../peers/connection.js';
import { CheckFailure, type ExerciseDef, type Failure, type ScenarioContext, type ScenarioDef, type StartOptions, type StudentFile } from './types.js';
import { diagnose, settle } from './diagnose.js';
import { trace } from '../util/trace.js';

export interface RunEnv {
  /** the student's exercise folder (absolute) */
  dir: string;
  /** the folder `dir` was copied from, as the student knows it (tracebacks name their files there) */
  shownDir?: string;
  /** the matching folder of reference/ */
  referenceDir: string;
  python: string;
  lang: Lang;
  config: Config;
  limits?: PythonRunOptions['limits'];
}

/** What a scenario decided about one check. */
export interface Decision {
  id: string;
  passed: boolean;
  failure?: Failure;
  facts?: Record<string, string>;
  traceback?: string;
  blocked?: BlockedAt;
  /** the failed check that stopped the scenario before this one was reached */
  notReachedBecause?: string;
}

export interface ScenarioOutcome {
  decisions: Map<string, Decision>;
  transcript: Transcript;
  /** the transcript once the scenario ended */
  snapshot: TranscriptEvent[];
  durationMs: number;
}

/** Run one scenario: start what it asks, decide its checks, and always stop every process it started. */
export async function runScenario(sc: ScenarioDef, env: RunEnv): Promise<ScenarioOutcome> {
  const started = performance.now();
  trace(`scenario ${sc.name}: start`);
  // Each scenario runs in its own copy of the exercise folder: a program that writes or deletes
  // files there cannot change what another scenario (running at the same time) sees.
  const dir = mkdtempSync(join(tmpdir(), 'tp-reseau-sc-'));
  copyDirSync(env.dir, dir);
  const transcript = new Transcript();
  const runs: PythonRun[] = [];
  const servers: FakeServer[] = [];
  const conns: Connection[] = [];
  const decisions = new Map<string, Decision>();
  let focused: PythonRun | undefined;
  const studentRuns = new Set<PythonRun>();

  const launch = async (file: string, opts: StartOptions, student: boolean, defaultActor: string): Promise<PythonRun> => {
    const run = new PythonRun({
      python: env.python,
      file,
      shownFile: student ? join(env.shownDir ?? env.dir, basename(file)) : undefined,
      actor: opts.actor ?? defaultActor,
      transcript,
      startupMs: STARTUP_MS * env.config.timeFactor,
      connect: opts.connect,
      recordSends: opts.recordSends,
      limits: student ? env.limits : undefined,
    });
    runs.push(run);
    if (student) {
      studentRuns.add(run);
      focused ??= run;
    }
    await run.start();
    if (opts.lines) typeOnDemand(run, opts.lines);
    // Deadlines count from a running interpreter, and stretch with how slow its start was.
    await run.ready();
    return run;
  };

  const ctx: ScenarioContext = {
    lang: env.lang,
    config: env.config,
    transcript,
    // Where the load is measured while each wait runs (Linux: util/load.ts), the deadline follows it
    // there; elsewhere it stretches with how slowly the programs started. Not both: the same
    // load would count twice.
    ms: (base) => Math.round(base * env.config.timeFactor * (loadMeter.live ? 1 : slowness(runs))),
    start: (file: StudentFile, opts: StartOptions = {}) =>
      launch(join(dir, file), opts, true, file === 'serveur.py' ? 'serveur' : 'client'),
    startReference: (file: StudentFile, opts: StartOptions = {}) =>
      launch(join(env.referenceDir, file), opts, false, file === 'serveur.py' ? 'serveur' : 'client'),
    fakeServer: async (me = 'serveur', peer = 'client') => {
      const s = new FakeServer(transcript, me, peer);
      servers.push(s);
      await s.listen();
      return s;
    },
    connect: async (port, me = 'client', peer = 'serveur') => {
      // show the port the student's server asked for, not the one the module gave it
      const listen = runs.flatMap((r) => r.all('listen')).find((l) => l.real === port);
      const shown = listen ? `${listen.host || '127.0.0.1'}:${listen.port}` : undefined;
      const c = await connectClient(port, transcript, me, peer, ctx.ms(2000), shown).catch((e: unknown) => {
        // The program listens but does not take connections (closed its socket, crashed...).
        throw new CheckFailure({ message: { key: 'engine.connect-refused', params: { error: (e as Error).message } } });
      });
      conns.push(c);
      return c;
    },
    step: async (id, fn) => {
      trace(`step ${id}: start`);
      try {
        const facts = await fn();
        trace(`step ${id}: passed`);
        decide(id, true, undefined, facts || undefined);
      } catch (err) {
        await fail(id, err);
        throw new Stop(id);
      }
    },
    part: async (id, fn) => {
      trace(`part ${id}: start`);
      try {
        await fn();
        trace(`part ${id}: passed`);
      } catch (err) {
        await fail(id, err);
        throw new Stop(id);
      }
    },
    verdict: (id, ok, fail, facts) => {
      decide(id, ok, ok ? undefined : diagnose(fail ? fail() : new CheckFailure({ message: { key: 'engine.failed' } }), focused), facts, focused);
    },
    focus: (run) => {
      focused = run;
    },
  };

  /**
   * A step failed: judge it on the program the failure is about (the one whose wait failed, else
   * the focused one), once that program's side has settled.
   */
  async function fail(id: string, err: unknown): Promise<void> {
    const run = failedRun(err, studentRuns) ?? focused;
    await settle(run, ctx.ms(SETTLE_MS));
    decide(id, false, diagnose(err, run), undefined, run);
  }

  function decide(id: string, passed: boolean, failure?: Failure, facts?: Record<string, string>, run = focused): void {
    if (decisions.has(id)) return; // the first decision stands
    const d: Decision = { id, passed, failure, facts };
    if (!passed && run) {
      d.traceback = run.traceback();
      // where the program was waiting when a wait ran out (or when the failure is about where it waits)
      if (!run.exit && (failure?.status === 'timeout' || failure?.showBlocked)) d.blocked = run.blockedAt();
    }
    decisions.set(id, d);
  }

  trace(`scenario ${sc.name}: copied`);
  try {
    await sc.run(ctx);
  } catch (err) {
    if (!(err instanceof Stop)) {
      // a failure outside any step: charge it to the first undecided check
      const first = sc.checks.find((id) => !decisions.has(id));
      const run = failedRun(err, studentRuns) ?? focused;
      if (first) decide(first, false, diagnose(err, run), undefined, run);
    }
  } finally {
    trace(`scenario ${sc.name}: stopping`);
    for (const c of conns) c.destroy();
    for (const s of servers) s.close();
    await Promise.all(runs.map((r) => r.stop()));
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  const stopper = sc.checks.find((id) => decisions.get(id)?.passed === false);
  for (const id of sc.checks) {
    if (!decisions.has(id)) {
      decisions.set(id, { id, passed: false, notReachedBecause: stopper ?? sc.checks[0], failure: stopper ? decisions.get(stopper)?.failure : undefined });
    }
  }
  trace(`scenario ${sc.name}: end`);
  return { decisions, transcript, snapshot: transcript.snapshot(), durationMs: Math.round(performance.now() - started) };
}

/** How long a failing step waits for the program to finish dying before it is judged. */
const SETTLE_MS = 150;

/** How much slower than nominal the programs of this scenario started (>= 1, at most 10). */
function slowness(runs: PythonRun[]): number {
  return Math.min(10, Math.max(1, ...runs.map((r) => r.startSlowness)));
}

/** The student's program a failed wait was about (a program's own wait, or its module never starting). */
function failedRun(err: unknown, students: Set<PythonRun>): PythonRun | undefined {
  const source = err instanceof NoHelloError ? err.run : err instanceof DeadlineError || err instanceof EndedError ? err.source : undefined;
  return source instanceof PythonRun && students.has(source) ? source : undefined;
}

class Stop extends Error {
  constructor(readonly id: string) {
    super(`stopped at ${id}`);
  }
}

/** Type each line when the program asks for one (input() reported by the module); then close stdin. */
function typeOnDemand(run: PythonRun, lines: string[]): void {
  let typed = 0;
  const onChange = (): void => {
    const asked = run.all('input').length;
    while (typed < asked && typed < lines.length) run.type(lines[typed++]);
    if (typed === lines.length && asked > typed) run.closeStdin(); // EOF: nothing more to type
  };
  void run.watch.until(() => {
    onChange();
    return run.exit !== undefined || (typed === lines.length && run.all('input').length > typed);
  }, 600_000, 'input').catch(() => undefined);
}

export type { ExerciseDef };
