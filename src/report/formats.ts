// The report formats the checker ships, one line each: name, file written in the output folder,
// renderer. A new format: its renderer's file, and one line here.
import type { ReportFormatDef } from './format-registry.js';
import { renderJsonChunks } from './json.js';
import { renderCsv } from './csv.js';
import { renderJunit } from './junit.js';
import { renderHtml } from './html.js';
import { renderGradescope } from './gradescope.js';
import { renderGithubSummary } from './github-summary.js';
import { renderMoodleWorksheet } from './moodle.js';

export const BUILT_IN_FORMATS: readonly ReportFormatDef[] = [
  { name: 'json', file: 'report.json', render: renderJsonChunks, byDefault: true },
  { name: 'csv', file: 'grades.csv', render: renderCsv, byDefault: true },
  { name: 'junit', file: 'junit.xml', render: renderJunit, byDefault: true },
  { name: 'html', file: 'report.html', render: renderHtml, byDefault: true },
  { name: 'gradescope', file: 'results.json', render: renderGradescope, oneSubmission: true },
  { name: 'github', file: 'summary.md', render: renderGithubSummary, stepSummary: true },
  { name: 'moodle', file: 'moodle-feuille-evaluation.csv', render: renderMoodleWorksheet },
];
