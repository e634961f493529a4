// `npm test` runs the timing suite even when the main suite fails, and still exits non-zero.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUITES, runSuites, summary } from '../../scripts/run-tests.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const testScript: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.test;

describe('npm test', () => {
  it('goes through scripts/run-tests.ts, not a chain that stops at the first failing suite', () => {
    expect(testScript).toMatch(/node dist\/scripts\/run-tests\.js/);
    expect(testScript).not.toMatch(/vitest run[^&]*&&/);
  });

  it('runs the timing suite after a failed main suite, and fails overall', async () => {
    const ran: string[][] = [];
    const { outcomes, exitCode } = await runSuites(SUITES, async (args) => {
      ran.push(args);
      return ran.length === 1 ? 1 : 0;
    });
    expect(ran).toEqual([['run'], ['run', '--config', 'vitest.timing.config.ts']]);
    expect(exitCode).toBe(1);
    expect(summary(outcomes)).toBe('npm test: main suite FAILED (exit 1); timing suite passed');
  });

  it('fails when only the timing suite fails, passes when both pass', async () => {
    expect((await runSuites(SUITES, async (args) => (args.includes('--config') ? 1 : 0))).exitCode).toBe(1);
    expect((await runSuites(SUITES, async () => 0)).exitCode).toBe(0);
  });

  it('gives a file filter to both runs, the timing run passing when the filter leaves it nothing', async () => {
    const ran: string[][] = [];
    await runSuites(SUITES, async (args) => (ran.push(args), 0), ['test/report']);
    expect(ran[1]).toEqual(['run', '--config', 'vitest.timing.config.ts', 'test/report', '--passWithNoTests']);
  });
});
