// Grades every submission of a folder: several students at once (default: two per core), each with
// its own work folder and deadline; a checker that throws or hangs on one student yields an 'error'
// report for that student alone. Reports come back sorted by student, whatever finished first.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { activeLabDir } from '../lab/active.js';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION, type Lang, type RunReport } from '../model.js';
import type { Config } from '../config/types.js';
import type { SubmissionInfo } from '../report/types.js';
import { DEFAULT_STUDENT_TIMEOUT_S } from '../config/defaults.js';
import { rescoreReport } from '../report/score.js';
import { t } from '../i18n/report-keys.js';
import { sortReports } from '../report/format.js';
import { discoverSubmissions, singleSubmission, studentName, type Submission } from './discover.js';
import { CLASS_ZIP_LIMITS, extractZip, ZipRefused } from './unzip.js';
import { exerciseFromFolderName } from './locate.js';
import { prepareSubmission } from './prepare.js';
import { runPool } from './pool.js';
import type { CheckStudent } from './checker.js';

export interface GradeClassOptions {
  submissionsDir: string;
  config: Config;
  lang: Lang;
  check: CheckStudent;
  python?: string;
  jobs?: number;
  tool?: { name: string; version: string };
  /** called as students start and finish */
  onProgress?: (done: number, total: number, running: number) => void;
  /** after the deadline's abort, how long the checker gets to return before it is given up (ms) */
  graceMs?: number;
  /** submissionsDir is one student's work */
  single?: boolean;
  /** aborts every running check (Ctrl-C): their Python processes are stopped by the checker */
  signal?: AbortSignal;
  /** keep the prepared folders (debugging) */
  keepWork?: boolean;
  /** the submissions, already listed by listSubmissions (the command line checks their count first) */
  submissionList?: Submission[];
}

export interface GradedClass {
  reports: RunReport[];
  submissions: Record<string, SubmissionInfo>;
}

/** A report for a student the checker could not grade: no points lost, the fault reported apart. */
export function errorReport(student: string, dir: string, lang: Lang, message: string, tool = { name: 'tp-reseau-check', version: '0.0.0' }): RunReport {
  return {
    schemaVersion: SCHEMA_VERSION, tool, student, directory: dir, lang, isolation: 'module', exercises: [],
    score: { points: 0, max: 0, on20: 0, bonusPoints: 0, bonusInGrade: false }, errors: [message], startedAt: new Date().toISOString(), durationMs: 0,
  };
}

/** A report for a submission that could not be read: nothing checked, no grade (the notes say why). */
export function ungradedReport(student: string, dir: string, lang: Lang, tool?: { name: string; version: string }): RunReport {
  return { ...errorReport(student, dir, lang, '', tool), errors: [], ungraded: t(lang, 'report.submission.ungraded') };
}

async function gradeOne(sub: Submission, opts: GradeClassOptions, workRoot: string, index: number, notes: string[]): Promise<RunReport> {
  const { lang, config } = opts;
  const work = path.join(workRoot, String(index).padStart(3, '0'));
  const prepared = await prepareSubmission(sub, work, lang);
  notes.push(...prepared.notes);
  // Nothing could be read: no check, no grade (a 0 imported into Moodle would be a real grade).
  if (prepared.unreadable) return ungradedReport(sub.student, sub.path, lang, opts.tool);
  const budgetS = (config.studentTimeoutS ?? DEFAULT_STUDENT_TIMEOUT_S) * config.timeFactor;
  const controller = new AbortController();
  const stopAll = () => controller.abort();
  opts.signal?.addEventListener('abort', stopAll, { once: true });
  let timer: NodeJS.Timeout | undefined;
  // The checker gets the abort signal at the deadline, and a few seconds more to stop cleanly.
  const watchdog = new Promise<RunReport>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      timer = setTimeout(() => resolve(errorReport(sub.student, prepared.dir, lang, t(lang, 'report.grade.timeout', { seconds: Math.round(budgetS) }), opts.tool)), opts.graceMs ?? 5000);
    }, budgetS * 1000);
  });
  const started = Date.now();
  try {
    const report = await Promise.race([
      opts.check({ dir: prepared.dir, student: sub.student, exercises: config.exercises, lang, python: opts.python, config, signal: controller.signal, lab: activeLabDir() }),
      watchdog,
    ]);
    return rescoreReport({ ...report, student: sub.student }, config);
  } catch (e) {
    const message = t(lang, 'report.grade.checkerCrash', { message: (e as Error)?.message ?? String(e) });
    return { ...errorReport(sub.student, prepared.dir, lang, message, opts.tool), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', stopAll);
  }
}

