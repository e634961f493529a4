// The checker inside a student's namespaces (see netns.ts). Says "ready" at once (the namespaces
// work: the checker may count on them), starts the fork server for the interpreter it was told of
// (TPRC_PYTHON_HINT) while it loads the checker, then serves requests: one NsRequest per line on
// stdin, one {"results": [...]} line on stdout each, until stdin ends. `npm run check` sends one;
// the grader sends one student after the other, and between two students every process left in
// the namespace (a daemon that escaped its process group) is killed: the next student finds
// nothing of the previous one running.
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { forkServerPids, leaseForkServers, warmForkServer } from '../engine/forkserver.js';
import { trace } from '../util/trace.js';
import { withDeadline } from '../util/wait.js';
import type { NsRequest } from './netns.js';
import { encodeResults } from './shared-transcripts.js';
import type { Config } from '../config/types.js';
import { currentArea, useAreaForTemp, wipeArea } from './area.js';

async function main(): Promise<void> {
  // before anything makes a temporary folder: scenario copies must be inside the programs' wall
  const area = currentArea();
  if (area) useAreaForTemp(area);
  process.stdout.write('ready\n');
  if (process.env.TPRC_PYTHON_HINT) warmForkServer(process.env.TPRC_PYTHON_HINT);
  // the fork server lives as long as this process (not one check): its start is paid once
  const lease = leaseForkServers();
  // loaded while the request is on its way: the checker's modules are most of this process's start
  const loading = import('../runner/check-student.js');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const { runExercisesIn, selectExercises, activateLab } = await loading;
    trace('ns-child: loaded');
    const req = JSON.parse(line) as NsRequest;
    const lab = await activateLab(req.lab);
    const results = await runExercisesIn(req.work, selectExercises(lab, req.exercises), req.python, req.lang, req.config as Config, req.limits, req.shown, lab.referenceDir);
    trace('ns-child: done');
    killLeftovers();
    if (area) wipeArea(area);
    await write(JSON.stringify(encodeResults(results)) + '\n');
  }
  // the fork server is reaped before this process ends (or its programs' CPU time is lost to the
  // accounting of whoever waits for this one: `npm run bench`, /usr/bin/time)
  await withDeadline(lease.release(), 3000, 'fork server exit').catch(() => undefined);
  process.exit(0);
}

/** Kill every process of the namespace but process 1 (ns_init), this one and the fork servers. */
function killLeftovers(): void {
  const keep = new Set([1, process.pid, ...forkServerPids()]);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || keep.has(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

function write(s: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(s, () => resolve()));
}

main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }) + '\n', () => process.exit(3));
});
