// The checker and the programs it runs stamp events on one clock (src/engine/clock.ts): shown here
// on this machine, with the interpreter the checks use.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clockOffset, nowUs } from '../../src/engine/clock.js';
import { python } from './helpers.js';

describe('one clock for the checker and Python', () => {
  it("Python's perf_counter_ns reads the clock Node's hrtime reads (a stamp falls between ours)", async () => {
    const py = await python();
    for (let i = 0; i < 5; i++) {
      const before = nowUs();
      const out = execFileSync(py, ['-S', '-c', 'import time; print(time.perf_counter_ns() // 1000)']).toString();
      const after = nowUs();
      const stamp = Number(out.trim());
      expect(stamp).toBeGreaterThanOrEqual(before);
      expect(stamp).toBeLessThanOrEqual(after);
    }
  });

  it('clockOffset: none on a shared clock; else the hello lands at its arrival', () => {
    expect(clockOffset(1_000_000, 1_020_000, 1_030_000)).toBe(0);
    // a clock counting from the process's own start (Python < 3.10 on Windows)
    expect(clockOffset(1_000_000, 12_000, 1_030_000)).toBe(1_018_000);
  });
});