/**
 * Students graded at once by default: two per core. A student's check mostly waits (programs
 * started by fork, peers, deadlines of failing steps): with one per core, the cores were idle 40 %
 * of the time (`npm run bench`: 100 students in 22 s with 2 jobs, 17 s with 4, verdicts unchanged).
 */
export function defaultJobs(): number {
  return 2 * Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * The submissions to grade: the entries of a folder, or of a class zip given directly (Moodle's
 * "download all submissions"), unpacked whole into `workRoot` first; with `single`, one student's
 * folder or zip. Throws when the folder or the class zip cannot be read.
 */
export async function listSubmissions(submissions: string, single: boolean | undefined, workRoot: string, lang: Lang): Promise<Submission[]> {
  const isZip = /\.zip$/i.test(submissions) && (await stat(submissions)).isFile();
  if (single) return isZip ? [{ ...singleSubmission(submissions)[0], source: 'zip', student: studentName(path.basename(submissions)).student }] : singleSubmission(submissions);
  if (!isZip) return discoverSubmissions(submissions);
  const dest = path.join(workRoot, 'classe');
  try {
    await extractZip(submissions, dest, CLASS_ZIP_LIMITS, { all: true });
  } catch (e) {
    if (e instanceof ZipRefused) throw new Error(t(lang, e.key, e.vars));
    throw e;
  }
  return discoverSubmissions(await classRoot(dest));
}

/** A class zip may wrap the students' entries in one folder ('remises/'): grade what is inside. */
async function classRoot(dir: string): Promise<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !/^(\.|__MACOSX$)/.test(e.name));
  if (entries.length !== 1 || !entries[0].isDirectory() || studentName(entries[0].name).participant) return dir;
  const inner = path.join(dir, entries[0].name);
  // ...unless that folder is one student's work (it holds exercise folders)
  const children = await readdir(inner);
  return children.some((c) => exerciseFromFolderName(c)) ? dir : inner;
}

export async function gradeClass(opts: GradeClassOptions): Promise<GradedClass> {
  const jobs = opts.jobs ?? opts.config.jobs ?? defaultJobs();
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'tp-reseau-grade-'));
  const submissions: Record<string, SubmissionInfo> = {};
  let done = 0;
  let running = 0;
  try {
    const subs = opts.submissionList ?? (await listSubmissions(opts.submissionsDir, opts.single, workRoot, opts.lang));
    const reports = await runPool(subs, jobs, async (sub, i) => {
      running++;
      opts.onProgress?.(done, subs.length, running);
      const notes: string[] = [];
      let report: RunReport;
      try {
        report = await gradeOne(sub, opts, workRoot, i, notes);
      } catch (e) {
        // Preparing the submission failed (disk full, permissions): the grader's fault, not the student's.
        report = errorReport(sub.student, sub.path, opts.lang, t(opts.lang, 'report.grade.checkerCrash', { message: (e as Error).message }), opts.tool);
      }
      submissions[sub.student] = { id: sub.id, name: sub.name, source: sub.source, notes };
      return report;
    }, () => {
      done++;
      running--;
      opts.onProgress?.(done, subs.length, running);
    });
    return { reports: sortReports(reports), submissions };
  } finally {
    if (!opts.keepWork) await rm(workRoot, { recursive: true, force: true }).catch(() => undefined);
  }
}
