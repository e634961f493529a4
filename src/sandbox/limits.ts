// Which limit a failed run hit, from what the injected module reported (see _sandbox in
// tprc_boot.py): a hint key for the verdict. Meant to be called by hintFromException (diagnose.ts).
export function limitHint(type: string, message: string): string | undefined {
  if (type === 'CPUTimeLimitExceeded') return 'limit-cpu';
  if (type === 'MemoryError') return 'limit-memory';
  if (/File too large|Errno 27\b/.test(message)) return 'limit-fsize';
  if (/Too many open files|Errno 24\b/.test(message)) return 'limit-nofile';
  if (/tp-reseau-check: at most \d+ processes/.test(message) || (type === 'BlockingIOError' && /Resource temporarily unavailable/.test(message))) return 'limit-forks';
  if (/tp-reseau-check: signal .* refused/.test(message)) return 'limit-kill';
  return undefined;
}

/** A run killed by a signal after a limit: SIGXCPU / SIGKILL after RLIMIT_CPU, SIGXFSZ. */
export function signalHint(signal: string | null | undefined): string | undefined {
  if (signal === 'SIGXCPU') return 'limit-cpu';
  if (signal === 'SIGXFSZ') return 'limit-fsize';
  return undefined;
}
