// Waiting on events with a deadline: the only way this project waits. No fixed sleeps.
import { loadMeter } from './load.js';

/** A wait that ran out. `what` says what was awaited, for the report. */
export class DeadlineError extends Error {
  readonly what: string;
  readonly ms: number;
  /** whose state was awaited (a Watch's owner, e.g. the program's run), when known */
  source?: unknown;
  constructor(what: string, ms: number) {
    super(`deadline of ${ms} ms passed while waiting for ${what}`);
    this.name = 'DeadlineError';
    this.what = what;
    this.ms = ms;
  }
}

/**
 * How far a deadline stretches with the load measured while it runs (util/load.ts). Only a failure
 * waits that long: the awaited thing ends the wait as soon as it comes.
 */
export const MAX_STRETCH = 4;

/**
 * Settles with `promise`, or rejects with DeadlineError after `ms`, stretched by the machine's load
 * measured during the wait (at most `stretch` times; 1 for a fixed window). The timer bounds the
 * wait; it never delays.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string, stretch = MAX_STRETCH): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  if (stretch > 1) loadMeter.begin();
  const deadline = new Promise<never>((_, reject) => {
    const due = (): void => {
      // Time the programs could not run (waiting for a CPU on a loaded machine) does not count.
      const budget = stretch > 1 ? ms + Math.min((stretch - 1) * ms, loadMeter.stolenSince(started)) : ms;
      const left = budget - (performance.now() - started);
      if (left < 1) reject(new DeadlineError(what, ms));
      else timer = setTimeout(due, left);
    };
    timer = setTimeout(due, ms);
  });
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer);
    if (stretch > 1) loadMeter.end();
  });
}

type Listener = () => void;

/**
 * A growing state that others wait on: call `changed()` after each update; `until(pred)` resolves
 * as soon as `pred()` holds (checked now, then after each change), or rejects at the deadline or
 * when the state is closed for good (`end()`), whichever comes first.
 */
export class Watch {
  private listeners = new Set<Listener>();
  private ended = false;
  /** what this state belongs to: set on the errors of its waits, so a failure is told about the right program */
  owner?: unknown;

  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** No more changes will come (e.g. the process exited): pending waits re-check once, then fail. */
  end(): void {
    this.ended = true;
    this.changed();
  }

  /** Call `fn` after each change; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /**
   * Resolves as soon as `pred()` holds. `window`: an observation window of exactly `ms` (a negative
   * check: its end is the expected outcome), not a deadline that stretches with the load.
   */
  until<T>(pred: () => T | undefined | false, ms: number, what: string, opts: { window?: boolean } = {}): Promise<T> {
    const wait = this.untilRaw(pred, ms, what, opts.window ? 1 : MAX_STRETCH);
    if (this.owner === undefined) return wait;
    return wait.catch((e: unknown) => {
      if ((e instanceof DeadlineError || e instanceof EndedError) && e.source === undefined) e.source = this.owner;
      throw e;
    });
  }

  private untilRaw<T>(pred: () => T | undefined | false, ms: number, what: string, stretch: number): Promise<T> {
    // A predicate may throw to fail the wait early (e.g. bytes that can no longer match).
    try {
      const now = pred();
      if (now) return Promise.resolve(now);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.ended) return Promise.reject(new EndedError(what));
    let listener: Listener = () => {};
    const p = new Promise<T>((resolve, reject) => {
      listener = () => {
        try {
          const v = pred();
          if (v) resolve(v);
          else if (this.ended) reject(new EndedError(what));
        } catch (e) {
          reject(e);
        }
      };
      this.listeners.add(listener);
    });
    return withDeadline(p, ms, what, stretch).finally(() => this.listeners.delete(listener));
  }
}

/** The awaited thing can no longer happen (the process exited, the connection closed). */
export class EndedError extends Error {
  readonly what: string;
  /** whose state was awaited (a Watch's owner, e.g. the program's run), when known */
  source?: unknown;
  constructor(what: string) {
    super(`ended while waiting for ${what}`);
    this.name = 'EndedError';
    this.what = what;
  }
}

/** Like Watch.until, over several watches at once (e.g. a process and a connection). */
export function untilAny<T>(watches: Watch[], pred: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const bridge = new Watch();
  const relay = (): void => bridge.changed();
  const unsubscribe = watches.map((w) => w.subscribe(relay));
  return bridge.until(pred, ms, what).finally(() => unsubscribe.forEach((u) => u()));
}

/**
 * An observation window for a negative check ("nothing more arrives", "no busy loop"): resolves after
 * `ms`, or as soon as `stop()` holds (e.g. the process exited), whichever is first. Returns true when
 * the whole window was observed.
 */
export async function observe(watch: Watch, ms: number, stop: () => boolean = () => false, opts: { stretch?: boolean } = {}): Promise<boolean> {
  try {
    // `stretch`: time given to a program to finish something (longer on a loaded machine), not a
    // fixed window to measure it over
    await watch.until(() => stop(), ms, 'observation window', { window: !opts.stretch });
    return false;
  } catch (e) {
    if (e instanceof DeadlineError) return true;
    return false;
  }
}
