// The lab's exercises, in the lab's order. Adding an exercise: a module here, its texts in src/i18n.
import type { Exercise } from './lib/api.js';
import { memeMachine } from './1-meme-machine.js';
import { deuxMachines } from './2-deux-machines.js';
import { pingPong } from './3-ping-pong.js';
import { relais } from './4-relais.js';

export const exercises: readonly Exercise[] = [memeMachine, deuxMachines, pingPong, relais];

export function findExerciseDef(key: string): Exercise | undefined {
  return exercises.find((e) => e.id === key || e.folder === key || e.folder.startsWith(`${key}-`));
}
