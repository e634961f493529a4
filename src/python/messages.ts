import type { Lang } from '../model.js';
import { t } from '../i18n/index.js';
import type { PythonInfo, PythonNotFoundError } from './discover.js';

/** A typical interpreter path to show in "--python ..." examples, for the student's OS. */
export function examplePython(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'C:\\Program Files\\Thonny\\python.exe';
  if (platform === 'darwin') return '/Applications/Thonny.app/Contents/Frameworks/Python.framework/Versions/3.10/bin/python3';
  return '/usr/bin/python3';
}

/** What to do when no usable Python is found: install it, or point at Thonny's own interpreter. */
export function pythonNotFoundMessage(lang: Lang, e: PythonNotFoundError, platform: NodeJS.Platform = process.platform): string {
  const lines = e.explicit
    ? [t(lang, 'cli.python.explicit-failed', { python: e.explicit })]
    : [t(lang, 'cli.python.none', { tried: e.tried.join(', ') })];
  if (e.tooOld) lines.push(t(lang, 'cli.python.too-old', { found: e.tooOld }));
  lines.push(platform === 'win32' ? t(lang, 'cli.python.how') : t(lang, 'cli.python.how-unix', { example: examplePython(platform) }));
  return lines.join('\n');
}

/** Which interpreter runs the programs, and how to choose another one (shown by watch mode). */
export function pythonUsedMessage(lang: Lang, py: PythonInfo, platform: NodeJS.Platform = process.platform): string {
  return [
    t(lang, 'cli.python.used', { version: py.version, path: py.path, source: t(lang, `cli.python.source.${sourceKey(py.source)}`) }),
    t(lang, 'cli.python.choose', { example: examplePython(platform) }),
  ].join('\n');
}

/** Catalogue key suffix of a discovery source ('py -3' -> 'py'). */
export function sourceKey(source: string): string {
  const known: Record<string, string> = { '--python': 'option', PYTHON: 'env', python3: 'path', python: 'path', 'py -3': 'py', thonny: 'thonny' };
  return known[source] ?? 'path';
}
