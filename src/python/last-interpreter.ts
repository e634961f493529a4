// The interpreter the last check found, remembered in the user's cache folder. Only a head start:
// the CLI creates the namespaces (whose process 1 needs some Python) and warms the fork server with
// it while discovery runs; the programs always run with what discovery finds this time.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function cacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'tp-reseau-check', 'interpreter');
}

/** The interpreter found last time, if it still exists. */
export function lastInterpreter(): string | undefined {
  try {
    const path = readFileSync(cacheFile(), 'utf8').trim();
    return path && statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Remember `path` for the next start (best effort: a read-only home only loses the head start). */
export function rememberInterpreter(path: string): void {
  if (path === lastInterpreter()) return;
  try {
    const file = cacheFile();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, path + '\n');
  } catch {
    // nothing to do: the next start waits for discovery, as the first one did
  }
}
