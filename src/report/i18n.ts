// Translation of the report strings: French by default, English on request.
import type { Lang } from '../model.js';
import { report as fr } from '../i18n/fr/report.js';
import { report as en } from '../i18n/en/report.js';

export type ReportKey = keyof typeof fr;
export type Vars = Record<string, string | number>;

/** The string for `key` in `lang`, with {name} placeholders filled from `vars`. */
export function t(lang: Lang, key: ReportKey, vars: Vars = {}): string {
  const template: string = (lang === 'en' ? en : fr)[key] ?? fr[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** A translator bound to one language. */
export type T = (key: ReportKey, vars?: Vars) => string;
export function translator(lang: Lang): T {
  return (key, vars) => t(lang, key, vars);
}
