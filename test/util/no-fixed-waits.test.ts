// The project waits on events with deadlines, never a fixed time "to let something happen".
// Every timer in src/ is listed here with why it is bounded; any other one fails this test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';

const ROOT = packageRoot();
const TIMER = /\b(setTimeout|setInterval|setImmediate)\s*\(|\bsleep\s*\(/;

/** file -> exact trimmed source lines allowed, each with the reason it is not a fixed wait. */
const ALLOWED: Record<string, [line: string, why: string][]> = {
  'src/util/wait.ts': [
    ['timer = setTimeout(due, ms);', 'the deadline of every wait (withDeadline); cleared when the awaited thing settles'],
    ['else timer = setTimeout(due, left);', 'the same deadline, stretched by the load measured during the wait (bounded by MAX_STRETCH)'],
  ],
  'src/util/load.ts': [
    ['this.timer = setInterval(() => this.sample(), SAMPLE_MS);', 'samples the machine load while a deadline is pending; unref, nothing waits on it'],
  ],
  'src/engine/python-run.ts': [
    ['this.graceTimer = setTimeout(() => {', 'deadline: after an exit, bounds the wait for a late report channel (start-up bound) or for a channel and output held open by a grandchild'],
  ],
  'src/cli/watch.ts': [
    ['this.timer = setTimeout(() => {', 'debounce of file saves in --watch: coalesces a burst, nothing waits on it'],
  ],
  'src/cli/grade.ts': [
    ["setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 3000).unref();", 'upper bound on a clean stop after Ctrl-C; unref: never delays an exit'],
  ],
  'src/grade/worker-check.ts': [
    ["killer = setTimeout(() => finish(false, () => reject(new Error('checker did not stop after abort'))), graceMs);", 'deadline for a worker to stop after abort'],
    ['const timer = setTimeout(finish, graceMs);', 'deadline for a worker to end its namespace when grading is over'],
  ],
  'src/grade/grade-class.ts': [
    ['timer = setTimeout(() => {', "a student's total time budget (watchdog)"],
    ["timer = setTimeout(() => resolve(errorReport(sub.student, prepared.dir, lang, t(lang, 'report.grade.timeout', { seconds: Math.round(budgetS) }), opts.tool)), opts.graceMs ?? 5000);", 'grace deadline after the budget ran out'],
  ],
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|mjs|cjs|py)$/.test(entry.name)) out.push(p);
  }
  return out;
}

describe('no fixed waits in src/', () => {
  it('every timer or sleep is a listed deadline or bounded use', () => {
    const found: Record<string, string[]> = {};
    for (const file of sources(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .forEach((line) => {
          if (TIMER.test(line)) (found[rel] ??= []).push(line.trim());
        });
    }
    const unexpected: string[] = [];
    const stale: string[] = [];
    for (const [file, lines] of Object.entries(found)) {
      const allowed = (ALLOWED[file] ?? []).map(([l]) => l);
      for (const l of lines) if (!allowed.includes(l)) unexpected.push(`${file}: ${l}`);
    }
    for (const [file, entries] of Object.entries(ALLOWED)) {
      for (const [l] of entries) if (!(found[file] ?? []).includes(l)) stale.push(`${file}: ${l}`);
    }
    expect(unexpected, 'a timer or sleep that is not a listed deadline: wait on an event with a deadline (src/util/wait.ts) instead, or list it here with why it is bounded').toEqual([]);
    expect(stale, 'listed but no longer in src/: remove it from ALLOWED').toEqual([]);
  });

  it('the injected module never sleeps', () => {
    const boot = readFileSync(join(ROOT, 'src/python/inject/tprc_boot.py'), 'utf8');
    expect(boot).not.toMatch(/\bsleep\s*\(/);
  });
});
