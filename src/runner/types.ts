// The API a check module (checks/*.ts) is written against: what to send, what to expect, how to
// explain a failure. No process plumbing here: the ScenarioContext hides spawning, ports and kills.
import type { Role, Status, Lang } from '../model.js';
import type { Config } from '../config/types.js';
import type { Msg, Params } from '../i18n/index.js';
import type { PythonRun } from '../engine/python-run.js';
import type { Transcript } from '../engine/transcript.js';
import type { Connection } from '../peers/connection.js';
import type { FakeServer } from '../peers/fake-server.js';

export type StudentFile = 'serveur.py' | 'client.py';

export interface CheckDef {
  id: string;
  role: Role;
  points: number;
  /** beyond what the lab asks: earns extra points, never makes a submission fail */
  bonus?: boolean;
}

/** A scenario runs the student's program(s) once and decides several checks, in order. */
export interface ScenarioDef {
  name: string;
  /** the checks it decides, in the order it decides them */
  checks: string[];
  files: StudentFile[];
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ExerciseDef {
  id: string; // 'ex1'
  folder: string; // '1-meme-machine'
  checks: CheckDef[];
  scenarios: ScenarioDef[];
}

/** Why a check failed, as data; rendered in the report's language by the runner. */
export interface Failure {
  status?: Exclude<Status, 'pass' | 'skip'>;
  message: Msg;
  hint?: string; // hint key, see docs/checks.md
  hintParams?: Params;
  expected?: string;
  seen?: string;
  /** show where the program is blocked even though no wait ran out (e.g. asking input() too early) */
  showBlocked?: boolean;
  /** this diagnosis already explains the program's exception (else the exception's own diagnosis wins) */
  explainsCrash?: boolean;
}

/** Thrown inside a step to fail its check with a precise diagnosis. */
export class CheckFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message.key);
    this.name = 'CheckFailure';
  }
}

export function failure(key: string, params?: Params, extra: Omit<Failure, 'message'> = {}): CheckFailure {
  return new CheckFailure({ message: { key, params }, ...extra });
}

export interface StartOptions {
  /** actor id in the transcript (default: 'serveur' / 'client') */
  actor?: string;
  /** where the program's connect() goes: requested port -> real port, '*' for any */
  connect?: Record<string, number>;
  /** lines typed when the program asks (input()), in order; stdin is closed after the last one */
  lines?: string[];
  /** record the program's sends in the transcript (no TypeScript peer to record them) */
  recordSends?: { to: string };
}

export interface ScenarioContext {
  readonly lang: Lang;
  readonly config: Config;
  readonly transcript: Transcript;
  /** a deadline in ms, scaled by the time factor */
  ms(base: number): number;
  /** start the student's file (from the exercise folder) behind the injected module */
  start(file: StudentFile, opts?: StartOptions): Promise<PythonRun>;
  /** start a program of reference/ (e.g. the relay server a client is checked against) */
  startReference(file: StudentFile, opts?: StartOptions): Promise<PythonRun>;
  fakeServer(me?: string, peer?: string): Promise<FakeServer>;
  connect(port: number, me?: string, peer?: string): Promise<Connection>;
  /** run a step that decides `id`: a throw fails it (and stops the scenario), else it passes */
  step(id: string, fn: () => Promise<void | Record<string, string>>): Promise<void>;
  /** run one part of the check `id`: a throw fails it (and stops the scenario); success decides nothing yet */
  part(id: string, fn: () => Promise<void>): Promise<void>;
  /** decide `id` without stopping the scenario */
  verdict(id: string, ok: boolean, fail?: () => CheckFailure, facts?: Record<string, string>): void;
  /** the student's program the current failure is about (for tracebacks and blocked lines) */
  focus(run: PythonRun): void;
}
