// The terminal's « attendu » / « obtenu » lines: a value of several lines (a program that printed
// two lines) keeps its lines under the value, not at the start of the terminal's line.
import { describe, expect, it } from 'vitest';
import { renderExercise } from '../../src/report/terminal.js';
import { check, exercise } from './fixtures.js';

describe('expected and seen values in the terminal', () => {
  it('a value of several lines is indented under its first line', () => {
    const ex = exercise('ex3', [check('ex3.serveur-affiche', 'fail', { message: 'Le serveur n’affiche pas les messages reçus.', expected: 'Bonjour', seen: 'Serveur prêt\nReçu : Bonjour' })]);
    const lines = renderExercise('fr', ex).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const first = lines.findIndex((l) => /obtenu +:/.test(l));
    expect(lines[first]).toMatch(/^ {6}obtenu +: Serveur prêt$/);
    expect(lines[first + 1]).toBe(`${' '.repeat(lines[first].indexOf('Serveur'))}Reçu : Bonjour`);
  });
});
