// `npm run check -- --watch`: check everything once, then re-run the checks of the exercise whose
// file was saved (coalescing the bursts of events an editor makes on save), clear the screen and
// show the new result. Ctrl+C (or `q` then Enter) stops; nothing is left running: every process the
// checks start is tracked by the engine and killed on exit, and the runs' temporary copies live in
// one session folder removed on exit.
import { watch as fsWatch, existsSync, mkdtempSync, rmSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pc from 'picocolors';
import type { ExerciseResult, Lang, RunReport } from '../model.js';
import type { CheckArgs } from './check-cli.js';
import type { Config } from '../config/types.js';
import type { ExerciseDef } from '../runner/types.js';
import { t } from '../i18n/index.js';
import { loadConfig, ConfigError } from '../config/load.js';
import { exerciseNames } from '../config/defaults.js';
import { checkStudent, selectExercises } from '../runner/check-student.js';
import { activeLab } from '../lab/active.js';
import { closeResidentNamespace } from '../sandbox/netns.js';
import { findPython, PythonNotFoundError, type PythonInfo } from '../python/discover.js';
import { renderExercise, fmt, bonusMark } from '../report/terminal.js';
import { rescoreReport } from '../report/score.js';
import { pythonNotFoundMessage, pythonUsedMessage } from '../python/messages.js';

/** Bounded delay that coalesces the several events of one save (write, rename, chmod...). */
export const DEBOUNCE_MS = 120;

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

/** Which exercise a changed path (relative to the watched folder) belongs to; only .py files count. */
export function exerciseOfChange(rel: string, defs: readonly ExerciseDef[]): ExerciseDef | undefined {
  const parts = rel.split(/[\\/]+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const file = parts[parts.length - 1];
  if (!/\.py$/i.test(file) || parts.includes('__pycache__') || file.startsWith('.')) return undefined;
  return defs.find((d) => d.folder === parts[0]);
}

/** fs.watch's recursive mode is native on macOS and Windows; elsewhere watch each exercise folder. */
export function recursiveWatchSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/**
 * Collects changed files and calls `flush` once per burst: `delay` ms after the last change.
 * The timer bounds a coalescing delay; nothing waits on it for something to happen.
 */
export class Debouncer {
  private timer?: NodeJS.Timeout;
  private readonly pending = new Map<string, string>(); // exercise id -> last file saved

  constructor(private readonly delay: number, private readonly flush: (changes: Map<string, string>) => void) {}

  add(exercise: string, file: string): void {
    this.pending.set(exercise, file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changes = new Map(this.pending);
      this.pending.clear();
      this.flush(changes);
    }, this.delay);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}

/** Watches the student's exercise folders and reports saved .py files by exercise. */
class FolderWatcher {
  private watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly dir: string,
    private readonly defs: readonly ExerciseDef[],
    private readonly onChange: (def: ExerciseDef, rel: string) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  start(): void {
    if (recursiveWatchSupported(this.platform)) {
      this.add('', { recursive: true }, (rel) => rel);
      return;
    }
    // The root, non-recursive: a folder created (or replaced) later gets its own watcher.
    this.add('', {}, (rel) => {
      this.attachFolders();
      return rel;
    });
    this.attachFolders();
  }

  private attachFolders(): void {
    for (const d of this.defs) {
      const key = d.folder;
      if (this.watchers.has(key) || !existsSync(path.join(this.dir, key))) continue;
      this.add(key, {}, (rel) => `${key}/${rel}`);
    }
  }

  private add(key: string, opts: { recursive?: boolean }, toRel: (name: string) => string): void {
    try {
      const w = fsWatch(path.join(this.dir, key), { ...opts, persistent: true }, (_event, name) => {
        if (!name) return;
        const rel = toRel(String(name));
        const def = exerciseOfChange(rel, this.defs);
        if (def) this.onChange(def, rel);
      });
      w.on('error', () => {
        // the folder was removed or renamed: forget it; the root watcher re-attaches it when it is back
        w.close();
        this.watchers.delete(key);
      });
      this.watchers.set(key, w);
    } catch {
      // folder missing: attached later by the root watcher
    }
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

export interface WatchOptions {
  out?: (s: string) => void;
  /** clear the screen before each result (default: when stdout is a terminal) */
  clear?: boolean;
  debounceMs?: number;
  platform?: NodeJS.Platform;
}

/** The merged picture: the last result of every exercise, scored under the barème. */
function mergedReport(base: RunReport, results: Map<string, ExerciseResult>, defs: readonly ExerciseDef[], config: Config): RunReport {
  const exercises = defs.map((d) => results.get(d.id)).filter((e): e is ExerciseResult => !!e);
  return rescoreReport({ ...base, exercises }, config);
}

export function summaryLine(lang: Lang, ex: ExerciseResult): string {
  const counted = ex.checks.filter((c) => !c.bonus);
  const ok = counted.every((c) => c.status === 'pass');
  const mark = ex.checks.every((c) => c.status === 'skip') ? pc.dim('–') : ok ? pc.green('✓') : pc.red('✗');
  return `  ${mark} ${ex.folder} · ${ex.title}  ${pc.dim(`${fmt(ex.points, lang)}/${fmt(ex.maxPoints, lang)}${bonusMark(lang, ex.bonusPoints ?? 0)}`)}`;
}

export function scoreLine(lang: Lang, report: RunReport): string {
  const all = report.exercises.flatMap((e) => e.checks).filter((c) => !c.bonus);
  const passed = all.filter((c) => c.status === 'pass').length;
  const s = report.score;
  const line = t(lang, 'term.score', { points: fmt(s.points, lang), max: fmt(s.max, lang), on20: fmt(s.on20, lang), passed, total: all.length }) + bonusMark(lang, s.bonusPoints);
  return pc.bold(passed === all.length ? pc.green(line) : line);
}

/** Watch mode. Resolves with the exit code when the student quits with `q`; Ctrl+C exits directly. */
export async function watchChecks(args: CheckArgs, dir: string, opts: WatchOptions = {}): Promise<number> {
  const lang = args.lang;
  const out = opts.out ?? ((s: string) => void process.stdout.write(s));
  const clear = opts.clear ?? !!process.stdout.isTTY;
  const err = (s: string) => void process.stderr.write(s + '\n');

  let config: Config;
  let python: PythonInfo;
  let defs: ExerciseDef[];
  try {
    ({ config } = await loadConfig({ file: args.config, lang, overrides: args.timeFactor ? { timeFactor: args.timeFactor } : {} }));
    python = await findPython(args.python);
    defs = selectExercises(await activeLab(), args.exercises ?? config.exercises);
  } catch (e) {
    if (e instanceof PythonNotFoundError) err(pythonNotFoundMessage(lang, e));
    else if (e instanceof ConfigError) err(e.message);
    else if (e instanceof Error && e.message.startsWith('unknown exercise')) err(t(lang, 'cli.unknown-exercise', { id: e.message.slice(18), ...exerciseNames() }));
    else throw e;
    return 2;
  }

  // Every run's temporary copy goes into one session folder, removed on any exit (Ctrl+C included).
  const session = mkdtempSync(path.join(tmpdir(), 'tp-reseau-watch-'));
  for (const k of ['TMPDIR', 'TMP', 'TEMP']) process.env[k] = session;
  const cleanup = () => rmSync(session, { recursive: true, force: true, maxRetries: 3 });
  process.once('exit', cleanup);

  const results = new Map<string, ExerciseResult>();
  let base: RunReport | undefined;

  const render = (report: RunReport, rerun: string[], saved: Map<string, string> | undefined, seconds: number) => {
    for (const ex of report.exercises) results.set(ex.id, ex);
    base = report;
    const merged = mergedReport(base, results, defs, config);
    const lines: string[] = [];
    lines.push(pc.bold(t(lang, 'cli.watch.start', { dir })));
    lines.push(pc.dim(pythonUsedMessage(lang, python, opts.platform ?? process.platform)));
    lines.push('');
    for (const [id, file] of saved ?? []) {
      const def = defs.find((d) => d.id === id);
      lines.push(pc.cyan(t(lang, 'cli.watch.saved', { file, exercise: def?.folder ?? id })));
    }
    if (saved?.size) lines.push('');
    for (const ex of merged.exercises.filter((e) => rerun.includes(e.id))) lines.push(renderExercise(lang, ex), '');
    const others = merged.exercises.filter((e) => !rerun.includes(e.id));
    if (others.length) {
      lines.push(pc.dim(t(lang, 'cli.watch.others')));
      for (const ex of others) lines.push(summaryLine(lang, ex));
      lines.push('');
    }
    lines.push(scoreLine(lang, merged));
    lines.push(pc.dim(t(lang, 'cli.watch.done', { seconds: fmt(Math.round(seconds * 10) / 10, lang) })));
    out((clear ? CLEAR : '\n') + lines.join('\n') + '\n');
  };

  let running: Promise<void> | undefined;
  let queued = new Map<string, string>();
  let stopped = false;

  const runOnce = async (ids: string[], saved: Map<string, string> | undefined, since: number) => {
    try {
      // the namespace of one run serves the next (same student): a re-check skips creating it
      const report = await checkStudent({ dir, exercises: ids, lang, python: args.python, config, reuseNamespace: true });
      if (!stopped) render(report, ids, saved, (performance.now() - since) / 1000);
    } catch (e) {
      if (!stopped) out(t(lang, 'cli.watch.failed', { error: e instanceof Error ? e.message : String(e) }) + '\n');
    }
  };

  // One run at a time; saves made during a run are checked right after it, together.
  let firstSaveAt = 0;
  const pump = () => {
    if (running || stopped || queued.size === 0) return;
    const saved = queued;
    queued = new Map();
    const since = firstSaveAt;
    firstSaveAt = 0;
    running = runOnce([...saved.keys()], saved, since).finally(() => {
      running = undefined;
      pump();
    });
  };
  const debouncer = new Debouncer(opts.debounceMs ?? DEBOUNCE_MS, (changes) => {
    for (const [id, file] of changes) queued.set(id, file);
    pump();
  });

  const watcher = new FolderWatcher(dir, defs, (def, rel) => {
    firstSaveAt ||= performance.now();
    debouncer.add(def.id, rel.replace(/\\/g, '/'));
  }, opts.platform ?? process.platform);
  watcher.start();

  running = runOnce(defs.map((d) => d.id), undefined, performance.now()).finally(() => {
    running = undefined;
    pump();
  });

  // `q` then Enter quits cleanly (works in every terminal, and where Ctrl+C cannot be sent).
  return new Promise<number>((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    rl.on('line', async (line) => {
      if (!/^\s*q(uit)?\s*$/i.test(line) || stopped) return;
      stopped = true;
      rl.close();
      process.stdin.destroy();
      debouncer.cancel();
      watcher.close();
      await running;
      await closeResidentNamespace();
      out(t(lang, 'cli.watch.stopped') + '\n');
      cleanup();
      process.removeListener('exit', cleanup);
      resolve(0);
    });
    // Ctrl+C: the engine's signal handler kills every started process and exits; say so first.
    process.prependOnceListener('SIGINT', () => {
      stopped = true;
      process.stdout.write('\n' + t(lang, 'cli.watch.stopped') + '\n');
    });
  });
}
