// Benchmark hook (scripts/bench.ts): one line per Python process the engine starts (spawned, fork
// server, forked), in the file named by TPRC_COUNT_FILE. Unset in normal use: nothing is written.
import { appendFileSync } from 'node:fs';

export function countPythonProcess(pid: number | undefined): void {
  if (process.env.TPRC_COUNT_FILE) appendFileSync(process.env.TPRC_COUNT_FILE, `${pid ?? 0}\n`);
}
