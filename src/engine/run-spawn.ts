// Starting a run's interpreter: forked from a warm interpreter when it can be (forkserver.ts),
// else spawned behind the injected module's start script.
import { join, dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { forkServerFor, forkServerUsable, type ForkedProcess, type ProcessHandle } from './forkserver.js';
import { packageRoot } from '../util/package-root.js';
import { countPythonProcess } from './process-count.js';
import { interpreterEnv } from '../python/interpreter-env.js';
import type { PythonRunOptions } from './run-options.js';

// tprc_start.py imports tprc_boot.py (the injected module) from its cached bytecode: see there.
const BOOT = () => join(packageRoot(), 'src', 'python', 'inject', 'tprc_start.py');

export interface Launched {
  child: ProcessHandle;
  /** forked: the handle, which says 'started' on the pipe its exit comes by */
  forked?: ForkedProcess;
  /** forked: settles once the server forked (the pid is known) or failed */
  forkedOrFailed?: Promise<void>;
}

/** Starts the interpreter for `o`, reporting to `report` as `token`; listeners are the caller's to add. */
export function launch(o: PythonRunOptions, report: string, token: string): Launched {
  const args = [...(o.noSite === false ? [] : ['-S']), '-u', '-X', 'utf8', BOOT(), o.file];
  const cmd = o.wrap ? o.wrap(o.python, args) : { file: o.python, args };
  const env: Record<string, string> = {
    ...interpreterEnv(),
    TPRC_REPORT: report,
    TPRC_TOKEN: token,
    TPRC_CONNECT: JSON.stringify(o.connect ?? {}),
    ...(o.limits ? { TPRC_LIMITS: JSON.stringify(o.limits) } : {}),
    ...o.env,
  };
  if (!o.wrap && o.noSite !== false && forkServerUsable()) {
    // Forked from a warm interpreter that already imported the module (forkserver.ts); the pid
    // is known once the server forked.
    const forked = forkServerFor(o.python).fork(token, report, o.file, dirname(o.file), env);
    const forkedOrFailed = new Promise<void>((resolve) => {
      forked.once('spawn', () => resolve());
      forked.once('error', () => resolve());
    });
    return { child: forked, forked, forkedOrFailed };
  }
  // node:child_process directly: execa costs ~80 ms of module loading per checker start, and
  // nothing here needs more than a spawn (kill-tree.ts kills what is left when the checker exits).
  const child = spawn(cmd.file, cmd.args, {
    cwd: dirname(o.file),
    env: { ...env, TPRC_STARTED: 'stderr' },
    stdio: ['pipe', 'pipe', 'pipe'],
    // POSIX: own process group, so the whole tree is killed with one signal
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  countPythonProcess(child.pid);
  return { child };
}
