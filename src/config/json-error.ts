// JSON.parse's English error, said for a teacher editing tp-reseau.config.json by hand: where (line
// and column, counted from 1) and the usual cause of each kind of mistake.
import type { Lang } from '../model.js';
import { t } from '../i18n/report-keys.js';

type Reason = 'end' | 'name' | 'comma-object' | 'comma-array' | 'string' | 'control' | 'after' | 'token' | 'other';

const KINDS: [RegExp, Reason][] = [
  [/Unexpected end of JSON input/i, 'end'],
  [/property name/i, 'name'],
  [/after property value/i, 'comma-object'],
  [/after array element/i, 'comma-array'],
  [/Unterminated string/i, 'string'],
  [/Bad (control|escaped) character/i, 'control'],
  [/after JSON/i, 'after'],
  [/Unexpected token/i, 'token'],
];

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export function describeJsonError(text: string, error: Error, lang: 'fr' | 'en' | Lang): string {
  const reason = KINDS.find(([re]) => re.test(error.message))?.[1] ?? 'other';
  const token = /Unexpected token '(.)'/.exec(error.message)?.[1];
  let offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? NaN);
  if (Number.isNaN(offset) && token !== undefined) offset = text.indexOf(token);
  if (reason === 'end') offset = text.trimEnd().length;
  const detail = t(lang, `report.config.json.${reason}`, { token: token ?? '' });
  if (Number.isNaN(offset) || offset < 0) return t(lang, 'report.config.jsonError', { detail });
  return t(lang, 'report.config.jsonErrorAt', { ...lineColumn(text, offset), detail });
}
