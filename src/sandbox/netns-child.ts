// The check of one student, run inside its namespaces (see netns.ts): reads an NsRequest on stdin,
// runs the exercises on the already-copied folder, writes {"results": [...]} as one line on stdout.
import { runExercisesIn, selectExercises } from '../runner/check-student.js';
import type { NsRequest } from './netns.js';
import type { Config } from '../config/types.js';
import { trace } from '../util/trace.js';

async function readStdin(): Promise<string> {
  let s = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) s += chunk as string;
  return s;
}

async function main(): Promise<void> {
  trace('ns-child: loaded');
  const req = JSON.parse(await readStdin()) as NsRequest;
  const defs = selectExercises(req.exercises);
  const results = await runExercisesIn(req.work, defs, req.python, req.lang, req.config as Config, req.limits);
  trace('ns-child: done');
  await send({ results }, 0);
}

/** One line on stdout, then exit once it is written (writes to a pipe may be asynchronous). */
function send(value: unknown, code: number): Promise<void> {
  return new Promise(() => process.stdout.write(JSON.stringify(value) + '\n', () => process.exit(code)));
}

main().catch((e: unknown) => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 3));
