// Small formatting helpers shared by the reporters.
import type { Lang, RunReport, Status } from '../model.js';

/** 12.5 -> '12,5' (French) or '12.5'; no thousands separator, at most 2 decimals. */
export function formatNumber(n: number, lang: Lang = 'fr'): string {
  const s = String(Number(n.toFixed(2)));
  return lang === 'fr' ? s.replace('.', ',') : s;
}

/** '2026-03-02T09:00:00.000Z' -> '2 mars 2026 à 10:00' (French) or 'March 2, 2026 at 10:00 AM', local time. */
export function formatDate(iso: string, lang: Lang = 'fr', timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d);
}

export function escapeXml(s: string): string {
  // XML 1.0 forbids most control characters even escaped: a student's program may print them.
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const escapeHtml = escapeXml;

export const NOT_PASSED: readonly Status[] = ['fail', 'timeout', 'crash', 'skip', 'not-reached'];

/** Reports sorted by student name, whatever order they finished in (stable output). */
export function sortReports(reports: RunReport[]): RunReport[] {
  return [...reports].sort((a, b) => a.student.localeCompare(b.student, 'fr', { sensitivity: 'base', numeric: true }) || (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Exercise ids present in any report, in the lab's order, with a title for column headers. */
export function exerciseColumns(reports: RunReport[]): { id: string; folder: string; title: string }[] {
  const seen = new Map<string, { id: string; folder: string; title: string }>();
  for (const r of reports) for (const e of r.exercises) if (!seen.has(e.id)) seen.set(e.id, { id: e.id, folder: e.folder, title: e.title });
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
