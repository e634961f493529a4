// `npm run check [DIR] [--exercise ID] [--json] [--lang en] ...`: the student's command (entry: check.ts).
import { headStartPython } from './head-start.js';
import type { RunReport } from '../model.js';
import { t } from '../i18n/index.js';
import { toolVersion } from '../util/version.js';
import { trace } from '../util/trace.js';
import { langOf, parseCheckArgs, UsageError, type CheckArgs } from './check-args.js';

export type { CheckArgs } from './check-args.js';

trace('cli: modules loaded');

async function main(): Promise<number> {
  let args: CheckArgs;
  try {
    args = parseCheckArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${t(langOf(process.argv.slice(2)), 'cli.check.usage')}\n`);
    return 2;
  }
  const lang = args.lang;
  if (args.version) {
    process.stdout.write(`tp-reseau-check ${toolVersion()}\n`);
    return 0;
  }
  if (args.help) {
    const { formatNames } = await import('../report/format-registry.js');
    process.stdout.write(t(lang, 'cli.check.help', { formats: formatNames().join(', ') }) + '\n');
    return 0;
  }
  // Head start, overlapping the loading of the lab and the checker's modules below: look for Python,
  // and create the namespaces of the check with the interpreter found last time (or as soon as one
  // is found). checkStudent gets the same answers (discovery is cached; runInNamespace takes the warm one).
  if (!args.explain) {
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
  }
  // The lab: --lab, the config's `lab`, or the built-in one; its exercises name the folders below.
  const { chooseLab, labLine } = await import('./lab-choice.js');
  const lab = await chooseLab(args.lab, args.config, lang);
  if (typeof lab === 'string') {
    process.stderr.write(lab + '\n');
    return 2;
  }
  if (!lab.builtIn && !args.dirGiven) args = { ...args, dir: lab.templateDir };
  if (!lab.builtIn && !args.json && !args.explain) process.stdout.write(labLine(lab, lang) + '\n');
  if (args.explain) {
    const { explain } = await import('./explain.js');
    return explain(args.explain, lang);
  }
  // An exercise folder given instead of the folder of exercises: that exercise, checked from its parent.
  const { resolveTarget } = await import('./target.js');
  const target = resolveTarget(args.dir, args.exercises, lang);
  if ('error' in target) {
    process.stderr.write(target.error + '\n');
    return 2;
  }
  const dir = target.dir;
  args = { ...args, exercises: target.exercises };
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
