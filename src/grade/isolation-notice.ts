// `grade` says which isolation the programs run behind, before it starts (terminal) and in every
// report (a note per student, rendered by the csv, html and json writers; junit, gradescope and the
// GitHub summary add it themselves, src/report/isolation-warning.ts). `check` says nothing: a
// student checking their own work risks only their own files.
import type { Lang, RunReport } from '../model.js';
import type { SubmissionInfo } from '../report/types.js';
import { isolationMode, type IsolationMode } from '../engine/isolation.js';
import { isolationWarning } from '../report/isolation-warning.js';

/** Probes the namespaces (one start, ~50 ms) and warns on stderr when programs would run behind the module alone. */
export async function warnAboutIsolation(python: string, lang: Lang): Promise<IsolationMode> {
  // a grading run must not run programs outside the wall when the namespaces work (tprc_forkserver_wall.py)
  process.env.TPRC_WALL_REQUIRED = '1';
  const mode = await isolationMode(python).catch(() => 'module' as const);
  const warning = isolationWarning({ isolation: mode }, lang);
  if (warning) process.stderr.write(`⚠ ${warning}\n`);
  return mode;
}

/** Adds the warning to the notes of every student checked behind the module alone (and says it once more). */
export function noteIsolation(graded: { reports: RunReport[]; submissions: Record<string, SubmissionInfo> }, lang: Lang, before: IsolationMode): void {
  let warned = before === 'module';
  for (const r of graded.reports) {
    const warning = isolationWarning(r, lang);
    if (!warning) continue;
    (graded.submissions[r.student] ??= { id: r.student, name: r.student, source: 'folder', notes: [] }).notes.push(warning);
    if (!warned) process.stderr.write(`⚠ ${warning}\n`);
    warned = true;
  }
}
