// Default settings ("barème") and the fixed facts the config is validated against.
import type { Config } from './types.js';
import { EXERCISE_FACTS } from './exercise-facts.js';

/** An exercise as the lower layers know it: stable id, folder name, its check ids in order. */
export interface ExerciseFact {
  id: string;
  folder: string;
  checks: readonly string[];
}

// The lab this process checks. The built-in lab's facts are generated (npm run facts); a lab given
// with --lab (or the config's `lab`) replaces them once, at start, before anything reads them
// (src/lab/active.ts): the layers below the lab read its facts here, never the lab itself.
let facts: readonly ExerciseFact[] = EXERCISE_FACTS;

/** Set by src/lab/active.ts when a lab is activated (and by tests). */
export function useExerciseFacts(next: readonly ExerciseFact[]): void {
  facts = next;
}

/** The lab's exercises, in order: stable id <-> folder name. */
export function labExercises(): readonly ExerciseFact[] {
  return facts;
}

export const CONFIG_FILE_NAME = 'tp-reseau.config.json';

/** Every check id (docs/checks.md): a points override naming another id is a typo, reported as such. */
export function checkIds(): readonly string[] {
  return facts.flatMap((e) => e.checks);
}

/** Per-student wall-clock budget before the grader gives up on the checker (scaled by timeFactor). */
export const DEFAULT_STUDENT_TIMEOUT_S = 120;

export function defaultConfig(): Config {
  return {
    exercises: facts.map((e) => e.folder),
    points: {},
    exercisePoints: {},
    echoPolicy: 'either',
    timeFactor: 1,
    messages: {
      typed: 'Bonjour à toi, ça va ?',
      pingPong: ['Bonjour', 'Ça va très bien, et toi ?', 'Un message avec des accents : éèàçù'],
      relay: ['Salut tout le monde !', 'Qui est là ?'],
    },
  };
}

/** Does `key` name this exercise on the command line: its id ('ex3'), its folder, or the folder's number ('3')? */
export function namesExercise(e: { id: string; folder: string }, key: string): boolean {
  return e.id === key || e.folder === key || e.folder.startsWith(`${key}-`);
}

/** 'ex3' or '3-ping-pong' -> the exercise, or undefined. */
export function findExercise(key: string): ExerciseFact | undefined {
  return facts.find((e) => e.id === key || e.folder === key);
}

/** The exercises' names as the CLI's messages list them ("ex1 à ex4, ou 1-meme-machine, ..."). */
export function exerciseNames(): Record<'firstId' | 'lastId' | 'otherIds' | 'folders' | 'dirs' | 'dirsButLast' | 'lastDir', string> {
  const ids = facts.map((e) => e.id);
  const dirs = facts.map((e) => `${e.folder}/`);
  return {
    firstId: ids[0],
    lastId: ids[ids.length - 1],
    otherIds: ids.slice(1).join(', '),
    folders: facts.map((e) => e.folder).join(', '),
    dirs: dirs.join(', '),
    dirsButLast: dirs.slice(0, -1).join(', '),
    lastDir: dirs[dirs.length - 1],
  };
}
