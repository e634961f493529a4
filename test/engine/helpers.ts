// Shared by the engine tests: the real interpreter, the fixture programs, and runs that are always stopped.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { findPython } from '../../src/python/discover.js';
import { PythonRun, type PythonRunOptions } from '../../src/engine/python-run.js';
import { Transcript } from '../../src/engine/transcript.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));

/** Generous: every wait returns as soon as its event arrives; the deadline only bounds a failure. */
export const LONG = 15_000;

export function fixture(name: string): string {
  return isAbsolute(name) ? name : join(FIXTURES, name);
}

/** The 1-based line of `marker` (e.g. '# BLOCK') in a fixture. */
export function lineOf(name: string, marker: string): number {
  const i = readFileSync(fixture(name), 'utf8').split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`${marker} not in ${name}`);
  return i + 1;
}

export async function python(): Promise<string> {
  return (await findPython()).path;
}

const started: PythonRun[] = [];

/** Stop every run a test started, even when it failed. Call once per test file. */
export function stopRunsAfterEach(): void {
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.stop()));
  });
}

export async function startRun(file: string, opts: Partial<PythonRunOptions> = {}): Promise<PythonRun> {
  const run = new PythonRun({ python: await python(), file: fixture(file), actor: 'serveur', transcript: new Transcript(), ...opts });
  started.push(run);
  await run.start();
  return run;
}

/** Is this pid still a live process (a zombie counts as gone)? Linux reads /proc; elsewhere signal 0. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/**
 * Bounded wait for a condition that no event announces (a process of someone else's tree going away):
 * re-checks at each turn of the event loop's timer phase, fails at the deadline.
 */
export async function eventually(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`still not true after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
