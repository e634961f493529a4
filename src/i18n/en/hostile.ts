// Limits, sandbox and checks that could not finish (English). Same keys as ../fr/hostile.ts.
import type { hostile as fr } from '../fr/hostile.js';
export const hostile = {
  'hostile.check-deadline': 'The check ran past its total time ({s} s): every program was stopped.',
  'hostile.check-died': 'The check stopped without a result (a program may have killed it): {detail}',
  'hostile.check-aborted': 'Check interrupted.',
  'hint.checker-stopped': 'This is not a grade: run the check again; if it happens again, show your program to your teacher.',
  'hint.limit-cpu': 'The program used too much CPU time: an endless loop (while True with no recv/accept/input that waits)?',
  'hint.limit-memory': 'The program used too much memory: a list or a string growing without end in a loop?',
  'hint.limit-fsize': 'The program writes a file that is too big: the lab needs no file at all.',
  'hint.limit-nofile': 'Too many files or sockets open at once: close each socket with close() when done.',
  'hint.limit-forks': 'The program starts too many processes: the lab needs none (use threads for the relay).',
  'hint.limit-kill': 'The program tried to stop the checker: that is not allowed.',
  'hostile.isolation-module': 'isolation: module — a program can read and change your files (no Linux namespaces here; to grade a class safely: a Linux machine or GitHub Actions, see “Sécurité et limites” in the README).',
  'hint.output-flood': 'The program prints without end: a print in a loop that never stops?',
} satisfies Record<keyof typeof fr, string>;
