// The results model: what a check run produces and every reporter consumes.
// This is the boundary between the runner (engine + checks) and the reporters; keep it stable
// (report.json publishes it, versioned by SCHEMA_VERSION).

// 2: status 'not-reached'; score.points and exercise points leave bonus out (bonusPoints apart).
export const SCHEMA_VERSION = 2;

/**
 * 'skip': not done (file missing), 0 points, in the maximum. 'not-reached': not verified because an
 * earlier step of the same run failed: 0 points, in the maximum, neither a pass nor a failure.
 * 'error': the checker's fault, out of the maximum.
 */
export type Status = 'pass' | 'fail' | 'timeout' | 'crash' | 'skip' | 'not-reached' | 'error';
export type Role = 'serveur' | 'client' | 'pair';
export type Lang = 'fr' | 'en';

/** One line of the exchange, in order. Actors are language-neutral ids: 'client', 'serveur', 'client2', 'checker'. */
export interface TranscriptEvent {
  /** when it happened: ms since the scenario started, on the clock every program shares (events are in this order) */
  at: number;
  kind:
    | 'message' // bytes on a TCP connection, from -> to
    | 'connect'
    | 'close'
    | 'listen'
    | 'stdin' // a line typed by the checker
    | 'stdout'
    | 'stderr'
    | 'blocked' // where the program was blocked when a wait ran out
    | 'exit'
    | 'note';
  from: string;
  to?: string;
  /** printable text; bytes that are not valid UTF-8 are shown as a Python bytes literal */
  text: string;
}

/** The note a flood leaves at the end of a transcript: `n` events were left out of the record. */
export function leftOutNote(n: number, at: number): TranscriptEvent {
  return { at, kind: 'note', from: 'checker', text: `… +${n}` };
}

/** How many events a note says were left out (leftOutNote), or undefined for another event. */
export function leftOutCount(e: TranscriptEvent): number | undefined {
  const m = e.kind === 'note' ? /^… \+(\d+)$/.exec(e.text) : null;
  return m ? Number(m[1]) : undefined;
}

/** Consecutive identical events (a print loop) as one run each, with how many there were. */
export function repeatRuns(events: TranscriptEvent[]): { event: TranscriptEvent; n: number }[] {
  const runs: { event: TranscriptEvent; n: number }[] = [];
  for (const e of events) {
    const last = runs.at(-1)?.event;
    if (last && e.kind !== 'note' && last.kind === e.kind && last.from === e.from && last.to === e.to && last.text === e.text) runs[runs.length - 1].n++;
    else runs.push({ event: e, n: 1 });
  }
  return runs;
}

export interface BlockedAt {
  call: string; // 'accept' | 'recv' | 'input' | 'connect' | 'select' | ...
  file: string; // the student's file name (basename)
  line: number;
  code?: string; // the source line
}

export interface CheckResult {
  id: string; // e.g. 'ex3.serveur-echo'
  role: Role;
  title: string; // in the report's language
  status: Status;
  points: number;
  maxPoints: number;
  bonus: boolean;
  /** one sentence: what happened (empty when passed) */
  message: string;
  /** how to fix it, for the classic mistakes (empty when none applies) */
  hint: string;
  hintKey?: string;
  expected?: string;
  seen?: string;
  traceback?: string;
  blocked?: BlockedAt;
  /** observed facts worth showing even on success (addresses and ports used, ...) */
  facts?: Record<string, string>;
  /** set when this check was not verified because an earlier step of the same run failed */
  notReachedBecause?: string;
  transcript: TranscriptEvent[];
  durationMs: number;
}

export interface ExerciseResult {
  id: string; // 'ex1'
  folder: string; // '1-meme-machine'
  title: string;
  checks: CheckResult[];
  /** points earned on the required checks (bonus left out) */
  points: number;
  maxPoints: number;
  /** bonus points earned, apart from `points` (set by the barème, src/report/score.ts) */
  bonusPoints?: number;
}

export interface Score {
  points: number; // points earned on required checks (bonus left out)
  max: number; // maximum of the required checks (checker errors left out)
  /** (points [+ bonusPoints when bonusInGrade]) / max * 20, rounded to the nearest 0.25, at most 20,
   *  at most 19.75 while below the maximum (src/report/score.ts) */
  on20: number;
  bonusPoints: number; // bonus points earned, reported apart
  /** the barème counted bonusPoints in on20 (config.bonusInGrade) */
  bonusInGrade: boolean;
}

export interface RunReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  student: string; // display name (folder or archive name)
  directory: string;
  lang: Lang;
  /** the interpreter that ran; `source` says how it was found ('--python', 'PYTHON', 'python3', 'py -3', 'thonny') */
  python?: { path: string; version: string; source?: string };
  /** how the student's processes were isolated: 'netns' (own network namespace) or 'module' (injected module only) */
  isolation: 'netns' | 'module';
  exercises: ExerciseResult[];
  score: Score;
  /** checker faults (status 'error'): never cost points, reported apart */
  errors: string[];
  /** set when the submission could not be read (archive refused, not a folder nor a zip): nothing
   *  was checked and there is no grade (blank in grades.csv); says why, for the teacher */
  ungraded?: string;
  startedAt: string; // ISO date
  durationMs: number;
}
