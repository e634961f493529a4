// results.json in Gradescope's autograder format (one student: the submission being graded).
// The top-level score is the grade on 20: set the assignment's total to 20 points in Gradescope.
// A checker error gives max_score 0, so it never costs points.
import type { RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { checkDetails } from './details.js';
import { formatNumber } from './format.js';
import { translator } from '../i18n/report-keys.js';
import { isolationWarning } from './isolation-warning.js';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible' | 'hidden' | 'after_due_date' | 'after_published';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

export function buildGradescope(report: RunReport, opts: ReportOptions = {}): GradescopeResults {
  const lang = opts.lang ?? report.lang;
  const tr = translator(lang);
  const tests: GradescopeTest[] = report.exercises.flatMap((e) =>
    e.checks.map((c) => ({
      name: `${c.id} — ${c.title}${c.bonus ? ` (${tr('report.bonus')})` : ''}`,
      number: c.id,
      score: c.points,
      max_score: c.status === 'error' || c.bonus ? 0 : c.maxPoints,
      status: c.status === 'pass' ? 'passed' : 'failed',
      output: c.status === 'pass' ? '' : `[${tr(`report.status.${c.status}`)}] ${checkDetails(c, lang)}`,
      visibility: 'visible',
    })),
  );
  const s = report.score;
  const lines = [tr('report.score', { on20: formatNumber(s.on20, lang), points: formatNumber(s.points, lang), max: formatNumber(s.max, lang) })];
  const warning = isolationWarning(report, lang);
  if (warning) lines.push(warning);
  if (report.errors.length > 0) lines.push(tr('report.gradescope.errors'), ...report.errors.map((e) => `- ${e}`));
  return {
    score: s.on20,
    execution_time: Math.round(report.durationMs / 1000),
    output: lines.join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

export function renderGradescope(reports: RunReport[], opts: ReportOptions = {}): string {
  if (reports.length !== 1) throw new Error(`Gradescope results.json holds one submission, got ${reports.length}`);
  return JSON.stringify(buildGradescope(reports[0], opts), null, 2) + '\n';
}
