// The built-in lab's exercises (checks/lab.json and its files), for the tests that walk them.
import { loadLab } from '../../src/lab/load.js';
import { builtInLabDir } from '../../src/lab/active.js';
import { namesExercise } from '../../src/config/defaults.js';

export const builtInLab = await loadLab(builtInLabDir(), { builtIn: true });
export const exercises = builtInLab.exercises;

export function findExerciseDef(key: string) {
  return exercises.find((e) => namesExercise(e, key));
}
