// The command line of `npm run check` (pure: unit-tested). Node's own parser reports problems in
// English; each one is re-worded here in the student's language, with what to type instead.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { Lang } from '../model.js';
import { pickLang, t } from '../i18n/index.js';
import { packageRoot } from '../util/package-root.js';

const OPTIONS = {
  exercise: { type: 'string', short: 'e', multiple: true },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  python: { type: 'string' },
  config: { type: 'string' },
  lab: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', multiple: true },
  'time-factor': { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  explain: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** A value to show in "--option VALUE" examples. */
const EXAMPLE_VALUE: Record<string, string> = {
  exercise: 'ex1', lang: 'en', python: 'python3', config: 'tp-reseau.config.json', lab: 'mon-tp', out: 'rapport',
  format: 'html', 'time-factor': '2', explain: 'ex3.serveur-echo',
};

export interface CheckArgs {
  dir: string;
  /** DIR was given (else the lab's student-template/) */
  dirGiven: boolean;
  /** the lab's folder (--lab): another lab than the built-in one */
  lab?: string;
  exercises?: string[];
  json: boolean;
  lang: Lang;
  python?: string;
  config?: string;
  out?: string;
  formats?: string[];
  timeFactor?: number;
  watch: boolean;
  explain?: string;
  help: boolean;
  version: boolean;
}

/** A mistake on the command line, already worded for the student (exit status 2). */
export class UsageError extends Error {}

/** The language asked for, read before parsing so that parse errors are in it too. */
export function langOf(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(7) : argv[i + 1];
  return pickLang(flag === 'en' || flag === 'fr' ? flag : undefined, env);
}

/** Node's parseArgs error, said in `lang`: which option, and what to type instead. */
export function argErrorMessage(e: Error & { code?: string }, lang: Lang): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const name = /--([\w-]+)/.exec(quoted)?.[1];
  const option = name ? `--${name}` : quoted;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t(lang, 'cli.arg.unknown', { option });
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(e.message)) return t(lang, 'cli.arg.missing-value', { option, example: `${option} ${EXAMPLE_VALUE[name ?? ''] ?? '…'}` });
    return t(lang, 'cli.arg.no-value', { option });
  }
  return t(lang, 'cli.bad-args', { error: e.message });
}

export function parseCheckArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CheckArgs {
  const lang0 = langOf(argv, env);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(argErrorMessage(e as Error, lang0));
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    throw new UsageError(t(lang0, 'cli.bad-lang', { lang: values.lang }));
  }
  const lang = pickLang(values.lang, env);
  if (positionals.length > 1) throw new UsageError(t(lang, 'cli.too-many-dirs', { count: positionals.length, dirs: positionals.join(', ') }));
  const tf = values['time-factor'] === undefined ? undefined : Number(values['time-factor']);
  if (tf !== undefined && !(tf > 0)) throw new UsageError(t(lang, 'cli.bad-time-factor', { value: values['time-factor'] }));
  return {
    dir: positionals[0] ?? join(packageRoot(), 'student-template'),
    dirGiven: positionals[0] !== undefined,
    lab: values.lab,
    exercises: values.exercise,
    json: !!values.json,
    lang,
    python: values.python,
    config: values.config,
    out: values.out,
    formats: values.format,
    timeFactor: tf,
    watch: !!values.watch,
    explain: values.explain,
    help: !!values.help,
    version: !!values.version,
  };
}
