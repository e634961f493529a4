// The check of one student, run inside its namespaces (see netns.ts). Says "ready" at once (the
// namespaces work: the checker may count on them), starts the fork server for the interpreter it
// was told of (TPRC_PYTHON_HINT) while it loads the checker, then reads an NsRequest on stdin, runs
// the exercises on the already-copied folder and writes {"results": [...]} as one line on stdout.
import { warmForkServer } from '../engine/forkserver.js';
import { trace } from '../util/trace.js';
import type { NsRequest } from './netns.js';
import type { Config } from '../config/types.js';

async function readStdin(): Promise<string> {
  let s = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) s += chunk as string;
  return s;
}

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  if (process.env.TPRC_PYTHON_HINT) warmForkServer(process.env.TPRC_PYTHON_HINT);
  // loaded while the request is on its way: the checker's modules are most of this process's start
  const [{ runExercisesIn, selectExercises }, input] = await Promise.all([import('../runner/check-student.js'), readStdin()]);
  trace('ns-child: loaded');
  const req = JSON.parse(input) as NsRequest;
  const results = await runExercisesIn(req.work, selectExercises(req.exercises), req.python, req.lang, req.config as Config, req.limits);
  trace('ns-child: done');
  await send({ results }, 0);
}

/** One line on stdout, then exit once it is written (writes to a pipe may be asynchronous). */
function send(value: unknown, code: number): Promise<void> {
  return new Promise(() => process.stdout.write(JSON.stringify(value) + '\n', () => process.exit(code)));
}

main().catch((e: unknown) => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 3));
