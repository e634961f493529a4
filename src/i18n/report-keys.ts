// The report strings, typed: the same catalogue as everything else (src/i18n), keys checked at compile time.
import type { Lang } from '../model.js';
import type { report } from './fr/report.js';
import { t as translate } from './index.js';

export type ReportKey = keyof typeof report;
export type Vars = Record<string, string | number>;

/** The string for `key` in `lang`, with {name} placeholders filled from `vars`. */
export function t(lang: Lang, key: ReportKey, vars: Vars = {}): string {
  return translate(lang, key, vars);
}

/** A translator bound to one language. */
export type T = (key: ReportKey, vars?: Vars) => string;
export function translator(lang: Lang): T {
  return (key, vars) => t(lang, key, vars);
}
