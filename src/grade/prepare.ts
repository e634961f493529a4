// Turns one submission (folder, .zip, or a stray file) into a folder in the standard layout,
// with notes for the teacher about anything unusual. Never throws for a student's mistake.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../model.js';
import type { Submission } from './discover.js';
import { extractZip, ZipRefused } from './unzip.js';
import { locateExercises, stageSubmission } from './locate.js';
import { t } from '../report/i18n.js';

export interface Prepared {
  /** the folder to check (possibly empty: then every check is 'skip', not done) */
  dir: string;
  notes: string[];
}

const MAX_LISTED = 8;

function list(files: string[]): string {
  return files.slice(0, MAX_LISTED).join(', ') + (files.length > MAX_LISTED ? ', …' : '');
}

/** Moodle folders often hold the uploaded archive: open .zip files found inside when no .py is. */
async function openInnerZips(root: string, work: string, lang: Lang, notes: string[]): Promise<string> {
  const names = await readdir(root).catch(() => [] as string[]);
  const zips = names.filter((n) => /\.zip$/i.test(n)).sort();
  if (zips.length === 0) return root;
  const inner = path.join(work, 'inner');
  for (const z of zips) {
    try {
      await extractZip(path.join(root, z), path.join(inner, z.replace(/\.zip$/i, '')));
    } catch (e) {
      if (!(e instanceof ZipRefused)) throw e;
      notes.push(t(lang, 'report.submission.zipRefused', { name: z, reason: t(lang, e.key, e.vars) }));
    }
  }
  return inner;
}

export async function prepareSubmission(sub: Submission, work: string, lang: Lang): Promise<Prepared> {
  const notes: string[] = [];
  const dir = path.join(work, 'eleve');
  await mkdir(dir, { recursive: true });
  let root: string | undefined;
  if (sub.source === 'file') {
    notes.push(t(lang, 'report.submission.unsupported', { name: sub.name }));
    return { dir, notes };
  }
  if (sub.source === 'zip') {
    try {
      await extractZip(sub.path, path.join(work, 'zip'));
      root = path.join(work, 'zip');
    } catch (e) {
      if (!(e instanceof ZipRefused)) throw e;
      notes.push(t(lang, 'report.submission.zipRefused', { name: sub.name, reason: t(lang, e.key, e.vars) }));
      return { dir, notes };
    }
  } else root = sub.path;

  let located = await locateExercises(root);
  if (located.pythonFiles.length === 0) {
    const inner = await openInnerZips(root, work, lang, notes);
    if (inner !== root) {
      root = inner;
      located = await locateExercises(root);
    }
  }
  if (located.pythonFiles.length === 0) notes.push(t(lang, 'report.submission.empty'));
  else if (located.placements.length === 0) notes.push(t(lang, 'report.submission.noExercise', { files: list(located.allFiles) }));
  const byName = located.placements.filter((p) => p.how !== 'folder');
  if (byName.length > 0) {
    notes.push(t(lang, 'report.submission.flat', { files: list(byName.map((p) => `${p.source} → ${p.folder}/${p.role}.py`)) }));
  }
  await stageSubmission(root, dir, located);
  return { dir, notes };
}
