#!/usr/bin/env node
// npm run grade -- SUBMISSIONS [--out DIR] [--config FILE] [--jobs N] [--time-factor X] [--lang fr|en]
//                  [--python PATH] [--formats json,csv,junit,html,gradescope,github] [--single]
// Exit 0 when every submission was graded (whatever the grades); 2 when grading could not run
// (bad arguments, bad config, unreadable folder, no Python); 1 on an unexpected failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { Lang } from '../model.js';
import type { Config } from '../config/types.js';
import { ArgError, parseGradeArgs, type GradeArgs } from '../grade/args.js';
import { loadConfig, ConfigError } from '../config/load.js';
import { chooseLab, labLine } from './lab-choice.js';
import { gradeClass, listSubmissions } from '../grade/grade-class.js';
import { isMainModule } from '../util/is-main.js';
import { defaultFormats, formatNames } from '../report/format-registry.js';
import { hasMoodleIds } from '../report/moodle.js';
import { noteIsolation, warnAboutIsolation } from '../grade/isolation-notice.js';
import { workerCheckStudent } from '../grade/worker-check.js';
import { progressLine } from '../grade/progress.js';
import { formatsProblem, ReportWriteError, writeReports } from '../report/write-reports.js';
import { t } from '../i18n/report-keys.js';
import { packageRoot } from '../util/package-root.js';
import { findPython, PythonNotFoundError } from '../python/discover.js';
import { trace } from '../util/trace.js';

function tool(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** The usage line's list of formats: every registered one. */
const usageVars = { formatList: formatNames().join(',') };

export async function main(argv: string[]): Promise<number> {
  let lang: Lang = /^en/i.test(process.env.LANG ?? '') && !/^fr/i.test(process.env.LANG ?? '') ? 'en' : 'fr';
  const fail = (message: string): number => {
    process.stderr.write(message + '\n');
    return 2;
  };
  let args;
  try {
    args = parseGradeArgs(argv);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    return fail(`${t(lang, 'report.grade.badArg', { arg: e.message })}\n${t(lang, 'report.grade.usage', usageVars)}`);
  }
  lang = args.lang ?? lang;
  if (args.help || !args.submissions) {
    process.stdout.write(t(lang, 'report.grade.usage', usageVars) + '\n');
    return args.help ? 0 : 2;
  }
  // the lab first: the config's exercises and check ids are its own
  const lab = await chooseLab(args.lab, args.config, lang);
  if (typeof lab === 'string') return fail(lab);
  if (!lab.builtIn) process.stderr.write(labLine(lab, lang) + '\n');
  let config;
  try {
    ({ config } = await loadConfig({ file: args.config, lang, overrides: { timeFactor: args.timeFactor, jobs: args.jobs, lang: args.lang } }));
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    throw e;
  }
  lang = config.lang ?? lang;
  const dir = path.resolve(args.submissions);
  try {
    const info = await stat(dir);
    // a folder of submissions, or a class zip (Moodle's "download all submissions")
    if (!info.isDirectory() && !(info.isFile() && /\.zip$/i.test(dir))) return fail(t(lang, 'report.grade.notFolderNorZip', { dir }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' || code === 'EACCES' ? t(lang, `report.grade.folder.${code}`) : (e as Error).message;
    return fail(t(lang, 'report.grade.noFolder', { dir, detail }));
  }
  let python: string;
  trace('grade: args and config');
  try {
    python = (await findPython(args.python)).path;
    trace('grade: python found');
  } catch (e) {
    if (!(e instanceof PythonNotFoundError)) throw e;
    return fail(t(lang, 'report.grade.noPython', { tried: (e.explicit ? [e.explicit] : e.tried).join(', ') }));
  }
  // The submissions are listed (a class zip unpacked) before anything else, so that the formats
  // can be checked against them before a single student is graded.
  const listing = await mkdtemp(path.join(os.tmpdir(), 'tp-reseau-classe-'));
  try {
    return await gradeListed(args, dir, listing, config, lang, python, fail);
  } finally {
    await rm(listing, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function gradeListed(args: GradeArgs, dir: string, listing: string, config: Config, lang: Lang, python: string, fail: (m: string) => number): Promise<number> {
  let subs;
  try {
    subs = await listSubmissions(dir, args.single, listing, lang);
  } catch (e) {
    return fail(t(lang, 'report.grade.noFolder', { dir, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  if (subs.length === 0) return fail(t(lang, 'report.grade.noSubmissions', { dir }));
  trace('grade: submissions listed');
  // Moodle's folder names: its grading worksheet comes too, unless the formats were chosen.
  const formats = args.formats ?? (hasMoodleIds(subs.map((s) => s.id)) ? [...defaultFormats(), 'moodle'] : defaultFormats());
  const problem = formatsProblem(formats, subs.length);
  if (problem) return fail(t(lang, 'report.grade.gradescopeOne', { count: problem.count }));
  // Said before anything runs: without namespaces a program can read and change the teacher's files.
  const isolation = await warnAboutIsolation(python, lang);
  // One worker thread per student: an uncaught error in the checker ends that student's worker only.
  trace('grade: isolation known');
  const workers = workerCheckStudent();
  // Ctrl-C: abort the running checks so that their Python processes are stopped, then leave.
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(sig === 'SIGINT' ? 130 : 143);
    stop.abort();
    setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 3000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = Date.now();
  let progress: ReturnType<typeof progressLine> | undefined;
  let graded;
  try {
    graded = await gradeClass({
      submissionsDir: dir, submissionList: subs, config, lang, check: workers.check, python, signal: stop.signal, jobs: config.jobs, tool: tool(), keepWork: args.keepWork, single: args.single,
      onProgress: (done, total, running) => {
        progress ??= progressLine(total, (d, n, r) => t(lang, 'report.grade.progress', { done: d, total: n, running: r }));
        progress.update(done, running);
      },
    });
  } catch (e) {
    return fail(t(lang, 'report.grade.noFolder', { dir, detail: (e as Error).message }));
  } finally {
    progress?.end();
    await workers.close();
  }
  if (graded.reports.length === 0) return fail(t(lang, 'report.grade.noSubmissions', { dir }));
  const out = path.resolve(args.out);
  noteIsolation(graded, lang, isolation);
  try {
    await writeReports(out, graded.reports, formats, { lang, submissions: graded.submissions, config });
  } catch (e) {
    if (!(e instanceof ReportWriteError)) throw e;
    for (const f of e.failed) process.stderr.write(t(lang, 'report.grade.writeFailed', { file: f.file, detail: f.message }) + '\n');
    if (e.written.length > 0) process.stderr.write(t(lang, 'report.grade.writtenAnyway', { files: e.written.join(', ') }) + '\n');
    return 1;
  }
  for (const r of graded.reports) {
    for (const err of r.errors) process.stderr.write(t(lang, 'report.grade.studentError', { student: r.student, message: err }) + '\n');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1).replace('.', lang === 'fr' ? ',' : '.');
  process.stdout.write(t(lang, 'report.grade.done', { count: graded.reports.length, seconds, dir: out }) + '\n');
  return 0;
}

// Run only as a program (tests import main()), however it was started (symlinks: see is-main.ts).
if (isMainModule(import.meta.url)) main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(t('fr', 'report.grade.fatal', { message: (e as Error)?.stack ?? String(e) }) + '\n');
    process.exitCode = 1;
  },
);
