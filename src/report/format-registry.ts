// Report formats by name (after vitest's reporters: a registry and a facade, writeReports). The
// --format/--formats parsers, the help texts and writeReports all look formats up here, so a format
// is defined once: src/report/formats.ts lists the built-in ones, registerFormat adds another.
import type { RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { BUILT_IN_FORMATS } from './formats.js';

/** A registered format's name ('json', 'html', ...). */
export type ReportFormat = string;

/** The whole text, or its pieces in order (a large class's JSON is written as it is rendered). */
export type Renderer = (reports: RunReport[], opts: ReportOptions) => string | Iterable<string>;

export interface ReportFormatDef {
  name: ReportFormat;
  /** the file written in the output folder */
  file: string;
  /** loads the renderer (a report's modules load only when it is written) */
  renderer(): Promise<Renderer>;
  /** written when no format is chosen */
  byDefault?: boolean;
  /** one submission's result only (Gradescope's results.json): refused for a class */
  oneSubmission?: boolean;
  /** GitHub's job summary: appended to GITHUB_STEP_SUMMARY whenever it is set, else written as `file` if chosen */
  stepSummary?: boolean;
}

const registry = new Map<ReportFormat, ReportFormatDef>();

/** Adds a format; returns what removes it again (tests). */
export function registerFormat(def: ReportFormatDef): () => void {
  if (registry.has(def.name)) throw new Error(`report format registered twice: ${def.name}`);
  registry.set(def.name, def);
  return () => void registry.delete(def.name);
}

export function findFormat(name: ReportFormat): ReportFormatDef | undefined {
  return registry.get(name);
}

/** Every format's name, in registration order. */
export function formatNames(): ReportFormat[] {
  return [...registry.keys()];
}

/** The formats written when none is chosen (json, csv, junit, html). */
export function defaultFormats(): ReportFormat[] {
  return [...registry.values()].filter((d) => d.byDefault).map((d) => d.name);
}

/** The formats that go to GitHub's job summary whenever GITHUB_STEP_SUMMARY is set, chosen or not. */
export function stepSummaryFormats(): ReportFormatDef[] {
  return [...registry.values()].filter((d) => d.stepSummary);
}

/** 'html,json' or ['html', 'json'] (repeated --format) -> formats; undefined names the first unknown one. */
export function parseFormats(input: string | string[]): { formats: ReportFormat[]; unknown?: string } {
  const list = (Array.isArray(input) ? input : [input]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const unknown = list.find((f) => !registry.has(f));
  return { formats: [...new Set(list)], unknown };
}

for (const def of BUILT_IN_FORMATS) registerFormat(def);
