// One run of the checks for `npm run check`: config, checks, terminal or JSON output, report files.
import type { RunReport } from '../model.js';
import type { CheckArgs } from './check-cli.js';
import { t } from '../i18n/index.js';
import { loadConfig, ConfigError } from '../config/load.js';
import { exerciseNames } from '../config/defaults.js';
import { checkStudent } from '../runner/check-student.js';
import { PythonNotFoundError } from '../python/discover.js';
import { renderTerminal } from '../report/terminal.js';
import { writeReports } from '../report/write-reports.js';
import { formatNames, parseFormats, type ReportFormat } from '../report/format-registry.js';
import type { Config } from '../config/types.js';
import { pythonNotFoundMessage } from '../python/messages.js';

/** Exit code of a finished check: 0 only when every (non-bonus) check passed. */
export function exitCodeOf(report: RunReport): number {
  const checks = report.exercises.flatMap((e) => e.checks).filter((c) => !c.bonus);
  if (checks.some((c) => c.status === 'error')) return 3;
  return checks.every((c) => c.status === 'pass') ? 0 : 1;
}

/**
 * Run the checks once; print the result; returns the exit code (2: could not run). `pythonHint`:
 * the interpreter the head start already began with (head-start.ts), if any.
 */
export async function runCheckOnce(args: CheckArgs, dir: string, pythonHint?: string, print = (s: string) => process.stdout.write(s)): Promise<number> {
  const lang = args.lang;
  let report: RunReport;
  let formats: ReportFormat[] | undefined;
  if (args.formats) {
    const parsed = parseFormats(args.formats);
    if (parsed.unknown) {
      process.stderr.write(t(lang, 'cli.unknown-format', { format: parsed.unknown, formats: formatNames().join(', ') }) + '\n');
      return 2;
    }
    formats = parsed.formats;
  }
  let config: Config;
  try {
    ({ config } = await loadConfig({ file: args.config, lang, overrides: args.timeFactor ? { timeFactor: args.timeFactor } : {} }));
    report = await checkStudent({ dir, exercises: args.exercises, lang, python: args.python, config, pythonHint });
  } catch (e) {
    if (e instanceof PythonNotFoundError) process.stderr.write(pythonNotFoundMessage(lang, e) + '\n');
    else if (e instanceof ConfigError) process.stderr.write(e.message + '\n');
    else if (e instanceof Error && e.message.startsWith('unknown exercise')) process.stderr.write(t(lang, 'cli.unknown-exercise', { id: e.message.slice(18), ...exerciseNames() }) + '\n');
    else throw e;
    return 2;
  }
  if (args.json) print(JSON.stringify(report, null, 2) + '\n');
  else print(renderTerminal(report) + '\n');
  // The same files as `grade`, for one student; GitHub's step summary whenever its variable is set.
  if (args.out) await writeReports(args.out, [report], formats, { lang, config });
  else if (process.env.GITHUB_STEP_SUMMARY) await writeReports('.', [report], [], { lang, config });
  return exitCodeOf(report);
}
