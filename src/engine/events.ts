// Events reported by the injected module (src/python/inject/tprc_boot.py), one JSON object a line.

interface Base {
  /** ms since the run started, stamped by the checker on arrival */
  at: number;
  /** when it happened: µs on the shared monotonic clock (src/engine/clock.ts), stamped by the module */
  t: number;
  /** Python thread ident */
  th?: number;
  /** line of the student's file, when the event comes from the student's code */
  line?: number | null;
}

export type PyEvent = Base &
  (
    | { ev: 'hello'; token: string; pid: number; exe: string; version: number[]; file: string }
    | { ev: 'bind'; sid: number; kind: 'tcp' | 'udp'; host: string; port: number; real: number }
    | { ev: 'listen'; sid: number; host: string | null; port: number | null; real: number }
    | { ev: 'accept'; sid: number; conn: number; peer: [string, number]; local: [string, number] }
    | { ev: 'connect'; sid: number; host: string; port: number; local?: [string, number]; pending?: boolean }
    | { ev: 'connect-fail'; sid: number; host: string; port: number; error: string }
    | { ev: 'block'; call: string; sid: number }
    | { ev: 'recv'; sid: number; n: number; data?: string | null; count?: number }
    | { ev: 'send'; sid: number; n: number; data?: string | null }
    | { ev: 'close'; sid: number }
    | { ev: 'shutdown'; sid: number; how: number }
    | { ev: 'refused'; what: string; host: string; port: number }
    | { ev: 'input'; prompt: string }
    | { ev: 'input-done'; text: string }
    | { ev: 'input-eof' }
    | { ev: 'exception'; thread: string; type: string; message: string; traceback: string }
    | { ev: 'cpu'; seconds: number }
    /** a thread of the program ended (its run() returned or raised) */
    | { ev: 'thread-end' }
    /** a write to stdout (fd 1) or stderr (fd 2) that ended a line: `o` bytes written so far */
    | { ev: 'out'; fd: 1 | 2; o: number }
    /** the interpreter is exiting (atexit): bytes written in all to stdout and stderr */
    | { ev: 'end'; out: [number | null, number | null] }
  );

export type PyEventName = PyEvent['ev'];
export type EventOf<K extends PyEventName> = Extract<PyEvent, { ev: K }>;

/** Events that end a blocking call of the same thread. */
export const UNBLOCKING: ReadonlySet<string> = new Set([
  'accept', 'connect', 'connect-fail', 'recv', 'input-done', 'input-eof', 'send', 'close', 'exception', 'thread-end',
]);
