// The hostile corpus: every broken or hostile submission ends in its expected verdict, within its
// deadline, leaving no process, no listening port, and the student's folder unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, descendants, gradeCase, hashDir, listeningSockets, loadManifest, type CaseRun, type HostileCase } from '../../scripts/stress-lib.js';
import { isolationMode } from '../../src/engine/isolation.js';
import { findPython } from '../../src/python/discover.js';
import { t } from '../../src/i18n/index.js';
import { loadMeter } from '../../src/util/load.js';

const CANARY = 'tprc-canary-9f3a1c';
const cases = loadManifest();
const runs = new Map<string, CaseRun & { stretch: number }>();
const hashes = new Map<string, string>();
let mode: 'netns' | 'module' = 'module';
let listeningBefore: string[] = [];

/** Run `fn` over `items`, `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
  }));
}

/**
 * A case's run, with the machine's slowness while it ran: the checker's deadlines stretch with the
 * load (src/util/load.ts, at most MAX_STRETCH times), and all its other work (starting programs,
 * copying files) is that much slower too, so the bound follows the slowness (at most 10 times).
 */
async function measured(grade: () => Promise<CaseRun>): Promise<CaseRun & { stretch: number }> {
  const start = performance.now();
  const stalledBefore = cpuStalledMs();
  loadMeter.begin();
  try {
    const run = await grade();
    const elapsed = performance.now() - start;
    // The checker's deadlines stretch with the waiting of the programs under test, which run out of
    // this process's sight (in their namespace): the machine's CPU pressure (Linux PSI: the share of
    // the time some task waited for a CPU) says how loaded it was; elsewhere this process's meter.
    const stalled = stalledBefore === undefined ? undefined : (cpuStalledMs() ?? stalledBefore) - stalledBefore;
    const slowness = stalled === undefined ? loadMeter.slownessSince(start) : elapsed / Math.max(elapsed - stalled, elapsed / 10);
    return { ...run, stretch: Math.min(10, Math.max(1, slowness)) };
  } finally {
    loadMeter.end();
  }
}

/** ms during which at least one task waited for a CPU, since boot (/proc/pressure/cpu), if known. */
function cpuStalledMs(): number | undefined {
  try {
    const some = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) / 1000 : undefined;
  } catch {
    return undefined;
  }
}

// Longest first: the pool finishes sooner.
const byLength = (a: HostileCase, b: HostileCase) => b.deadlineMs - a.deadlineMs;

beforeAll(async () => {
  process.env.TPRC_CANARY_SECRET = CANARY; // the student's program must never see the checker's environment
  mode = await isolationMode((await findPython()).path);
  listeningBefore = listeningSockets();
  for (const c of cases) hashes.set(c.name, hashDir(join(CORPUS(), c.name)));
  await pool([...cases].sort(byLength), 6, async (c) => {
    runs.set(c.name, await measured(() => gradeCase(c)));
  });
}, 120_000);

afterAll(() => {
  delete process.env.TPRC_CANARY_SECRET;
});

describe(`hostile corpus`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const run = runs.get(name)!;
    expect(run, 'graded').toBeDefined();
    expect(run.report.isolation).toBe(mode);
    const check = run.check!;
    expect(check, `check ${c.check}`).toBeDefined();
    if (!(c.netnsOnly && mode !== 'netns')) {
      expect({ status: check.status, message: check.message }).toMatchObject({ status: c.status });
      expect(check.message).toMatch(new RegExp(c.message));
      if (c.hint !== undefined) expect(check.hintKey ?? '').toBe(c.hint);
    }
    // bounded: the whole check of this student ends within the case's deadline (stretched by the
    // machine's load while it ran, as the checker's deadlines are) plus 1 s
    expect(run.ms).toBeLessThanOrEqual(c.deadlineMs * run.stretch + 1000);
    // the student's files are never changed (every run works on a temporary copy)
    expect(hashDir(join(CORPUS(), name))).toBe(hashes.get(name));
    // the checker's environment never reaches the student's program
    expect(JSON.stringify(run.report)).not.toContain(CANARY);
  });

  it('leaves no process and no listening port behind', () => {
    expect(descendants()).toEqual([]);
    const after = listeningSockets();
    // in 'module' mode, the report hub of this process listens once (for the whole run)
    expect(after.filter((s) => !listeningBefore.includes(s)).length).toBeLessThanOrEqual(mode === 'module' ? 1 : 0);
  });

  it('says which isolation ran: a network namespace on Linux where unprivileged user namespaces work', () => {
    if (process.platform !== 'linux') expect(mode).toBe('module');
    else expect(['netns', 'module']).toContain(mode);
  });
});

describe('fallback to the injected module alone (TPRC_ISOLATION=module)', () => {
  const names = ['boucle-fork', 'sous-processus', 'environnement-et-parent', 'hors-boucle-locale', 'flot-stdout', 'ecrit-ses-fichiers'];
  const picked = cases.filter((c) => names.includes(c.name));
  const moduleRuns = new Map<string, CaseRun & { stretch: number }>();

  beforeAll(async () => {
    process.env.TPRC_ISOLATION = 'module';
    process.env.TPRC_CANARY_SECRET = CANARY;
    try {
      await pool(picked, 6, async (c) => {
        moduleRuns.set(c.name, await measured(() => gradeCase(c, c.name === 'flot-stdout' ? 'en' : 'fr')));
      });
    } finally {
      delete process.env.TPRC_ISOLATION;
      delete process.env.TPRC_CANARY_SECRET;
    }
  }, 60_000);

  it.each(picked.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const run = moduleRuns.get(name)!;
    expect(run.report.isolation).toBe('module');
    expect(run.check!.status).toBe(c.status);
    if (run.report.lang === 'fr') expect(run.check!.message).toMatch(new RegExp(c.message));
    else expect(run.check!.message).toMatch(/prints without end/); // the English run is the flood case
    expect(run.ms).toBeLessThanOrEqual(c.deadlineMs * run.stretch + 1000);
    expect(hashDir(join(CORPUS(), name))).toBe(hashes.get(name));
    expect(JSON.stringify(run.report)).not.toContain(CANARY);
  });

  it('leaves no process behind either', () => {
    expect(descendants()).toEqual([]);
  });
});

describe('messages', () => {
  it('has every hostile key in French and English', () => {
    for (const key of ['hostile.check-deadline', 'hostile.check-died', 'hint.limit-cpu', 'hint.limit-forks', 'hint.checker-stopped']) {
      expect(t('fr', key)).not.toBe(key);
      expect(t('en', key)).not.toBe(key);
      expect(t('en', key)).not.toBe(t('fr', key));
    }
  });
});
