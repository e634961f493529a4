import type { Lang } from '../model.js';
import { t, has } from '../i18n/index.js';
import { exercises } from '../../checks/index.js';

/** `--explain ID`: what a check does, why it matters in the lab, the usual fixes. */
export function explain(id: string, lang: Lang, print = (s: string) => process.stdout.write(s)): number {
  const def = exercises.flatMap((e) => e.checks).find((c) => c.id === id);
  if (!def) {
    process.stderr.write(t(lang, 'cli.explain.unknown', { id }) + '\n');
    return 2;
  }
  const lines = [`${id} — ${t(lang, `check.${id}.title`)}`, ''];
  for (const part of ['what', 'why', 'fix'] as const) {
    const key = `check.${id}.${part}`;
    if (has(lang, key)) lines.push(t(lang, `cli.explain.${part}`), `  ${t(lang, key)}`, '');
  }
  print(lines.join('\n').trimEnd() + '\n');
  return 0;
}
