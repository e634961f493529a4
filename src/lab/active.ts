// The lab this process checks: the built-in one (checks/lab.json), or the folder given with --lab
// or the config's `lab`. Chosen once, at start, before anything reads the exercises; grading
// workers and the namespace child are told the same folder and activate it again.
import path from 'node:path';
import { useExerciseFacts } from '../config/defaults.js';
import { useLabTexts } from '../i18n/index.js';
import { packageRoot } from '../util/package-root.js';
import { loadLab, type LabDef } from './load.js';

export type { LabDef };

/** The built-in lab's folder: its data files sit with the checks' TypeScript. */
export const builtInLabDir = (): string => path.join(packageRoot(), 'checks');

let active: Promise<LabDef> | undefined;
let activeDir: string | undefined;

/** Load the lab of `dir` (the built-in one when undefined) and make it this process's lab. */
export function activateLab(dir?: string): Promise<LabDef> {
  const wanted = dir ? path.resolve(dir) : builtInLabDir();
  if (active && activeDir === wanted) return active;
  activeDir = wanted;
  active = loadLab(wanted, { builtIn: !dir || wanted === builtInLabDir() }).then((lab) => {
    useExerciseFacts(lab.exercises.map((e) => ({ id: e.id, folder: e.folder, checks: e.checks.map((c) => c.id) })));
    useLabTexts(lab.texts);
    return lab;
  });
  active.catch(() => {
    active = undefined;
    activeDir = undefined;
  });
  return active;
}

/** The active lab (the built-in one if none was activated yet). */
export function activeLab(): Promise<LabDef> {
  return active ?? activateLab();
}

/** The folder of the active lab, for a worker or child process; undefined for the built-in one. */
export function activeLabDir(): string | undefined {
  return activeDir && activeDir !== builtInLabDir() ? activeDir : undefined;
}
