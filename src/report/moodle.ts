// The Moodle assignment's offline grading worksheet (« Feuille d'évaluation hors ligne »), ready
// for « Téléverser la feuille d'évaluation ». What Moodle's importer (mod/assign/feedback/offline,
// importgradeslib.php and locallib.php) needs, read from its source:
//  - columns found by their header, in the teacher's Moodle language: the identifier ('Identifiant'
//    in French, 'Identifier' in English), the grade ('Note' / 'Grade') and the grade's last
//    modification ('Dernière modification (note)' / 'Last modified (grade)'); all three must exist;
//  - the identifier is 'Participant N', N the number in Moodle's download folder names
//    ('Jean Dupont_N_assignsubmission_file_'): only those students get a row;
//  - an empty grade is skipped (a submission that could not be read stays ungraded), a grade above
//    the assignment's maximum is skipped (set the assignment's grade to 20);
//  - a row is skipped when Moodle's grade was modified after the sheet's date (unless the teacher
//    ticks the option to override): the date written is the report's, ISO 8601 with its offset,
//    which PHP's strtotime() reads whatever the server's time zone;
//  - comma-separated, UTF-8 (the upload form's defaults); decimals with a dot, which Moodle's
//    unformat_float() accepts in every language.
import type { RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { sortReports } from './format.js';
import { translator } from '../i18n/report-keys.js';

const MOODLE_ID = /^Participant \d+$/;

function cell(value: string): string {
  const s = value.replace(/\r\n?|\n/g, ' ');
  return /[",]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** '2026-03-02T09:00:00.000Z' -> '2026-03-02T09:00:00+00:00' */
function moodleDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d+Z$/, '+00:00');
}

/** Students with a Moodle participant id, for « Téléverser la feuille d'évaluation ». */
export function renderMoodleWorksheet(reports: RunReport[], opts: ReportOptions = {}): string {
  const tr = translator(opts.lang ?? reports[0]?.lang ?? 'fr');
  const date = moodleDate(opts.generatedAt ?? new Date().toISOString());
  const header = [tr('report.moodle.identifier'), tr('report.moodle.fullName'), tr('report.moodle.grade'), tr('report.moodle.maxGrade'), tr('report.moodle.lastModifiedGrade')];
  const rows = sortReports(reports).flatMap((r) => {
    const id = opts.submissions?.[r.student]?.id;
    if (!id || !MOODLE_ID.test(id)) return [];
    return [[id, r.student, r.ungraded ? '' : String(r.score.on20), '20', date]];
  });
  return [header, ...rows].map((cells) => cells.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Does this class come from Moodle (at least one participant id)? Then the worksheet is written by default. */
export function hasMoodleIds(ids: string[]): boolean {
  return ids.some((id) => MOODLE_ID.test(id));
}
