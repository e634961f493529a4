import { mkdtemp, rm } from 'node:fs/promises';
import { copyDirSync } from '../util/copy-dir.js';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Lang, RunReport, ExerciseResult } from '../model.js';
import { SCHEMA_VERSION } from '../model.js';
import type { Config } from '../config/types.js';
import { namesExercise } from '../config/defaults.js';
import { findPython, type PythonInfo } from '../python/discover.js';
import { activateLab, activeLab, activeLabDir, type LabDef } from '../lab/active.js';
export { activateLab };
import type { ExerciseDef } from './types.js';
import { runExercise } from './exercise.js';
import { heaviestFirst } from './schedule.js';
import { leaseForkServers, warmForkServer } from '../engine/forkserver.js';
import type { RunEnv } from './scenario.js';
import { rescoreReport, scoreReport } from '../report/score.js';
import { packageRoot } from '../util/package-root.js';
import { toolVersion } from '../util/version.js';
import { expectedIsolation, DEFAULT_LIMITS, type Limits } from '../engine/isolation.js';
import { markNamespacesUnavailable, runInNamespace, type NsOutcome } from '../sandbox/netns.js';
import { failedResults } from '../sandbox/failed.js';
import { trace } from '../util/trace.js';

export interface CheckStudentOptions {
  /** the folder holding the exercise folders (1-meme-machine/, ...) */
  dir: string;
  student?: string;
  /** exercise ids or folders; default: config.exercises */
  exercises?: string[];
  lang: Lang;
  python?: string;
  config: Config;
  signal?: AbortSignal;
  /** limits for the student's processes, over DEFAULT_LIMITS (tests, `npm run stress`) */
  limits?: Limits;
  /** the interpreter discovery found last time: the check starts with it while discovery confirms */
  pythonHint?: string;
  /** the lab's folder (--lab; grading workers are told it); default: the active lab */
  lab?: string;
  /** keep the namespace for the next student of this process (grading; see runInNamespace) */
  reuseNamespace?: boolean;
}

/** Never copied for a check: caches and tools' folders, sometimes huge, never read by a program of the lab. */
const SKIPPED = new Set(['__pycache__', 'node_modules', '.git', '.venv', 'venv']);

/** The lab's exercises named by id or folder, in the lab's order. */
export function selectExercises(lab: LabDef, keys: string[]): ExerciseDef[] {
  const defs = keys.map((k) => {
    const d = lab.exercises.find((e) => namesExercise(e, k));
    if (!d) throw new Error(`unknown exercise: ${k}`);
    return d;
  });
  return lab.exercises.filter((d) => defs.includes(d));
}

/**
 * Check one student's work. The exercise folders are copied to a temporary folder first: the
 * student's programs run there, so nothing they do can change the submission.
 */
export async function checkStudent(opts: CheckStudentOptions): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const found = findPython(opts.python);
  found.catch(() => undefined); // awaited below; an early throw must not leave it unhandled
  const lab = opts.lab !== undefined ? await activateLab(opts.lab) : await activeLab();
  const defs = selectExercises(lab, opts.exercises ?? opts.config.exercises);
  const dir = resolve(opts.dir);
  const work = await mkdtemp(join(tmpdir(), 'tp-reseau-'));
  try {
    for (const d of defs) {
      const from = join(dir, d.folder);
      if (existsSync(from)) copyDirSync(from, join(work, d.folder), (name) => SKIPPED.has(name));
    }
    trace('student: copied');
    let mode = expectedIsolation();
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    let results: ExerciseResult[] | undefined;
    let python: PythonInfo;
    if (mode === 'netns' && process.env.TPRC_IN_NETNS !== '1') {
      // The whole check of this student runs in its own namespaces (see src/sandbox/netns.ts),
      // bounded by the per-student budget; when it cannot finish, every check says why.
      const budgetMs = (opts.config.studentTimeoutS ?? 120) * 1000 * opts.config.timeFactor;
      const request = { work, shown: dir, exercises: defs.map((d) => d.folder), lab: activeLabDir(), lang: opts.lang, config: opts.config, limits };
      let outcome: NsOutcome;
      ({ python, outcome } = await speculate(found, opts.pythonHint, (path, signal) => runInNamespace({ ...request, python: path }, budgetMs, signal, opts.reuseNamespace), opts.signal));
      if (outcome.ok) results = outcome.results;
      else if (outcome.why !== 'unavailable') results = failedResults(defs, opts.lang, outcome.why, outcome.detail, budgetMs);
      else {
        markNamespacesUnavailable(outcome.detail);
        mode = expectedIsolation(); // throws when namespaces were required (TPRC_ISOLATION=netns)
      }
    } else python = await found;
    trace(`student: isolation ${mode}`);
    results ??= await runExercisesIn(work, defs, python.path, opts.lang, opts.config, limits, dir, lab.referenceDir);
    trace('student: results');
    const report: RunReport = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'tp-reseau-check', version: toolVersion() },
      student: opts.student ?? basename(dir),
      directory: dir,
      lang: opts.lang,
      python: { path: python.path, version: python.version, source: python.source },
      isolation: mode,
      exercises: results,
      score: scoreReport(results, opts.config),
      errors: [],
      startedAt,
      durationMs: Math.round(performance.now() - t0),
    };
    return rescoreReport(report, opts.config);
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Run with the interpreter found last time while discovery (a few Python starts, ~100 ms through
 * a pyenv shim) confirms it; the outcome is kept only if discovery finds that same interpreter,
 * else the speculative run is stopped and the check runs again with the one found.
 */
async function speculate<T>(
  found: Promise<PythonInfo>,
  hint: string | undefined,
  run: (python: string, signal?: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<{ python: PythonInfo; outcome: T }> {
  if (!hint) {
    const python = await found;
    return { python, outcome: await run(python.path, signal) };
  }
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const early = run(hint, ctl.signal);
    let python: PythonInfo;
    try {
      python = await found;
    } catch (e) {
      ctl.abort();
      await early.catch(() => undefined);
      throw e;
    }
    if (python.path === hint) return { python, outcome: await early };
    trace('student: speculation missed');
    ctl.abort();
    await early.catch(() => undefined);
    return { python, outcome: await run(python.path, signal) };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * Run the exercises on a folder that is already a copy (in this process; in a namespace or not).
 * `shown` is the folder the copy was made from: paths in tracebacks are shown there.
 */
export async function runExercisesIn(
  work: string,
  defs: ExerciseDef[],
  python: string,
  lang: Lang,
  config: Config,
  limits: Limits,
  shown: string = work,
  referenceDir: string = join(packageRoot(), 'reference'),
): Promise<ExerciseResult[]> {
  const schedule = heaviestFirst();
  // Programs are forked from a warm interpreter (engine/forkserver.ts), started now so that its
  // imports overlap the first scenarios' set-up; it stops when the last check in this process ends.
  const lease = leaseForkServers();
  warmForkServer(python);
  try {
    return await Promise.all(
      defs.map((def) =>
        runExercise(
          {
            def,
            env: {
              dir: join(work, def.folder),
              shownDir: join(shown, def.folder),
              referenceDir: join(referenceDir, def.folder),
              python,
              lang,
              config,
              limits: limits as RunEnv['limits'],
            },
          },
          schedule,
        ),
      ),
    );
  } finally {
    await lease.release();
  }
}
