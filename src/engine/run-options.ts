// What a PythonRun is asked to do, how it ended, and the bounds it applies (python-run.ts).
import type { Transcript } from './transcript.js';

/** Bound on an interpreter's start-up (to the module's hello); scaled by the options' startupMs. */
export const STARTUP_MS = 20_000;

/** Output kept of one run (stdout and stderr together); past it the run stops reading. */
export const OUTPUT_CAP = 1024 * 1024;

export interface PythonRunOptions {
  python: string;
  /** the student's file, absolute */
  file: string;
  /**
   * The file as the student knows it (their own folder), when `file` is a working copy: paths in
   * tracebacks and messages are shown under this name.
   */
  shownFile?: string;
  /** actor id in the transcript: 'serveur', 'client', ... */
  actor: string;
  transcript: Transcript;
  /** requested port -> real port ('*' for any): where the program's connect() calls go */
  connect?: Record<string, number>;
  /** the program's peer, for a send on a connection whose other end is not known (see Transcript.endpoint) */
  recordSends?: { to: string };
  /** POSIX resource limits applied before the student's code runs */
  limits?: Partial<Record<'cpu' | 'as' | 'nofile' | 'fsize' | 'nproc', number>>;
  /** wraps the command (e.g. a network namespace): returns the file and args to spawn */
  wrap?: (file: string, args: string[]) => { file: string; args: string[] };
  env?: Record<string, string>;
  /** bound on start-up, to the module's hello (default STARTUP_MS) */
  startupMs?: number;
  /** skip site-packages (-S): ~20 ms faster start; the lab uses the standard library only */
  noSite?: boolean;
}

export interface Exit {
  code: number | null;
  signal: string | null;
}

export class CheckerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CheckerError';
    this.code = code;
  }
}
