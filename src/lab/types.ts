// The shapes of a lab's data files (schemas/lab.schema.json, schemas/exercise.schema.json), as
// the loader reads them after validation. docs/lab-format.md explains each field to a teacher.
import type { Role } from '../model.js';

/** A text in both languages; a plain string is French (English falls back to it). */
export type Text = string | { fr: string; en?: string };

/** A text in `lang` (English falls back to French). */
export function textIn(x: Text, lang: 'fr' | 'en'): string {
  return typeof x === 'string' ? x : lang === 'en' ? x.en ?? x.fr : x.fr;
}

/** lab.yaml: the lab's exercises in order, where its programs are, its own sentences. */
export interface LabFile {
  name?: Text;
  /** the exercise files, in the lab's order (relative to the lab folder) */
  exercises: string[];
  /** the folder of its reference programs (default: reference) */
  reference?: string;
  /** the folder given to students (default: student-template) */
  template?: string;
  /** sentences shared by its exercises: catalogue key -> text (failure messages, hints) */
  texts?: Record<string, Text>;
}

export interface CheckFile {
  id: string;
  role: Role;
  points: number;
  bonus?: boolean;
  title?: Text;
  /** --explain: what is checked, why, how to fix it */
  what?: Text;
  why?: Text;
  fix?: Text;
}

/** A value of a step: a literal, or `$name.path` (values, config, it, n, long). */
export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

/** One step: a bare verb (`connect`), or one verb with its argument, or a check with its steps. */
export type StepFile = string | Record<string, Value>;

export interface ScenarioFile {
  name: string;
  /** the steps (start, connect, check...), in order */
  steps?: StepFile[];
  /** escape hatch: `file.ts#export` (or .js / .mjs), a scenario written against the check API */
  script?: string;
  /** for a script: the student's files it runs and the checks it decides, in order */
  files?: ('serveur.py' | 'client.py')[];
  decides?: string[];
}

/** An exercise file (e.g. 3-ping-pong.yaml). */
export interface ExerciseFile {
  id: string;
  folder: string;
  title?: Text;
  /** named values the steps use as `$name` */
  values?: Record<string, Value>;
  texts?: Record<string, Text>;
  checks: CheckFile[];
  scenarios: ScenarioFile[];
}
