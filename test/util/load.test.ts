// Deadlines follow the machine's load while they run (issue: one timeline per run, item 3): the
// time a program under test spent waiting for a CPU, because other processes took the cores, does
// not count against it, even when that load came after it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineError, Watch } from '../../src/util/wait.js';
import { LoadMeter } from '../../src/util/load.js';
import { track, untrack } from '../../src/sandbox/kill-tree.js';
import '../../src/engine/python-run.js'; // registers the programs under test with the load meter
import { python } from '../engine/helpers.js';

const spinners: ChildProcess[] = [];
afterEach(() => {
  for (const p of spinners.splice(0)) p.kill('SIGKILL');
});

/** Keep every core busy twice over: a program that needs the CPU now runs at least twice slower. */
function loadTheMachine(py: string): void {
  for (let i = 0; i < 2 * availableParallelism(); i++) {
    spinners.push(spawn(py, ['-S', '-c', 'while True: pass'], { stdio: 'ignore' }));
  }
}

/** A program under test that needs `cpu` seconds of CPU, then ends; a Watch that ends with it. */
function cpuBound(py: string, cpu: number): { watch: Watch; done: () => boolean } {
  const child = spawn(py, ['-S', '-c', `import time\nt = time.process_time()\nwhile time.process_time() - t < ${cpu}: pass`], { stdio: 'ignore' });
  if (child.pid) track(child.pid);
  const watch = new Watch();
  let over = false;
  child.on('exit', () => {
    over = true;
    if (child.pid) untrack(child.pid);
    watch.changed();
  });
  return { watch, done: () => over };
}

describe.runIf(process.platform === 'linux')('deadlines and load', () => {
  it('a program that needs 0.3 s of CPU ends within a 0.6 s deadline though the load that came after its start slows it down', async () => {
    const py = await python();
    const prog = cpuBound(py, 0.3);
    const started = performance.now();
    loadTheMachine(py);
    await expect(prog.watch.until(prog.done, 600, 'the end of the program')).resolves.toBe(true);
    // it did take longer than the deadline: the time it waited for a CPU was given back
    expect(performance.now() - started).toBeGreaterThan(600);
  });

  it('a blocked program gets no extension: the deadline holds however loaded the machine is', async () => {
    const py = await python();
    loadTheMachine(py);
    const started = performance.now();
    await expect(new Watch().until(() => false, 300, 'nothing')).rejects.toBeInstanceOf(DeadlineError);
    expect(performance.now() - started).toBeLessThan(300 * 4 + 300);
  });

  it('an observation window does not stretch', async () => {
    loadTheMachine(await python());
    const started = performance.now();
    await expect(new Watch().until(() => false, 200, 'window', { window: true })).rejects.toBeInstanceOf(DeadlineError);
    expect(performance.now() - started).toBeLessThan(390);
  });
});

describe('what the load meter gives back', () => {
  /** A meter over scripted readings: thread -> total ns waited, at a clock the test moves. */
  function scripted() {
    let t = 1000;
    let waits = new Map<string, number>();
    const meter = new LoadMeter({ read: () => new Map(waits), now: () => t }, true);
    return {
      meter,
      at(ms: number, w: Record<string, number>) {
        t = ms;
        waits = new Map(Object.entries(w).map(([k, v]) => [k, v * 1e6]));
      },
    };
  }

  it('threads that waited at the same time lost that time once, not once each', () => {
    const s = scripted();
    s.at(1000, { a: 0, b: 0, c: 0 });
    s.meter.begin();
    s.at(1050, { a: 30, b: 30, c: 30 });
    s.meter.sample();
    expect(s.meter.stolenSince(1000)).toBe(30);
    s.meter.end();
  });

  it('never more than the time that passed', () => {
    const s = scripted();
    s.at(1000, { a: 0 });
    s.meter.begin();
    s.at(1050, { a: 80 }); // a late sample: the reading may run ahead of this clock
    expect(s.meter.stolenSince(1000)).toBe(50);
    s.meter.end();
  });

  it('what was waited while no deadline was pending is not given back', () => {
    const s = scripted();
    s.at(1000, { a: 0 });
    s.meter.begin();
    s.meter.end();
    s.at(2000, { a: 500 });
    s.meter.begin();
    s.at(2050, { a: 510 });
    expect(s.meter.stolenSince(2000)).toBe(10);
    s.meter.end();
  });
});
