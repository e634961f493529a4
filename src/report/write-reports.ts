// Writes the chosen report formats into one folder; shared by `grade` (a class) and `check` (one student).
import { appendFile, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunReport } from '../model.js';
import { DEFAULT_FORMATS, type ReportFormat, type ReportOptions } from './types.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderCsv } from './csv.js';
import { renderJunit } from './junit.js';
import { renderHtml } from './html.js';
import { renderGradescope } from './gradescope.js';
import { renderGithubSummary } from './github-summary.js';
import { renderMoodleWorksheet } from './moodle.js';

export const FILE_NAMES: Record<Exclude<ReportFormat, 'github'>, string> = {
  json: 'report.json',
  csv: 'grades.csv',
  junit: 'junit.xml',
  html: 'report.html',
  gradescope: 'results.json',
  moodle: 'moodle-feuille-evaluation.csv',
};

const RENDER: Record<Exclude<ReportFormat, 'github'>, (r: RunReport[], o: ReportOptions) => string> = {
  json: renderJson,
  csv: renderCsv,
  junit: renderJunit,
  html: renderHtml,
  gradescope: renderGradescope,
  moodle: renderMoodleWorksheet,
};

/** Some report files could not be written; `written` lists the ones that were. */
export class ReportWriteError extends Error {
  constructor(readonly failed: { file: string; message: string }[], readonly written: string[]) {
    super(failed.map((f) => `${f.file}: ${f.message}`).join('; '));
    this.name = 'ReportWriteError';
  }
}

/** Why `formats` cannot be written for `count` submissions, before any grading; undefined when they can. */
export function formatsProblem(formats: ReportFormat[], count: number): { format: ReportFormat; count: number } | undefined {
  // Gradescope's results.json is one submission's result.
  return formats.includes('gradescope') && count !== 1 ? { format: 'gradescope', count } : undefined;
}

async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const chunk of chunks) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Writes `formats` (default: json, csv, junit, html) into `outDir` and returns the files written.
 * Whenever GITHUB_STEP_SUMMARY is set (GitHub Actions), the Markdown summary is appended to it too,
 * whatever the formats: `check` and `grade` alike.
 */
export async function writeReports(
  outDir: string,
  reports: RunReport[],
  formats: ReportFormat[] = DEFAULT_FORMATS,
  opts: ReportOptions = {},
): Promise<string[]> {
  const options: ReportOptions = { ...opts, generatedAt: opts.generatedAt ?? new Date().toISOString() };
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const failed: { file: string; message: string }[] = [];
  // One writer's failure (a full disk, a file open elsewhere) must not lose the others.
  for (const format of formats) {
    if (format === 'github') continue;
    const file = path.join(outDir, FILE_NAMES[format]);
    try {
      if (format === 'json') await writeChunks(file, renderJsonChunks(reports, options));
      else await writeFile(file, RENDER[format](reports, options), 'utf8');
      written.push(file);
    } catch (e) {
      failed.push({ file, message: (e as Error).message });
    }
  }
  const env = opts.env ?? process.env;
  const summary = env.GITHUB_STEP_SUMMARY;
  if (summary) {
    await appendFile(summary, renderGithubSummary(reports, options) + '\n', 'utf8');
    written.push(summary);
  } else if (formats.includes('github')) {
    const file = path.join(outDir, 'summary.md');
    await writeFile(file, renderGithubSummary(reports, options), 'utf8');
    written.push(file);
  }
  if (failed.length > 0) throw new ReportWriteError(failed, written);
  return written;
}
