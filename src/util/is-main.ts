// "Is this module the program being run?" for ESM entry points. process.argv[1] is the path as
// typed: a symlink when started through node_modules/.bin (npx) or from a symlinked folder, while
// import.meta.url is the real file. Both are compared once resolved.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isMainModule(metaUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(argv1) === real(fileURLToPath(metaUrl));
}
