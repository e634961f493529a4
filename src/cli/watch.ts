import type { CheckArgs } from './check.js';

/** Watch mode (issue 7): re-run the checks of the exercise whose file was saved. */
export async function watchChecks(args: CheckArgs, dir: string): Promise<number> {
  void args;
  void dir;
  process.stderr.write('--watch: not available yet\n');
  return 2;
}
