// Imported first by check.ts, before the modules of the CLI load: when this run is going to check
// (not --help, --version, --explain or --watch, and no explicit interpreter), the namespaces of the
// check are created right away with the interpreter found last time. Creating them and loading the
// checker inside then overlap this process's own start-up (~30 ms of module loading). A wrong guess
// only costs an idle child, killed when the checker exits (kill-tree.ts).
import { prewarmNamespace } from '../sandbox/netns.js';
import { lastInterpreter } from '../python/last-interpreter.js';

const NOT_A_CHECK = new Set(['-h', '--help', '-v', '--version', '--explain', '-w', '--watch', '--python']);

export const headStartPython: string | undefined =
  process.argv.slice(2).some((a) => NOT_A_CHECK.has(a.split('=')[0])) || process.env.PYTHON ? undefined : lastInterpreter();

if (headStartPython) prewarmNamespace(headStartPython);
