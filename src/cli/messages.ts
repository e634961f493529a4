import type { Lang } from '../model.js';
import { t } from '../i18n/index.js';
import type { PythonNotFoundError } from '../python/discover.js';

/** What to do when no usable Python is found: install it, or point at Thonny's own interpreter. */
export function pythonNotFoundMessage(lang: Lang, e: PythonNotFoundError): string {
  const lines = [t(lang, 'cli.python.none', { tried: e.tried.join(', ') })];
  if (e.tooOld) lines.push(t(lang, 'cli.python.too-old', { found: e.tooOld }));
  lines.push(t(lang, 'cli.python.how'));
  return lines.join('\n');
}
