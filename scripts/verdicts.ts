// `npm run stress -- --verdicts N [--side-by-side K] [--spinners S]`
//
// Verdict stability of the whole corpus, graded as one class the way a teacher grades
// (`npm run grade`, a subprocess): test/corpus/correct/*, test/corpus/buggy/* and reference/, each
// a student. N gradings in all, in rounds: a round grades the class alone, then K gradings of it
// side by side while S spinning processes hold every core (default K = 2, S = cores). Every
// (student, check) verdict (status and hint) must be the same in every grading; every transcript
// must be in causal order (test/checks/causal-order.ts). Prints each change; exit 1 if any.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/package-root.js';
import type { RunReport } from '../src/model.js';
import { causalProblems } from './causal-order.js';

export interface VerdictOptions {
  runs: number;
  sideBySide: number;
  spinners: number;
}

const ROOT = packageRoot();
const GRADE = join(ROOT, 'dist', 'src', 'cli', 'grade.js');

/** The corpus as one class folder: one entry per student (a copy: grading never writes there anyway). */
function buildClass(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tprc-verdicts-'));
  const cls = join(dir, 'classe');
  mkdirSync(cls);
  for (const kind of ['correct', 'buggy']) {
    const base = join(ROOT, 'test', 'corpus', kind);
    for (const name of readdirSync(base, { withFileTypes: true })) {
      if (name.isDirectory()) cpSync(join(base, name.name), join(cls, `${kind}-${name.name}`), { recursive: true });
    }
  }
  cpSync(join(ROOT, 'reference'), join(cls, 'reference'), { recursive: true });
  return dir;
}

/** One grading of the class by the grade CLI; resolves with its reports. */
function grade(classDir: string, out: string): Promise<RunReport[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GRADE, classDir, '--out', out, '--formats', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`grade exited ${code}: ${err.slice(-2000)}`));
      resolve((JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { students: RunReport[] }).students);
    });
  });
}

/** S processes that keep the cores busy until stopped. */
function spin(n: number): () => void {
  const kids = Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return () => kids.forEach((k) => k.kill('SIGKILL'));
}

interface Tally {
  /** (student check) -> verdict -> gradings */
  verdicts: Map<string, Map<string, number>>;
  causal: string[];
  gradings: number;
}

function record(t: Tally, reports: RunReport[], label: string): void {
  t.gradings++;
  for (const r of reports) {
    const seen = new Set<unknown>();
    for (const ex of r.exercises) {
      for (const c of ex.checks) {
        const key = `${r.student} ${c.id}`;
        const v = `${c.status}${c.hintKey ? '/' + c.hintKey : ''}`;
        const m = t.verdicts.get(key) ?? new Map<string, number>();
        m.set(v, (m.get(v) ?? 0) + 1);
        t.verdicts.set(key, m);
        if (seen.has(c.transcript)) continue;
        seen.add(c.transcript);
        for (const p of causalProblems(c.transcript)) t.causal.push(`${label} ${r.student} ${c.id}: ${p}`);
      }
    }
  }
}

export async function verdictStability(o: VerdictOptions): Promise<number> {
  const dir = buildClass();
  const cls = join(dir, 'classe');
  const students = readdirSync(cls).length;
  const tally: Tally = { verdicts: new Map(), causal: [], gradings: 0 };
  const t0 = performance.now();
  console.log(`verdicts: ${students} students, ${o.runs} gradings (alone, then ${o.sideBySide} side by side with ${o.spinners} spinning processes), ${availableParallelism()} cores`);
  try {
    let n = 0;
    while (n < o.runs) {
      const t1 = performance.now();
      record(tally, await grade(cls, join(dir, `out-${n}`)), `#${n + 1} alone`);
      console.log(`  #${++n} alone: ${Math.round(performance.now() - t1)} ms`);
      if (n >= o.runs) break;
      const k = Math.min(o.sideBySide, o.runs - n);
      const stop = spin(o.spinners);
      const t2 = performance.now();
      try {
        const all = await Promise.all(Array.from({ length: k }, (_, i) => grade(cls, join(dir, `out-${n + i}`))));
        all.forEach((reports, i) => record(tally, reports, `#${n + i + 1} side by side`));
      } finally {
        stop();
      }
      console.log(`  #${n + 1}–#${n + k} side by side, loaded: ${Math.round(performance.now() - t2)} ms`);
      n += k;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const changed = [...tally.verdicts].filter(([, m]) => m.size > 1);
  console.log(`\n${tally.gradings} gradings of ${students} students, ${tally.verdicts.size} (student, check) pairs: ${changed.length} verdict changes; ${tally.causal.length} transcripts out of causal order; ${Math.round((performance.now() - t0) / 1000)} s`);
  for (const [key, m] of changed) console.log(`  ${key}: ${[...m].map(([v, c]) => `${c}× ${v}`).join(', ')}`);
  for (const p of tally.causal.slice(0, 20)) console.log(`  causal: ${p}`);
  return changed.length || tally.causal.length ? 1 : 0;
}
