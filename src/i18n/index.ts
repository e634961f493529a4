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

/**
 * Render `key` in `lang`, replacing {name} placeholders. A placeholder whose value is not given but
 * whose `<name>Key` is renders that catalogue key (a part of a sentence in the same language). A
 * missing key shows itself (and a test fails).
 */
export function t(lang: Lang, key: string, params: Params = {}): string {
  const text = catalogues[lang][key] ?? catalogues.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (params[name] !== undefined) return String(params[name]);
    const sub = params[`${name}Key`];
    return typeof sub === 'string' ? t(lang, sub, params) : m;
  });
}

export function render(lang: Lang, msg: Msg | undefined): string {
  return msg ? t(lang, msg.key, msg.params) : '';
}

export function has(lang: Lang, key: string): boolean {
  return key in catalogues[lang];
}

/** --lang, else LANG=en* picks English; French by default (the students' language). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'fr') return flag;
  const sys = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(sys) ? 'en' : 'fr';
}
