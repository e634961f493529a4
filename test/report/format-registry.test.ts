// Report formats live in one registry: a new format is its renderer plus one registration, and
// then --formats accepts it, the help texts list it and writeReports writes it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFormats, formatNames, parseFormats, registerFormat, type ReportFormatDef } from '../../src/report/format-registry.js';
import { formatsProblem, writeReports } from '../../src/report/write-reports.js';
import { ArgError, parseGradeArgs } from '../../src/grade/args.js';
import { t } from '../../src/i18n/index.js';
import { classOf4, typical } from './fixtures.js';

/** A format of a test's own: one line per student. */
const fake: ReportFormatDef = {
  name: 'lines',
  file: 'lines.txt',
  renderer: async () => (reports) => reports.map((r) => `${r.student}: ${r.score.points}/${r.score.max}\n`),
};

let unregister: (() => void) | undefined;
afterEach(() => {
  unregister?.();
  unregister = undefined;
});

describe('report format registry', () => {
  it('a registered format is accepted by --formats and --format, listed in the help, and written', async () => {
    expect(() => parseGradeArgs(['remises', '--formats', 'json,lines'])).toThrow(ArgError);
    unregister = registerFormat(fake);
    expect(parseGradeArgs(['remises', '--formats', 'json,lines']).formats).toEqual(['json', 'lines']);
    expect(parseFormats(['lines'])).toEqual({ formats: ['lines'], unknown: undefined });
    expect(t('en', 'cli.check.help', { formats: formatNames().join(', ') })).toContain('html, gradescope, github, moodle, lines');
    const dir = mkdtempSync(path.join(tmpdir(), 'formats-'));
    const report = typical();
    const files = await writeReports(dir, [report], ['lines', 'csv'], { env: {} });
    expect(files.map((f) => path.basename(f))).toEqual(['lines.txt', 'grades.csv']);
    expect(readFileSync(files[0], 'utf8')).toBe(`${report.student}: ${report.score.points}/${report.score.max}\n`);
  });

  it('the built-in formats, the defaults, and one name registered only once', () => {
    expect(formatNames()).toEqual(['json', 'csv', 'junit', 'html', 'gradescope', 'github', 'moodle']);
    expect(defaultFormats()).toEqual(['json', 'csv', 'junit', 'html']);
    expect(() => registerFormat({ ...fake, name: 'csv' })).toThrow('registered twice: csv');
    expect(formatsProblem(['html', 'gradescope'], classOf4().length)).toEqual({ format: 'gradescope', count: 4 });
    expect(formatsProblem(['gradescope'], 1)).toBeUndefined();
  });
});
