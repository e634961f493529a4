// What `npm run check -- PATH` checks. The expected PATH holds the exercise folders (1-meme-machine/,
// ...). Students also pass one exercise folder (student-template/3-ping-pong): that exercise is
// checked from its parent. A file, or a folder of Python files outside the lab's layout, gets a
// message saying what to pass instead, rather than « fichier serveur.py absent » four times.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../model.js';
import { t } from '../i18n/index.js';
import { labExercises, exerciseNames } from '../config/defaults.js';

export type Target = { dir: string; exercises?: string[] } | { error: string };

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
const exerciseNamed = (folder: string) => labExercises().find((e) => e.folder === folder);
const matches = (key: string, e: { id: string; folder: string }) => key === e.id || key === e.folder;
const command = (dir: string, id?: string) => `npm run check -- "${dir}"${id ? ` -e ${id}` : ''}`;

export function resolveTarget(given: string, exercises: string[] | undefined, lang: Lang): Target {
  const full = path.resolve(given);
  if (!existsSync(full)) return { error: t(lang, 'cli.no-dir', { dir: full }) };
  const parent = path.dirname(full);
  if (!statSync(full).isDirectory()) {
    const ex = exerciseNamed(path.basename(parent));
    return ex
      ? { error: t(lang, 'cli.target.file-in-exercise', { path: full, folder: ex.folder, command: command(path.dirname(parent), ex.id) }) }
      : { error: t(lang, 'cli.target.file', { path: full, command: command(parent), ...exerciseNames() }) };
  }
  const ex = exerciseNamed(path.basename(full));
  if (ex && !labExercises().some((e) => isDir(path.join(full, e.folder)))) {
    if (exercises && !exercises.some((k) => matches(k, ex))) {
      return { error: t(lang, 'cli.target.other-exercise', { folder: ex.folder, asked: exercises.join(', '), command: command(parent, exercises[0]) }) };
    }
    return { dir: parent, exercises: [ex.id] };
  }
  const hasLayout = labExercises().some((e) => isDir(path.join(full, e.folder)));
  const python = hasLayout ? [] : readdirSync(full).filter((f) => /^(serveur|client).*\.py$/i.test(f));
  if (python.length > 0) return { error: t(lang, 'cli.target.loose-files', { dir: full, files: python.join(', '), ...exerciseNames() }) };
  return { dir: full, exercises };
}
