// Writes the chosen report formats into one folder; shared by `grade` (a class) and `check` (one student).
import { appendFile, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { defaultFormats, findFormat, stepSummaryFormats, type ReportFormat, type ReportFormatDef } from './format-registry.js';

/** Some report files could not be written; `written` lists the ones that were. */
export class ReportWriteError extends Error {
  constructor(readonly failed: { file: string; message: string }[], readonly written: string[]) {
    super(failed.map((f) => `${f.file}: ${f.message}`).join('; '));
    this.name = 'ReportWriteError';
  }
}

/** Why `formats` cannot be written for `count` submissions, before any grading; undefined when they can. */
export function formatsProblem(formats: ReportFormat[], count: number): { format: ReportFormat; count: number } | undefined {
  const format = formats.find((f) => findFormat(f)?.oneSubmission);
  return format !== undefined && count !== 1 ? { format, count } : undefined;
}

async function renderText(def: ReportFormatDef, reports: RunReport[], options: ReportOptions): Promise<string> {
  const text = (await def.renderer())(reports, options);
  return typeof text === 'string' ? text : [...text].join('');
}

async function writeText(file: string, text: string | Iterable<string>): Promise<void> {
  if (typeof text === 'string') return writeFile(file, text, 'utf8');
  const handle = await open(file, 'w');
  try {
    for (const chunk of text) await handle.write(chunk, null, 'utf8');
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
  formats: ReportFormat[] = defaultFormats(),
  opts: ReportOptions = {},
): Promise<string[]> {
  const options: ReportOptions = { ...opts, generatedAt: opts.generatedAt ?? new Date().toISOString() };
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const failed: { file: string; message: string }[] = [];
  // One writer's failure (a full disk, a file open elsewhere) must not lose the others.
  const defs = formats.map((name) => {
    const def = findFormat(name);
    if (!def) throw new Error(`unknown report format: ${name}`);
    return def;
  });
  for (const def of defs.filter((d) => !d.stepSummary)) {
    const file = path.join(outDir, def.file);
    try {
      await writeText(file, (await def.renderer())(reports, options));
      written.push(file);
    } catch (e) {
      failed.push({ file, message: (e as Error).message });
    }
  }
  const env = opts.env ?? process.env;
  const summary = env.GITHUB_STEP_SUMMARY;
  for (const def of stepSummaryFormats()) {
    if (summary) {
      await appendFile(summary, (await renderText(def, reports, options)) + '\n', 'utf8');
      written.push(summary);
    } else if (defs.includes(def)) {
      const file = path.join(outDir, def.file);
      await writeFile(file, await renderText(def, reports, options), 'utf8');
      written.push(file);
    }
  }
  if (failed.length > 0) throw new ReportWriteError(failed, written);
  return written;
}
