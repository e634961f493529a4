// report.json: every student, every check; the schema is schemas/report.schema.json.
import { SCHEMA_VERSION, type Lang, type RunReport } from '../model.js';
import type { Config } from '../config/types.js';
import type { ReportOptions, SubmissionInfo } from './types.js';
import { mean, median, sortReports } from './format.js';

export const REPORT_FORMAT = 'tp-reseau-check/class-report';

export type StudentEntry = RunReport & { submission?: SubmissionInfo };

export interface ClassReport {
  format: typeof REPORT_FORMAT;
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  lang: Lang;
  config?: Pick<Config, 'exercises' | 'points' | 'exercisePoints' | 'echoPolicy' | 'timeFactor' | 'bonusInGrade'>;
  summary: {
    students: number;
    meanOn20: number;
    medianOn20: number;
    /** students for whom the checker itself failed somewhere (status 'error') */
    withCheckerErrors: number;
  };
  students: StudentEntry[];
}

export function buildClassReport(reports: RunReport[], opts: ReportOptions = {}): ClassReport {
  const sorted = sortReports(reports);
  const grades = sorted.filter((r) => !r.ungraded).map((r) => r.score.on20);
  const c = opts.config;
  return {
    format: REPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    tool: sorted[0]?.tool ?? { name: 'tp-reseau-check', version: '0.0.0' },
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    lang: opts.lang ?? sorted[0]?.lang ?? 'fr',
    ...(c && {
      config: { exercises: c.exercises, points: c.points, exercisePoints: c.exercisePoints, echoPolicy: c.echoPolicy, timeFactor: c.timeFactor, bonusInGrade: c.bonusInGrade === true },
    }),
    summary: {
      students: sorted.length,
      meanOn20: Number(mean(grades).toFixed(2)),
      medianOn20: Number(median(grades).toFixed(2)),
      withCheckerErrors: sorted.filter((r) => r.errors.length > 0 || r.exercises.some((e) => e.checks.some((k) => k.status === 'error'))).length,
    },
    students: sorted.map((r) => {
      const submission = opts.submissions?.[r.student];
      return submission ? { ...r, submission } : r;
    }),
  };
}

export function renderJson(reports: RunReport[], opts: ReportOptions = {}): string {
  return [...renderJsonChunks(reports, opts)].join('');
}

/**
 * report.json in pieces, one student at a time: the same text as JSON.stringify(report, null, 2),
 * without ever holding it whole (a class of 100 makes ~20 MB of JSON: ~80 MB more peak memory).
 */
export function* renderJsonChunks(reports: RunReport[], opts: ReportOptions = {}): Generator<string> {
  const { students, ...rest } = buildClassReport(reports, opts);
  const head = JSON.stringify({ ...rest, students: [] }, null, 2);
  const at = head.lastIndexOf('"students": []');
  yield head.slice(0, at) + '"students": [';
  for (let i = 0; i < students.length; i++) {
    // an element of the students array is two levels deep: its lines shift by four spaces
    yield (i ? ',\n' : '\n') + JSON.stringify(students[i], null, 2).replace(/^/gm, '    ');
  }
  yield (students.length ? '\n  ]' : ']') + head.slice(at + '"students": []'.length) + '\n';
}
