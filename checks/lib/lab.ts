// What a scenario of a check is written against: start programs, connect peers, decide checks.
// It wraps the runner's ScenarioContext and hands out actors (lib/actors.ts), never engine objects.
import type { ScenarioContext, ScenarioDef, StartOptions as EngineStartOptions, StudentFile } from '../../src/runner/types.js';
import type { Config } from '../../src/config/types.js';
import { failure, CheckFailure } from '../../src/runner/types.js';
import type { Params } from '../../src/i18n/index.js';
import { t } from '../../src/i18n/index.js';
import { Program, Peer, Listener, engineOf, type Scale } from './actors.js';

export type { StudentFile };

/** What a failure carries besides its message key: the hint, what was expected and seen, ... */
export type FailureDetails = Parameters<typeof failure>[2];

/** A failed check's diagnosis, made by `fail` (or by a verb). */
export type Failure = CheckFailure;

/** The failure of the current step: message key (src/i18n/../checks.ts), its parameters, details. */
export function fail(key: string, params?: Params, details?: FailureDetails): Failure {
  return failure(key, params, details);
}

/** How to start a program: the same options as the runner's, with typed lines and recorded sends. */
export type StartOptions = EngineStartOptions;

export class Lab {
  readonly scale: Scale;
  constructor(private readonly ctx: ScenarioContext) {
    this.scale = (base) => ctx.ms(base);
  }

  get config(): Config {
    return this.ctx.config;
  }

  /** A deadline base of lib/deadlines.ts, scaled to this machine now. */
  ms(base: number): number {
    return this.ctx.ms(base);
  }

  /** A word of the catalogue in the report's language (for facts shown with a verdict). */
  word(key: string): string {
    return t(this.ctx.lang, key);
  }

  /** Start the student's file of the exercise folder. */
  async start(file: StudentFile, opts?: StartOptions): Promise<Program> {
    return new Program(await this.ctx.start(file, opts), this.scale);
  }

  /** Start a program of reference/ (e.g. the relay a client is checked against). */
  async startReference(file: StudentFile, opts?: StartOptions): Promise<Program> {
    return new Program(await this.ctx.startReference(file, opts), this.scale);
  }

  /** Connect to a port (a program's Listening.real) as `me`. */
  async connect(port: number, me?: string): Promise<Peer> {
    return new Peer(await this.ctx.connect(port, me), this.scale);
  }

  /** A stand-in server on a free loopback port, for a student's client. */
  async listener(): Promise<Listener> {
    return new Listener(await this.ctx.fakeServer(), this.scale);
  }

  /** Run the step that decides `id`: a failure fails it and ends the scenario; else it passes. */
  step(id: string, fn: () => Promise<void | Record<string, string>>): Promise<void> {
    return this.ctx.step(id, fn);
  }

  /** One part of the check `id`: a failure fails it and ends the scenario; success decides nothing yet. */
  part(id: string, fn: () => Promise<void>): Promise<void> {
    return this.ctx.part(id, fn);
  }

  /** Decide `id` now, without ending the scenario. */
  verdict(id: string, ok: boolean, why?: () => Failure, facts?: Record<string, string>): void {
    this.ctx.verdict(id, ok, why, facts);
  }

  /**
   * Decide `id` now by a synchronous expectation, without ending the scenario: it passes unless the
   * expectation fails (its failure is the diagnosis). `facts` are shown either way.
   */
  decide(id: string, expectation: () => void, facts?: Record<string, string>): void {
    let why: Failure | undefined;
    try {
      expectation();
    } catch (e) {
      if (!(e instanceof CheckFailure)) throw e;
      why = e;
    }
    this.ctx.verdict(id, why === undefined, why && (() => why), facts);
  }

  /** The program the next failure is about (its traceback, the line it is blocked on). */
  focus(p: Program): void {
    this.ctx.focus(engineOf(p));
  }
}

/** A scenario: the files it runs, the checks it decides in order, and its script. */
export function scenario(def: Omit<ScenarioDef, 'run'>, script: (lab: Lab) => Promise<void>): ScenarioDef {
  return { ...def, run: (ctx) => script(new Lab(ctx)) };
}
