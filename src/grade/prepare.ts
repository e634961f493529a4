// Turns one submission (folder, .zip, or a stray file) into a folder in the standard layout,
// with notes for the teacher about anything unusual. Never throws for a student's mistake.
// Archives inside the submission (a Moodle folder holding the uploaded zip, `rendu/tp.zip` inside
// a zip, a zip of a zip...) are opened, level by level, while no Python file has been found:
// at most MAX_NESTING levels and MAX_INNER_ARCHIVES archives, each under the zip guards of
// ./unzip.ts, all sharing one size budget.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../model.js';
import type { Submission } from './discover.js';
import { DEFAULT_ZIP_LIMITS, extractZip, ZipRefused } from './unzip.js';
import { locateExercises, stageSubmission, type Located } from './locate.js';
import { t } from '../i18n/report-keys.js';

export interface Prepared {
  /** the folder to check (possibly empty: then every check is 'skip', not done) */
  dir: string;
  notes: string[];
  /** the submission could not be read (not a folder nor a zip, archive refused): no grade, a remark */
  unreadable?: boolean;
}

/** Levels of archives inside archives opened below the submission itself. */
export const MAX_NESTING = 4;
/** Archives opened inside one submission, all levels together. */
export const MAX_INNER_ARCHIVES = 20;

const MAX_LISTED = 8;

function list(files: string[]): string {
  return files.slice(0, MAX_LISTED).join(', ') + (files.length > MAX_LISTED ? ', …' : '');
}

interface Opened { root: string; located: Located; refused: boolean }

/** Opens the archives found under `root`, level by level, until Python files appear. */
async function openNestedZips(root: string, work: string, lang: Lang, notes: string[], usedBytes: number): Promise<Opened> {
  let current = root;
  let located = await locateExercises(current);
  let refused = false;
  let opened = 0;
  for (let level = 1; located.pythonFiles.length === 0; level++) {
    const zips = located.allFiles.filter((f) => /\.zip$/i.test(f));
    if (zips.length === 0) break;
    if (level > MAX_NESTING || opened >= MAX_INNER_ARCHIVES) {
      notes.push(t(lang, 'report.submission.tooDeep', { max: MAX_NESTING, archives: MAX_INNER_ARCHIVES }));
      break;
    }
    const next = path.join(work, `inner-${level}`);
    for (const rel of zips) {
      if (opened >= MAX_INNER_ARCHIVES) break;
      opened++;
      const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: Math.max(0, DEFAULT_ZIP_LIMITS.maxTotalBytes - usedBytes) };
      try {
        // a short folder per archive (its name may say the exercise: 'exercice1.zip'), so deep nesting
        // stays within locateExercises' depth
        const into = path.join(next, `${opened}-${path.basename(rel).replace(/\.zip$/i, '')}`);
        usedBytes += (await extractZip(path.join(current, rel), into, limits)).totalBytes;
      } catch (e) {
        if (!(e instanceof ZipRefused)) throw e;
        refused = true;
        notes.push(t(lang, 'report.submission.zipRefused', { name: rel, reason: t(lang, e.key, e.vars) }));
      }
    }
    current = next;
    located = await locateExercises(current);
  }
  return { root: current, located, refused };
}

export async function prepareSubmission(sub: Submission, work: string, lang: Lang): Promise<Prepared> {
  const notes: string[] = [];
  const dir = path.join(work, 'eleve');
  await mkdir(dir, { recursive: true });
  let root: string;
  let usedBytes = 0;
  if (sub.source === 'file') {
    notes.push(t(lang, 'report.submission.unsupported', { name: sub.name }));
    return { dir, notes, unreadable: true };
  }
  if (sub.source === 'zip') {
    try {
      usedBytes = (await extractZip(sub.path, path.join(work, 'zip'))).totalBytes;
      root = path.join(work, 'zip');
    } catch (e) {
      if (!(e instanceof ZipRefused)) throw e;
      notes.push(t(lang, 'report.submission.zipRefused', { name: sub.name, reason: t(lang, e.key, e.vars) }));
      return { dir, notes, unreadable: true };
    }
  } else root = sub.path;

  const opened = await openNestedZips(root, work, lang, notes, usedBytes);
  const { located } = opened;
  // Nothing to grade because an archive was refused: the teacher must look, 0 would be a wrong grade.
  if (located.pythonFiles.length === 0 && opened.refused) return { dir, notes, unreadable: true };
  if (located.pythonFiles.length === 0) notes.push(t(lang, 'report.submission.empty'));
  else if (located.placements.length === 0) notes.push(t(lang, 'report.submission.noExercise', { files: list(located.allFiles) }));
  const byName = located.placements.filter((p) => p.how !== 'folder');
  if (byName.length > 0) {
    notes.push(t(lang, 'report.submission.flat', { files: list(byName.map((p) => `${p.source} → ${p.folder}/${p.role}.py`)) }));
  }
  await stageSubmission(opened.root, dir, located);
  return { dir, notes };
}
