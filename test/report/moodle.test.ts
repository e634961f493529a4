// Issue 13: a Moodle export that Moodle's own import accepts.
// Moodle's assignment "offline grading worksheet" import (mod/assign/feedback/offline) finds its
// columns by their headers, in the teacher's Moodle language: the identifier ('Identifiant' /
// 'Identifier', values 'Participant N'), the grade ('Note' / 'Grade') and the grade's last
// modification ('Dernière modification (note)' / 'Last modified (grade)'); a row whose grade is
// empty is skipped. grades.csv keeps the folder name as identifier for the gradebook's CSV import.
import { describe, expect, it } from 'vitest';
import { renderMoodleWorksheet } from '../../src/report/moodle.js';
import { csvCell, renderCsv } from '../../src/report/csv.js';
import { perfect, report, typical } from './fixtures.js';
import { parseCsv } from './helpers.js';
import type { SubmissionInfo } from '../../src/report/types.js';

const AT = '2026-03-02T09:00:00.000Z';
const info = (id: string, name: string): SubmissionInfo => ({ id, name, source: 'folder', notes: [] });

describe('Moodle offline grading worksheet', () => {
  const unreadable = { ...report('Paul Roux', []), ungraded: 'Pas de note : la remise n’a pas pu être lue.' };
  const submissions = {
    'Alice Martin': info('Participant 4242', 'Alice Martin_4242_assignsubmission_file_'),
    'Bob Durand': info('Participant 77', 'Bob Durand_77_assignsubmission_file_'),
    'Paul Roux': info('Participant 9', 'Paul Roux_9_assignsubmission_file_'),
    'Zoé Hors-Moodle': info('Zoé Hors-Moodle', 'Zoé Hors-Moodle'),
  };
  const reports = [perfect(), typical(), unreadable, { ...perfect(), student: 'Zoé Hors-Moodle' }];

  it('has the columns Moodle looks for, in French, comma-separated, a dot for decimals', () => {
    const text = renderMoodleWorksheet(reports, { lang: 'fr', generatedAt: AT, submissions });
    const rows = parseCsv(text.replace(/^\uFEFF/, ''), ',');
    expect(rows[0]).toEqual(['Identifiant', 'Nom complet', 'Note', 'Note maximale', 'Dernière modification (note)']);
    expect(rows.slice(1)).toEqual([
      ['Participant 4242', 'Alice Martin', '20', '20', '2026-03-02T09:00:00+00:00'],
      ['Participant 77', 'Bob Durand', '6.75', '20', '2026-03-02T09:00:00+00:00'],
      ['Participant 9', 'Paul Roux', '', '20', '2026-03-02T09:00:00+00:00'],
    ]);
  });

  it('in English, the English headers', () => {
    const rows = parseCsv(renderMoodleWorksheet(reports, { lang: 'en', generatedAt: AT, submissions }).replace(/^\uFEFF/, ''), ',');
    expect(rows[0]).toEqual(['Identifier', 'Full name', 'Grade', 'Maximum grade', 'Last modified (grade)']);
  });
});

describe('grades.csv identifiers', () => {
  it('keeps an identifier that starts with @ as it is (no visible quote), still defuses a formula', () => {
    expect(csvCell('@alice', 'identifier')).toBe('@alice');
    expect(csvCell('-jean.dupont', 'identifier')).toBe('-jean.dupont');
    expect(csvCell('@SUM(1+1)*cmd|" /C calc"!A0', 'identifier')).toMatch(/^"?'/);
    expect(csvCell('=HYPERLINK("x")', 'identifier')).toMatch(/^"?'/);
    const rows = parseCsv(renderCsv([{ ...perfect(), student: '@alice' }], { submissions: { '@alice': info('@alice', '@alice') } }).replace(/^\uFEFF/, ''));
    expect(rows[1][0]).toBe('@alice');
  });
});
