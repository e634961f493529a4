// Deadlines follow the machine's load while they run (issue: one timeline per run, item 3): load
// that comes after a program started still stretches the waits on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineError, Watch } from '../../src/util/wait.js';
import { loadMeter } from '../../src/util/load.js';
import { python } from '../engine/helpers.js';

const spinners: ChildProcess[] = [];
afterEach(() => {
  for (const p of spinners.splice(0)) p.kill('SIGKILL');
});

/** Keep every core busy twice over: a program that needs the CPU now runs at least twice slower. */
async function loadTheMachine(py?: string): Promise<void> {
  py ??= await python();
  for (let i = 0; i < 2 * availableParallelism(); i++) {
    spinners.push(spawn(py, ['-S', '-c', 'while True: pass'], { stdio: 'ignore' }));
  }
}

describe.runIf(process.platform === 'linux')('deadlines and load', () => {
  it('a 300 ms wait started on an idle machine still succeeds at 500 ms when load comes during it', async () => {
    const py = await python();
    const w = new Watch();
    let done = false;
    const started = performance.now();
    const wait = w.until(() => done, 300, 'the thing');
    setTimeout(() => {
      done = true;
      w.changed();
    }, 500);
    await loadTheMachine(py); // spawn() returns at once: the load is there within a few ms
    await expect(wait).resolves.toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
  });

  it('still ends: a wait that never succeeds fails within the stretch bound', async () => {
    await loadTheMachine();
    const started = performance.now();
    await expect(new Watch().until(() => false, 200, 'nothing')).rejects.toBeInstanceOf(DeadlineError);
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(399);
    expect(ms).toBeLessThan(200 * 4 + 300);
  });

  it('an observation window does not stretch', async () => {
    await loadTheMachine();
    const started = performance.now();
    await expect(new Watch().until(() => false, 200, 'window', { window: true })).rejects.toBeInstanceOf(DeadlineError);
    expect(performance.now() - started).toBeLessThan(390);
  });

  it('measures the load: runnable tasks per core while the spinners run', async () => {
    await loadTheMachine();
    const t0 = performance.now();
    loadMeter.begin();
    try {
      await new Watch().until(() => false, 150, 'window', { window: true }).catch(() => undefined);
      expect(loadMeter.slownessSince(t0)).toBeGreaterThanOrEqual(2);
    } finally {
      loadMeter.end();
    }
  });
});
