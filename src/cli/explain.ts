import type { Lang } from '../model.js';
import { t, has } from '../i18n/index.js';
import { exercises, findExerciseDef } from '../../checks/index.js';

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

/** Check ids that contain what was typed (e.g. `serveur-echo` -> `ex3.serveur-echo`). */
export function suggestions(query: string): string[] {
  const q = query.toLowerCase();
  return exercises.flatMap((e) => e.checks.map((c) => c.id)).filter((id) => id.includes(q) || q.includes(id.split('.')[1]));
}

/** The text of `--explain ID` (pure): an exercise id lists its checks; a check id explains it. */
export function explainText(id: string, lang: Lang, width = 80): string | undefined {
  const def = exercises.flatMap((e) => e.checks).find((c) => c.id === id);
  if (!def) {
    const ex = findExerciseDef(id);
    if (!ex) return undefined;
    const lines = [`${ex.id} — ${ex.folder} — ${t(lang, `exercise.${ex.id}.title`)}`, ''];
    for (const c of ex.checks) lines.push(`  ${c.id.padEnd(34)} ${t(lang, `check.${c.id}.title`)}`);
    return lines.join('\n') + '\n';
  }
  const lines = [`${id} — ${t(lang, `check.${id}.title`)}`, ''];
  for (const part of ['what', 'why', 'fix'] as const) {
    const key = `check.${id}.${part}`;
    if (has(lang, key)) lines.push(t(lang, `cli.explain.${part}`), wrap(t(lang, key), width, '  '), '');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** `--explain ID`: what a check does, why it matters in the lab, the usual fixes. */
export function explain(id: string, lang: Lang, print = (s: string) => process.stdout.write(s)): number {
  const width = Math.max(40, Math.min(100, process.stdout.columns || 80));
  const text = explainText(id.trim(), lang, width);
  if (text) {
    print(text);
    return 0;
  }
  const close = suggestions(id.trim());
  process.stderr.write(t(lang, 'cli.explain.unknown', { id }) + '\n' + (close.length ? t(lang, 'cli.explain.did-you-mean', { ids: close.join(', ') }) + '\n' : ''));
  return 2;
}
