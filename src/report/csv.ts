// grades.csv: one row per student, for LibreOffice Calc / Excel in French locale and Moodle's import.
// Choice: ';' separator, decimal comma, UTF-8 with a BOM (Excel needs the BOM to read UTF-8 accents),
// CRLF line ends (RFC 4180). Same format in English, so one file works in every French school.
import type { RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { exerciseColumns, formatNumber, sortReports } from './format.js';
import { translator } from '../i18n/report-keys.js';

const BOM = '\uFEFF';

// An identifier made of name characters only ('@alice', '-jean.dupont') cannot run anything in a
// spreadsheet, and an import must see it unchanged: the formula guard leaves it alone.
const PLAIN_IDENTIFIER = /^[@+\-]?[\p{L}\p{N}._@ -]+$/u;

/**
 * One CSV cell: quoted when needed; text starting like a formula is defused (CSV injection) with a
 * leading apostrophe, except an `identifier` made of name characters only.
 */
export function csvCell(value: string | number, kind: 'text' | 'identifier' = 'text'): string {
  if (typeof value === 'number') return formatNumber(value, 'fr');
  let s = value.replace(/\r\n?|\n/g, ' ');
  if (/^[=+\-@\t]/.test(s) && !(kind === 'identifier' && PLAIN_IDENTIFIER.test(s))) s = `'${s}`;
  return /[";]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(reports: RunReport[], opts: ReportOptions = {}): string {
  const tr = translator(opts.lang ?? 'fr');
  const sorted = sortReports(reports);
  const exercises = exerciseColumns(sorted);
  const header = [
    tr('report.csv.identifier'),
    tr('report.csv.student'),
    ...exercises.map((e) => tr('report.csv.exercise', { exercise: e.folder })),
    tr('report.csv.points'),
    tr('report.csv.max'),
    tr('report.csv.bonus'),
    tr('report.csv.on20'),
    tr('report.csv.notReached'),
    tr('report.csv.errors'),
    tr('report.csv.notes'),
  ];
  const rows = sorted.map((r) => {
    const sub = opts.submissions?.[r.student];
    const perExercise = exercises.map((col) => {
      const ex = r.exercises.find((e) => e.id === col.id);
      return ex ? csvCell(ex.points) : '';
    });
    const checkerErrors = r.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'error').length + r.errors.length;
    // A submission that could not be read has no grade: blank cells, never a 0 that an import would keep.
    const graded = (n: number): string => (r.ungraded ? '' : csvCell(n));
    return [
      csvCell(sub?.id ?? r.student, 'identifier'),
      csvCell(r.student),
      ...perExercise,
      graded(r.score.points),
      graded(r.score.max),
      graded(r.score.bonusPoints),
      graded(r.score.on20),
      graded(r.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'not-reached').length),
      csvCell(checkerErrors),
      csvCell([...(r.ungraded ? [r.ungraded] : []), ...(sub?.notes ?? []), ...r.errors].join(' | ')),
    ];
  });
  return BOM + [header.map((h) => csvCell(h)), ...rows].map((cells) => cells.join(';')).join('\r\n') + '\r\n';
}
