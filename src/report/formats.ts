// The report formats the checker ships, one line each: name, file written in the output folder,
// renderer. A new format: its renderer's file, and one line here.
import type { ReportFormatDef } from './format-registry.js';

// Renderers load when a report is written: --help and the argument parsers need only the names.
export const BUILT_IN_FORMATS: readonly ReportFormatDef[] = [
  { name: 'json', file: 'report.json', renderer: async () => (await import('./json.js')).renderJsonChunks, byDefault: true },
  { name: 'csv', file: 'grades.csv', renderer: async () => (await import('./csv.js')).renderCsv, byDefault: true },
  { name: 'junit', file: 'junit.xml', renderer: async () => (await import('./junit.js')).renderJunit, byDefault: true },
  { name: 'html', file: 'report.html', renderer: async () => (await import('./html.js')).renderHtml, byDefault: true },
  { name: 'gradescope', file: 'results.json', renderer: async () => (await import('./gradescope.js')).renderGradescope, oneSubmission: true },
  { name: 'github', file: 'summary.md', renderer: async () => (await import('./github-summary.js')).renderGithubSummary, stepSummary: true },
  { name: 'moodle', file: 'moodle-feuille-evaluation.csv', renderer: async () => (await import('./moodle.js')).renderMoodleWorksheet },
];
