import { namespacesUnavailable, probeNetns, type Probe } from '../sandbox/netns.js';

export type IsolationMode = 'netns' | 'module';

/** Limits for a student's process (see _sandbox in tprc_boot.py): rlimits, plus a process budget. */
export type Limits = Partial<Record<'cpu' | 'as' | 'nofile' | 'fsize' | 'nproc' | 'forks', number>>;

/**
 * Limits for a student's process, applied by the injected module before the student's code:
 * - cpu: CPU seconds (SIGXCPU, reported as CPUTimeLimitExceeded; SIGKILL 1 s later). Every wait of a
 *   check is a few seconds, so a process that used 10 s of CPU is looping on several threads, or lives
 *   on after a check (the checks' deadlines and the kill at the end of each scenario bound the rest);
 * - as: address space, 1 GiB (MemoryError); a lab program needs ~30 MiB, a thread reserves 8 MiB;
 * - nofile: open files (OSError "Too many open files"); fsize: 16 MiB per file ("File too large");
 * - forks: processes the whole run may start (os.fork, subprocess...): BlockingIOError past it.
 * RLIMIT_NPROC is not set: it counts every process of the user (and, for root, is not enforced,
 * even in a user namespace), so it would stop a program from starting threads on a busy desktop.
 * The fork budget, the process-group kill and, on Linux, the pid namespace bound a fork loop instead.
 */
export const DEFAULT_LIMITS: Limits = {
  cpu: 10,
  as: 1024 ** 3,
  nofile: 256,
  fsize: 16 * 1024 ** 2,
  forks: 16,
};

/**
 * How student processes are isolated on this machine: 'netns' when the check of a student can run
 * in its own user + network + pid namespaces (Linux, unprivileged user namespaces), else 'module'
 * (the injected module's address policy alone). TPRC_ISOLATION=module|netns forces a mode ('netns'
 * fails when unavailable rather than silently running without it).
 */
export async function isolationMode(python?: string): Promise<IsolationMode> {
  if (process.env.TPRC_IN_NETNS === '1') return 'netns';
  const forced = process.env.TPRC_ISOLATION;
  if (forced === 'module') return 'module';
  if (process.platform !== 'linux' || !python) {
    if (forced === 'netns') throw new Error('TPRC_ISOLATION=netns: network namespaces need Linux');
    return 'module';
  }
  const probe = await probeNetns(python);
  if (!probe.ok && forced === 'netns') throw new Error(`TPRC_ISOLATION=netns: unavailable (${probe.reason})`);
  return probe.ok ? 'netns' : 'module';
}

/**
 * The mode a check starts in, without probing: 'netns' on Linux unless forced off or already seen
 * not to work in this process. A check that then finds namespaces unavailable falls back to
 * 'module' (see checkStudent), so the first check pays no separate probe.
 */
export function expectedIsolation(): IsolationMode {
  if (process.env.TPRC_IN_NETNS === '1') return 'netns';
  const forced = process.env.TPRC_ISOLATION;
  if (forced === 'module') return 'module';
  if (process.platform !== 'linux') {
    if (forced === 'netns') throw new Error('TPRC_ISOLATION=netns: network namespaces need Linux');
    return 'module';
  }
  const why = namespacesUnavailable();
  if (why && forced === 'netns') throw new Error(`TPRC_ISOLATION=netns: unavailable (${why})`);
  return why ? 'module' : 'netns';
}

/** The probe's outcome (for `npm run stress` and the docs: availability and start-up cost). */
export function isolationProbe(python: string): Promise<Probe> {
  return probeNetns(python);
}
