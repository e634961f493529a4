import type { Lang } from '../model.js';
import { t, has } from '../i18n/index.js';
import { exerciseNames, labExercises, namesExercise } from '../config/defaults.js';
import { editDistance } from '../util/edit-distance.js';

/** Word-wrap `text` to `width` columns, each line starting with `indent` (pure). */
export function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const allIds = (): string[] => labExercises().flatMap((e) => e.checks);

/** An exercise by id, folder, or the folder's number ('3'). */
const findExerciseDef = (key: string) => labExercises().find((e) => namesExercise(e, key));

/** Lower case, no accents, apostrophes as spaces: « l’écoute » and "l'ecoute" compare equal. */
const norm = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']/g, ' ').replace(/\s+/g, ' ').trim();
const suffix = (id: string): string => id.slice(id.indexOf('.') + 1);

export type Lookup =
  | { kind: 'check'; id: string }
  | { kind: 'exercise'; id: string }
  /** nothing (or several things) matched: the closest check ids, best first */
  | { kind: 'unknown'; ambiguous: boolean; suggestions: string[] };

const MAX_SUGGESTIONS = 6;

/**
 * What `--explain QUERY` names: a check id, an exercise (id or folder), a check id without its
 * exercise (`serveur-echo`) or part of a check's title when only one check matches; else the
 * closest checks (the same words, or an id one or two typos away).
 */
export function lookup(query: string, lang: Lang): Lookup {
  const ids = allIds();
  const q = norm(query);
  const exact = ids.find((id) => id === q);
  if (exact) return { kind: 'check', id: exact };
  const ex = findExerciseDef(q);
  if (ex) return { kind: 'exercise', id: ex.id }; // ex3, 3-ping-pong, 3
  const one = (found: string[]): Lookup | undefined =>
    found.length === 1 ? { kind: 'check', id: found[0] } : found.length > 1 ? { kind: 'unknown', ambiguous: true, suggestions: found.slice(0, MAX_SUGGESTIONS) } : undefined;
  const title = (id: string) => norm(t(lang, `check.${id}.title`));
  const byName = one(ids.filter((id) => suffix(id) === q)) ?? (q.length >= 4 ? one(ids.filter((id) => title(id).includes(q))) : undefined);
  if (byName) return byName;
  // `ex3.echo`: suggest within ex3 only
  const scoped = /^(ex\d)\.(.+)$/.exec(q);
  const pool = scoped ? ids.filter((id) => id.startsWith(`${scoped[1]}.`)) : ids;
  const rest = scoped ? scoped[2] : q;
  const words = rest.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  const scored = pool.map((id) => {
    const hay = `${suffix(id)} ${title(id)}`;
    const shared = words.filter((w) => hay.includes(w)).length;
    const typo = editDistance(rest, suffix(id));
    return { id, shared, typo };
  });
  // an id one or two typos away says it best; else the checks that share a word with the query
  const typos = scored.filter((s) => s.typo <= Math.max(2, Math.floor(rest.length / 4))).sort((a, b) => a.typo - b.typo);
  const sharing = scored.filter((s) => s.shared > 0).sort((a, b) => b.shared - a.shared || a.typo - b.typo);
  return { kind: 'unknown', ambiguous: false, suggestions: (typos.length ? typos : sharing).slice(0, MAX_SUGGESTIONS).map((s) => s.id) };
}

/** The text of `--explain ID` (pure): an exercise id lists its checks; a check id explains it. */
export function explainText(id: string, lang: Lang, width = 80): string | undefined {
  if (!allIds().includes(id)) {
    const ex = findExerciseDef(id);
    if (!ex) return undefined;
    const lines = [`${ex.id} — ${ex.folder} — ${t(lang, `exercise.${ex.id}.title`)}`, ''];
    for (const c of ex.checks) lines.push(`  ${c.padEnd(34)} ${t(lang, `check.${c}.title`)}`);
    return lines.join('\n') + '\n';
  }
  const lines = [`${id} — ${t(lang, `check.${id}.title`)}`, ''];
  for (const part of ['what', 'why', 'fix'] as const) {
    const key = `check.${id}.${part}`;
    if (has(lang, key)) lines.push(t(lang, `cli.explain.${part}`), wrap(t(lang, key), width, '  '), '');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** The message when `--explain QUERY` names no single check: the closest ones, and what to type. */
export function unknownText(query: string, found: Extract<Lookup, { kind: 'unknown' }>, lang: Lang): string {
  const lines = [t(lang, found.ambiguous ? 'cli.explain.ambiguous' : 'cli.explain.unknown', { id: query })];
  const ids = found.suggestions;
  if (ids.length === 1) lines.push(t(lang, 'cli.explain.did-you-mean', { id: `${ids[0]} (${t(lang, `check.${ids[0]}.title`)})` }));
  else if (ids.length > 1) {
    if (!found.ambiguous) lines.push(t(lang, 'cli.explain.did-you-mean-list'));
    const width = Math.max(...ids.map((id) => id.length));
    for (const id of ids) lines.push(`  ${id.padEnd(width)}  ${t(lang, `check.${id}.title`)}`);
  }
  lines.push(ids.length ? t(lang, 'cli.explain.try', { id: ids[0] }) : t(lang, 'cli.explain.list', exerciseNames()));
  return lines.join('\n') + '\n';
}

/** `--explain ID`: what a check does, why it matters in the lab, the usual fixes. */
export function explain(query: string, lang: Lang, print = (s: string) => process.stdout.write(s), printError = (s: string) => process.stderr.write(s)): number {
  const width = Math.max(40, Math.min(100, process.stdout.columns || 80));
  const found = lookup(query, lang);
  if (found.kind !== 'unknown') {
    print(explainText(found.id, lang, width)!);
    return 0;
  }
  printError(unknownText(query.trim(), found, lang));
  return 2;
}
