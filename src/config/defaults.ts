// Default settings ("barème") and the fixed facts the config is validated against.
import type { Config } from './types.js';
import { EXERCISE_FACTS } from './exercise-facts.js';

/** The lab's exercises, in order: stable id <-> folder name (from their definitions, checks/index.ts). */
export const EXERCISES = EXERCISE_FACTS.map(({ id, folder }) => ({ id, folder }));

export type ExerciseId = (typeof EXERCISES)[number]['id'];

export const CONFIG_FILE_NAME = 'tp-reseau.config.json';

/** Every check id (docs/checks.md): a points override naming another id is a typo, reported as such. */
export const CHECK_IDS: readonly string[] = EXERCISE_FACTS.flatMap((e) => e.checks);

/** Per-student wall-clock budget before the grader gives up on the checker (scaled by timeFactor). */
export const DEFAULT_STUDENT_TIMEOUT_S = 120;

export function defaultConfig(): Config {
  return {
    exercises: EXERCISES.map((e) => e.folder),
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

/** 'ex3' or '3-ping-pong' -> the exercise, or undefined. */
export function findExercise(key: string): (typeof EXERCISES)[number] | undefined {
  return EXERCISES.find((e) => e.id === key || e.folder === key);
}

/** The exercises' names as the CLI's messages list them ("ex1 à ex4, ou 1-meme-machine, ..."). */
export function exerciseNames(): Record<'firstId' | 'lastId' | 'otherIds' | 'folders' | 'dirs' | 'dirsButLast' | 'lastDir', string> {
  const ids = EXERCISES.map((e) => e.id);
  const dirs = EXERCISES.map((e) => `${e.folder}/`);
  return {
    firstId: ids[0],
    lastId: ids[ids.length - 1],
    otherIds: ids.slice(1).join(', '),
    folders: EXERCISES.map((e) => e.folder).join(', '),
    dirs: dirs.join(', '),
    dirsButLast: dirs.slice(0, -1).join(', '),
    lastDir: dirs[dirs.length - 1],
  };
}
