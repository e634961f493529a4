// `npm run check [DIR] [--exercise ID] [--json] [--lang en] ...`: the student's command (entry: check.ts).
import { headStartPython } from './head-start.js';
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Lang, RunReport } from '../model.js';
import { pickLang, t } from '../i18n/index.js';
import { packageRoot } from '../util/package-root.js';
import { toolVersion } from '../util/version.js';
import { trace } from '../util/trace.js';

trace('cli: modules loaded');

const OPTIONS = {
  exercise: { type: 'string', short: 'e', multiple: true },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  python: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', multiple: true },
  'time-factor': { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  explain: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export interface CheckArgs {
  dir: string;
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

export function parseCheckArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CheckArgs {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const lang = pickLang(values.lang, env);
  const tf = values['time-factor'] === undefined ? undefined : Number(values['time-factor']);
  if (tf !== undefined && !(tf > 0)) throw new UsageError(t(lang, 'cli.bad-time-factor', { value: values['time-factor'] }));
  return {
    dir: positionals[0] ?? join(packageRoot(), 'student-template'),
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

export class UsageError extends Error {}

async function main(): Promise<number> {
  let args: CheckArgs;
  try {
    args = parseCheckArgs(process.argv.slice(2));
  } catch (e) {
    const lang = pickLang(undefined);
    process.stderr.write(`${e instanceof UsageError ? e.message : t(lang, 'cli.bad-args', { error: (e as Error).message })}\n${t(lang, 'cli.check.usage')}\n`);
    return 2;
  }
  const lang = args.lang;
  if (args.version) {
    process.stdout.write(`tp-reseau-check ${toolVersion()}\n`);
    return 0;
  }
  if (args.help) {
    process.stdout.write(t(lang, 'cli.check.help') + '\n');
    return 0;
  }
  if (args.explain) {
    const { explain } = await import('./explain.js');
    return explain(args.explain, lang);
  }
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(t(lang, 'cli.no-dir', { dir }) + '\n');
    return 2;
  }
  // Head start, overlapping the loading of the checker's modules below: look for Python, and create
  // the namespaces of the check with the interpreter found last time (or as soon as one is found).
  // checkStudent gets the same answers (discovery is cached; runInNamespace takes the warm one).
  const [{ findPython }, { prewarmNamespace }, { rememberInterpreter }] = await Promise.all([
    import('../python/discover.js'),
    import('../sandbox/netns.js'),
    import('../python/last-interpreter.js'),
  ]);
  findPython(args.python)
    .then((py) => {
      if (!headStartPython && !args.watch) prewarmNamespace(py.path);
      rememberInterpreter(py.path);
    })
    .catch(() => undefined);
  // Loaded after the cheap paths above: --version and --help stay fast.
  const { runCheckOnce } = await import('./check-run.js');
  if (args.watch) {
    const { watchChecks } = await import('./watch.js');
    return watchChecks(args, dir);
  }
  trace('cli: checker loaded');
  const report: RunReport | number = await runCheckOnce(args, dir, headStartPython);
  trace('cli: done');
  return typeof report === 'number' ? report : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`tp-reseau-check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  },
);
