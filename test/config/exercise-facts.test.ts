// The exercises' ids, folders and check ids are defined once, by the exercise definitions
// (checks/index.ts). What must not import the checks reads a generated copy (src/config/
// exercise-facts.ts); the config schema repeats them for editors. Both are checked here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercises } from '../checks/builtin-lab.js';
import { exerciseFactsSource, FACTS_FILE } from '../../scripts/exercise-facts.js';
import { checkIds, labExercises, exerciseNames } from '../../src/config/defaults.js';
import { catalogues, t } from '../../src/i18n/index.js';
import { schemaValidator } from '../report/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/config.schema.json'), 'utf8'));
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('exercise facts', () => {
  it(`${FACTS_FILE} is up to date with the built-in lab, checks/lab.json (else: npm run facts)`, () => {
    expect(readFileSync(path.join(ROOT, FACTS_FILE), 'utf8')).toBe(exerciseFactsSource(exercises));
  });

  it('the config knows exactly the exercises and check ids of the definitions, in their order', () => {
    expect(labExercises().map(({ id, folder }) => ({ id, folder }))).toEqual(exercises.map((e) => ({ id: e.id, folder: e.folder })));
    expect(checkIds()).toEqual(exercises.flatMap((e) => e.checks.map((c) => c.id)));
  });

  it('the config schema names exactly the exercises and check ids of the definitions', () => {
    const names = exercises.flatMap((e) => [e.id, e.folder]);
    // the built-in lab's names, when no other lab is named (`lab`: that lab's own names)
    const props = schema.else.properties;
    expect(schema.if).toEqual(expect.objectContaining({ required: ['lab'] }));
    expect(sorted(props.exercises.items.enum), 'exercises').toEqual(sorted(names));
    expect(sorted(props.exercisePoints.propertyNames.enum), 'exercisePoints').toEqual(sorted(names));
    expect(props.points.propertyNames.enum, 'points').toEqual(exercises.flatMap((e) => e.checks.map((c) => c.id)));
    const validate = schemaValidator('config.schema.json');
    expect(validate({ points: { 'ex3.serveur-echo': 2 } })).toEqual([]);
    expect(validate({ points: { 'ex3.serveur-echoo': 2 } })).not.toEqual([]);
    // another lab's checks: its own ids (the checker validates them against that lab)
    expect(validate({ lab: 'mon-tp', points: { 'pp.serveur-port': 3 }, exercises: ['3-ping-pong'] })).toEqual([]);
  });

  it('no message lists the exercises by hand: a list is filled from the definitions', () => {
    // a hand-written list names the last exercise and another one ("ex1 à ex4", "3-ping-pong/ et 4-relais/")
    const last = exercises[exercises.length - 1];
    const names = (e: (typeof exercises)[number]) => new RegExp(`\\b(${e.id}(?![.\\w])|${e.folder})`);
    const lists = Object.entries(catalogues).flatMap(([lang, cat]) =>
      Object.entries(cat)
        .filter(([, text]) => names(last).test(text) && exercises.some((e) => e !== last && names(e).test(text)))
        .map(([key]) => `${lang}: ${key}`),
    );
    expect(lists).toEqual([]);
    expect(t('fr', 'cli.unknown-exercise', { id: 'ex9', ...exerciseNames() })).toBe(
      'Exercice inconnu : ex9 (connus : ex1 à ex4, ou 1-meme-machine, 2-deux-machines, 3-ping-pong, 4-relais).',
    );
    expect(t('en', 'cli.explain.list', exerciseNames())).toBe('For the list of an exercise’s checks: npm run check -- --explain ex1 (or ex2, ex3, ex4).');
  });
});
