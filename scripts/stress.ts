// `npm run stress [-- --rounds 20 --jobs 4]`: grades the hostile corpus and the reference many times,
// in parallel, and reports verdict stability (the same verdict every round), time per case, and any
// process or listening port left behind. Exit code 1 on a verdict change or a leak.
// `npm run stress -- --verdicts N [--side-by-side K] [--spinners S]`: the whole corpus graded as one
// class N times, alone and side by side on a loaded machine (scripts/verdicts.ts).
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { checkStudent } from '../src/runner/check-student.js';
import { defaultConfig } from '../src/config/defaults.js';
import { packageRoot } from '../src/util/package-root.js';
import { findPython } from '../src/python/discover.js';
import { isolationMode, isolationProbe } from '../src/engine/isolation.js';
import { availableParallelism } from 'node:os';
import { verdictStability } from './verdicts.js';
import { descendants, gradeCase, listeningSockets, loadManifest, signature, type HostileCase } from './stress-lib.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    jobs: { type: 'string' },
    verdicts: { type: 'string' },
    'side-by-side': { type: 'string' },
    spinners: { type: 'string' },
  },
});
const rounds = Number(values.rounds ?? 20);
const jobs = Number(values.jobs ?? 4);

/** Checker faults seen (status 'error'), with their message: the first few, to say why. */
const errors: string[] = [];
function noteErrors(name: string, report: import('../src/model.js').RunReport): void {
  const e = report.exercises.flatMap((x) => x.checks).find((k) => k.status === 'error');
  if (e && errors.length < 10) errors.push(`${new Date().toISOString()} ${name}: ${e.message}`);
}

interface Job {
  name: string;
  run: () => Promise<{ sig: string; ms: number; ok: boolean }>;
}

const jobsList: Job[] = [
  ...loadManifest().map((c: HostileCase): Job => ({
    name: c.name,
    run: async () => {
      const r = await gradeCase(c);
      noteErrors(c.name, r.report);
      return { sig: signature(r.report), ms: r.ms, ok: r.check?.status === c.status && r.ms <= c.deadlineMs + 1000 };
    },
  })),
  {
    name: 'reference',
    run: async () => {
      const t0 = performance.now();
      const report = await checkStudent({ dir: join(packageRoot(), 'reference'), student: 'reference', lang: 'fr', config: defaultConfig() });
      noteErrors('reference', report);
      const ok = report.exercises.every((e) => e.checks.every((k) => k.status === 'pass'));
      return { sig: signature(report), ms: Math.round(performance.now() - t0), ok };
    },
  },
];

async function main(): Promise<number> {
  const python = await findPython();
  const mode = await isolationMode(python.path);
  const probe = await isolationProbe(python.path);
  console.log(`isolation: ${mode} (namespace probe: ${probe.ok ? 'ok' : `unavailable: ${probe.reason}`}, ${probe.ms} ms)`);
  console.log(`${rounds} rounds × ${jobsList.length} cases, ${jobs} at a time`);
  const sigs = new Map<string, Map<string, number>>();
  const times = new Map<string, number[]>();
  const unexpected = new Map<string, number>();
  const leaks: string[] = [];
  const baseline = listeningSockets();
  const t0 = performance.now();
  for (let round = 1; round <= rounds; round++) {
    const queue = [...jobsList];
    await Promise.all(Array.from({ length: jobs }, async () => {
      for (let j = queue.shift(); j; j = queue.shift()) {
        const r = await j.run();
        const m = sigs.get(j.name) ?? new Map<string, number>();
        m.set(r.sig, (m.get(r.sig) ?? 0) + 1);
        sigs.set(j.name, m);
        times.set(j.name, [...(times.get(j.name) ?? []), r.ms]);
        if (!r.ok) unexpected.set(j.name, (unexpected.get(j.name) ?? 0) + 1);
      }
    }));
    const procs = descendants();
    const ports = listeningSockets().filter((s) => !baseline.includes(s));
    if (procs.length) leaks.push(`round ${round}: processes ${procs.map((p) => `${p.pid} ${p.cmd}`).join('; ')}`);
    // 'module' mode: this process's report hub listens once for the whole run
    if (ports.length > (mode === 'module' ? 1 : 0)) leaks.push(`round ${round}: listening ${ports.join(', ')}`);
    process.stdout.write(`round ${round}/${rounds} done (${Math.round((performance.now() - t0) / 1000)} s)\n`);
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  console.log('\ncase                       verdicts  unexpected  min    median  p95    max (ms)');
  let changes = 0;
  for (const j of jobsList) {
    const v = sigs.get(j.name)!.size;
    if (v > 1) changes++;
    const ts = times.get(j.name)!;
    console.log(`${j.name.padEnd(26)} ${String(v).padStart(8)}  ${String(unexpected.get(j.name) ?? 0).padStart(10)}  ${[Math.min(...ts), pct(ts, 0.5), pct(ts, 0.95), Math.max(...ts)].map((x) => String(x).padStart(6)).join(' ')}`);
    if (v > 1) for (const [s, n] of sigs.get(j.name)!) console.log(`    ${n}× ${s}`);
  }
  const bad = [...unexpected.values()].reduce((a, b) => a + b, 0);
  console.log(`\nverdict changes: ${changes}; unexpected verdicts or overtime: ${bad}; leaks: ${leaks.length}; total ${Math.round((performance.now() - t0) / 1000)} s`);
  for (const l of leaks) console.log(`  ${l}`);
  for (const e of errors) console.log(`  checker fault: ${e}`);
  return changes || bad || leaks.length ? 1 : 0;
}

const entry = values.verdicts
  ? () =>
      verdictStability({
        runs: Number(values.verdicts),
        sideBySide: Number(values['side-by-side'] ?? 2),
        spinners: Number(values.spinners ?? availableParallelism()),
      })
  : main;

entry().then((code) => process.exit(code), (e: unknown) => {
  console.error(e);
  process.exit(3);
});
