// The hostile corpus (test/hostile/): grading one case, and the leak checks shared by the vitest
// suite (test/hostile/hostile.test.ts) and `npm run stress` (scripts/stress.ts).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckResult, Lang, RunReport } from '../src/model.js';
import type { Limits } from '../src/engine/isolation.js';
import { checkStudent } from '../src/runner/check-student.js';
import { defaultConfig } from '../src/config/defaults.js';
import { packageRoot } from '../src/util/package-root.js';

export interface HostileCase {
  /** folder under test/hostile/cases/ */
  name: string;
  /** what the case does, in one line */
  what: string;
  exercise: string;
  /** the check whose verdict names what happened */
  check: string;
  status: CheckResult['status'];
  /** message key (i18n) of the expected verdict, when it is a fixed message */
  messageKey?: string;
  /** a regular expression the French message must match */
  message: string;
  /** expected hint key ('' for none; absent: not asserted) */
  hint?: string;
  /** the whole check of this student ends within this many ms */
  deadlineMs: number;
  /** limits over DEFAULT_LIMITS (e.g. a CPU limit a deadline would never reach) */
  limits?: Limits;
  /** deadlines scaled (e.g. so that a CPU limit is reached first, even on a loaded machine) */
  timeFactor?: number;
  /** only meaningful with a network namespace (the module alone does not stop it) */
  netnsOnly?: boolean;
}

export const CORPUS = (): string => join(packageRoot(), 'test', 'hostile', 'cases');

export function loadManifest(): HostileCase[] {
  return JSON.parse(readFileSync(join(packageRoot(), 'test', 'hostile', 'manifest.json'), 'utf8')) as HostileCase[];
}

export interface CaseRun {
  report: RunReport;
  ms: number;
  check?: CheckResult;
}

export async function gradeCase(c: HostileCase, lang: Lang = 'fr'): Promise<CaseRun> {
  const t0 = performance.now();
  const report = await checkStudent({
    dir: join(CORPUS(), c.name),
    student: c.name,
    exercises: [c.exercise],
    lang,
    config: { ...defaultConfig(), ...(c.timeFactor ? { timeFactor: c.timeFactor } : {}) },
    limits: c.limits,
  });
  const ms = Math.round(performance.now() - t0);
  const check = report.exercises.flatMap((e) => e.checks).find((k) => k.id === c.check);
  return { report, ms, check };
}

/** A one-line signature of a verdict: what must be identical from one run to the next. */
export function signature(r: RunReport): string {
  return r.exercises.flatMap((e) => e.checks.map((k) => `${k.id}=${k.status}${k.hintKey ? `/${k.hintKey}` : ''}`)).join(' ');
}

/** The content hash of a folder (paths and bytes), to prove the student's files were not changed. */
export function hashDir(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      h.update(relative(dir, p) + '\0' + st.mode + '\0');
      if (st.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

// ---- leaks (Linux /proc) ----------------------------------------------------------------------

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...: comm may hold spaces and parentheses
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Processes that descend from `root` (default: this process), with their command lines. */
export function descendants(root = process.pid): { pid: number; cmd: string }[] {
  if (process.platform !== 'linux') return [];
  const out: { pid: number; cmd: string }[] = [];
  for (const pid of allPids()) {
    if (pid === root) continue;
    let p: number | undefined = pid;
    for (let i = 0; i < 64 && p && p > 1; i++) {
      p = parentOf(p);
      if (p === root) {
        let cmd = '';
        try {
          cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
        } catch {
          // gone meanwhile
        }
        // a zombie being reaped, or a process gone since the scan, holds nothing
        if (cmd) out.push({ pid, cmd });
        break;
      }
    }
  }
  return out;
}

/** Socket inodes in LISTEN state in this network namespace (TCP, v4 and v6). */
function listeningInodes(): Set<string> {
  const set = new Set<string>();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') set.add(cols[9]);
    }
  }
  return set;
}

/** Listening TCP sockets held by `pids` (default: this process and its descendants). */
export function listeningSockets(pids: number[] = [process.pid, ...descendants().map((d) => d.pid)]): string[] {
  if (process.platform !== 'linux') return [];
  const listening = listeningInodes();
  const out: string[] = [];
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && listening.has(m[1])) out.push(`${pid}:${m[1]}`);
      } catch {
        // closed meanwhile
      }
    }
  }
  return out;
}
