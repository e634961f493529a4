// Default settings ("barème") and the fixed facts the config is validated against.
import type { Config } from './types.js';

/** The lab's four exercises: stable id <-> folder name (docs/checks.md). */
export const EXERCISES = [
  { id: 'ex1', folder: '1-meme-machine' },
  { id: 'ex2', folder: '2-deux-machines' },
  { id: 'ex3', folder: '3-ping-pong' },
  { id: 'ex4', folder: '4-relais' },
] as const;

export type ExerciseId = (typeof EXERCISES)[number]['id'];

export const CONFIG_FILE_NAME = 'tp-reseau.config.json';

/** Check ids of docs/checks.md: a points override naming another id is a typo, reported as such. */
const PAIR_CHECKS = [
  'serveur-ecoute', 'serveur-recoit', 'serveur-repond', 'serveur-termine',
  'client-connecte', 'client-envoie', 'client-affiche', 'client-termine',
  'paire-port', 'paire-echange',
];
export const CHECK_IDS: readonly string[] = [
  ...PAIR_CHECKS.map((c) => `ex1.${c}`),
  ...PAIR_CHECKS.map((c) => `ex2.${c}`),
  'ex2.serveur-toutes-interfaces', 'ex2.client-message-saisi', 'ex2.client-adresse-voisin',
  'ex3.serveur-echo', 'ex3.serveur-long-message', 'ex3.serveur-affiche', 'ex3.serveur-fin',
  'ex3.serveur-depart-sans-fin', 'ex3.client-boucle', 'ex3.client-attend-reponse',
  'ex3.client-affiche', 'ex3.client-fin',
  'ex4.serveur-plusieurs-clients', 'ex4.serveur-relais', 'ex4.serveur-echo-expediteur',
  'ex4.serveur-depart', 'ex4.serveur-sans-boucle-active', 'ex4.serveur-retardataire',
  'ex4.serveur-tous-partis', 'ex4.client-relais',
];

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
