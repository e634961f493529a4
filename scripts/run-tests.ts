// `npm test` after the build: the main vitest suite, then the timing suite (vitest.timing.config.ts,
// run alone so its wall-clock budgets are measured on a quiet machine). The timing suite runs and
// reports even when the main suite failed; the exit status is non-zero if either failed. Arguments
// after `npm test --` go to both runs (a file filter leaves the timing run with nothing to do: fine).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/util/package-root.js';

export interface Suite {
  name: string;
  args: string[];
}

export const SUITES: Suite[] = [
  { name: 'main suite', args: ['run'] },
  { name: 'timing suite', args: ['run', '--config', 'vitest.timing.config.ts'] },
];

export interface Outcome {
  name: string;
  code: number;
}

/** Runs every suite, whatever the earlier ones gave; returns each outcome and the exit status. */
export async function runSuites(suites: Suite[], run: (args: string[]) => Promise<number>, extra: string[] = []): Promise<{ outcomes: Outcome[]; exitCode: number }> {
  const outcomes: Outcome[] = [];
  for (const suite of suites) {
    const args = extra.length ? [...suite.args, ...extra, '--passWithNoTests'] : suite.args;
    outcomes.push({ name: suite.name, code: await run(args) });
  }
  return { outcomes, exitCode: outcomes.some((o) => o.code !== 0) ? 1 : 0 };
}

export function summary(outcomes: Outcome[]): string {
  return 'npm test: ' + outcomes.map((o) => `${o.name} ${o.code === 0 ? 'passed' : `FAILED (exit ${o.code})`}`).join('; ');
}

function vitest(args: string[]): Promise<number> {
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: packageRoot(), stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outcomes, exitCode } = await runSuites(SUITES, vitest, process.argv.slice(2));
  console.log(`\n${summary(outcomes)}`);
  process.exitCode = exitCode;
}
