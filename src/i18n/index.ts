import type { Lang } from '../model.js';
import { fr } from './fr/index.js';
import { en } from './en/index.js';

export type Catalogue = Record<string, string>;
export type Params = Record<string, string | number | undefined>;

/** A message to render later, in the report's language. */
export interface Msg {
  key: string;
  params?: Params;
}

export const catalogues: Record<Lang, Catalogue> = { fr, en };

// A lab's own sentences (its checks' titles, its failures and hints: src/lab/), over the built-in
// catalogues. Set once when the lab is activated; a lab may also reword a built-in key.
const labTexts: Record<Lang, Catalogue> = { fr: {}, en: {} };

/** The active lab's texts (replaces the previous lab's). */
export function useLabTexts(texts: Record<Lang, Catalogue>): void {
  labTexts.fr = { ...texts.fr };
  labTexts.en = { ...texts.en };
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** `{n:message|messages}`: the first form when `n` is singular in `lang` (French: 0 ≤ n < 2; English: 1). */
function pluralForm(lang: Lang, value: string | number | undefined, one: string, other: string): string {
  const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  if (value === undefined || !Number.isFinite(n)) return other;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n) === 'one' ? one : other;
}

/**
 * Render `key` in `lang`, replacing {name} placeholders and choosing {name:singular|plural} forms by
 * the count in `name`. A placeholder whose value is not given but whose `<name>Key` is renders that
 * catalogue key (a part of a sentence in the same language). A missing key shows itself (and a test
 * fails).
 */
export function t(lang: Lang, key: string, params: Params = {}): string {
  const text = labTexts[lang][key] ?? catalogues[lang][key] ?? labTexts.fr[key] ?? catalogues.fr[key] ?? key;
  return text
    .replace(/\{(\w+):([^{}|]*)\|([^{}]*)\}/g, (_m, name: string, one: string, other: string) => pluralForm(lang, params[name], one, other))
    .replace(/\{(\w+)\}/g, (m, name: string) => {
      if (params[name] !== undefined) return String(params[name]);
      const sub = params[`${name}Key`];
      return typeof sub === 'string' ? t(lang, sub, params) : m;
    });
}

export function render(lang: Lang, msg: Msg | undefined): string {
  return msg ? t(lang, msg.key, msg.params) : '';
}

export function has(lang: Lang, key: string): boolean {
  return key in labTexts[lang] || key in catalogues[lang];
}

/** --lang, else LANG=en* picks English; French by default (the students' language). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'fr') return flag;
  const sys = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(sys) ? 'en' : 'fr';
}
