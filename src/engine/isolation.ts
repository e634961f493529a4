import type { PythonRunOptions } from './python-run.js';

export type IsolationMode = 'netns' | 'module';

/**
 * POSIX limits for a student's process, applied by the injected module before the student's code:
 * CPU seconds, address space, open files, file size. (RLIMIT_NPROC is not set: it counts every
 * process of the user, so on a student's desktop it would stop the program from starting threads.)
 */
export const DEFAULT_LIMITS: NonNullable<PythonRunOptions['limits']> = {
  cpu: 30,
  as: 2 * 1024 ** 3,
  nofile: 256,
  fsize: 16 * 1024 ** 2,
};

/** How student processes are isolated on this machine: the injected module's address policy. */
export async function isolationMode(): Promise<IsolationMode> {
  return 'module';
}

/** The command wrapper for a mode (none for 'module'). */
export function isolationWrap(mode: IsolationMode): PythonRunOptions['wrap'] {
  void mode;
  return undefined;
}
