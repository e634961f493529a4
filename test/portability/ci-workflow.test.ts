// The project's own CI runs npm test on the three systems students use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('.github/workflows/ci.yml', () => {
  const wf = parse(readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8'));
  const job = wf.jobs.test;
  const steps: { uses?: string; run?: string; with?: Record<string, string> }[] = job.steps;

  it('runs on ubuntu, windows and macos, without stopping the others on a failure', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy['fail-fast']).toBe(false);
  });

  it('sets up Node 20 and Python 3.11, installs with npm ci and runs npm test', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('20');
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-python@'))?.with?.['python-version']).toBe('3.11');
    const runs = steps.map((s) => s.run).filter(Boolean);
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm test');
    for (const s of steps) expect(('uses' in s) !== ('run' in s)).toBe(true);
  });
});
