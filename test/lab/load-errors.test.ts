// A lab with a mistake is refused before anything runs, with every problem at its file, line and
// column, in the teacher's language, with a suggestion for a misspelt name.
import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLab, LabError } from '../../src/lab/load.js';
import { builtInLabDir } from '../../src/lab/active.js';

const EXAMPLE = path.join(import.meta.dirname, '..', '..', 'examples', 'ping-pong-quit');
const EXERCISE = '3-ping-pong.yaml';
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'tprc-lab-'));
  return () => rmSync(work, { recursive: true, force: true });
});

/** A copy of the quit example with its exercise file edited by `edit`; the error it gives. */
async function errorOf(edit: (text: string) => string, file = EXERCISE): Promise<{ err: LabError; fr: string; en: string }> {
  const dir = mkdtempSync(path.join(work, 'lab-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  expect(after, 'the edit changed the file').not.toBe(before);
  writeFileSync(full, after);
  const err = await loadLab(dir).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return { err: err as LabError, fr: (err as LabError).render('fr'), en: (err as LabError).render('en') };
}

/** The line (from 1) of the first occurrence of `text` in the example's exercise file. */
const lineOf = (text: string, file = EXERCISE) => readFileSync(path.join(EXAMPLE, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('a lab file with a mistake', () => {
  it('a misspelt step: its line and column, and the step meant', async () => {
    const { err, fr, en } = await errorOf((s) => s.replace('expect echo: $it', 'expect ecoh: $it'));
    expect(err.problems).toHaveLength(1);
    const line = lineOf('expect echo: $it');
    expect(fr).toContain(`3-ping-pong.yaml:${line}:13 : étape inconnue « expect ecoh ». (vouliez-vous dire « expect echo » ?)`);
    expect(en).toContain('unknown step “expect ecoh”. (did you mean “expect echo”?)');
  });

  it('a misspelt key of a check', async () => {
    const { fr } = await errorOf((s) => s.replace('    points: 2\n', '    pionts: 2\n'));
    expect(fr).toMatch(/3-ping-pong\.yaml:\d+:5 : clé inconnue « pionts »\. \(vouliez-vous dire « points » \?\)/);
    expect(fr).toContain('il manque la clé « points »');
  });

  it('a misspelt value', async () => {
    const { fr } = await errorOf((s) => s.replace('for each: $messages', 'for each: $mesages'));
    expect(fr).toContain('valeur inconnue « $mesages »');
    expect(fr).toContain('(vouliez-vous dire « $messages » ?)');
  });

  it('a check decided by no step, a step naming an unknown check', async () => {
    const { fr } = await errorOf((s) => s.replace('- check: pp.serveur-quit', '- check: pp.serveur-quitt'));
    expect(fr).toContain('la vérification « pp.serveur-quitt » n’est pas dans la liste checks. (vouliez-vous dire « pp.serveur-quit » ?)');
    expect(fr).toContain('aucun scénario ne décide la vérification « pp.serveur-quit »');
  });

  it('a step before the one it needs', async () => {
    const { fr } = await errorOf((s) => s.replace('      - connect\n', '').replace('        expect listens on port: $port\n', '        expect listens on port: $port\n      - connect\n').replace('      - start: serveur.py\n', '      - connect\n      - start: serveur.py\n'));
    expect(fr).toContain('l’étape « connect » a besoin d’une étape « start » avant elle.');
  });

  it('a YAML syntax error: where it is', async () => {
    const { fr, err } = await errorOf((s) => s.replace('values:\n  end: quit', 'values:\n  end: quit\n   port: [50000'));
    expect(err.problems[0].key).toBe('lab.error.syntax');
    expect(fr).toMatch(/3-ping-pong\.yaml:1[0-9]:\d+ : erreur de syntaxe/);
  });

  it('an exercise file that does not exist: where lab.yaml names it', async () => {
    const { fr } = await errorOf((s) => s.replace('- 3-ping-pong.yaml', '- 3-ping-pongg.yaml'), 'lab.yaml');
    expect(fr).toMatch(/lab\.yaml:\d+:5 : fichier introuvable : .*3-ping-pongg\.yaml\./);
  });

  it('no lab.yaml at all', async () => {
    const err = await loadLab(work).catch((e: unknown) => e);
    expect((err as LabError).render('fr')).toContain('pas de fichier lab.yaml');
  });
});

describe('the built-in lab', () => {
  it('passes the full validation a teacher’s lab gets (schema, steps), though it is read without it', async () => {
    const lab = await loadLab(builtInLabDir());
    expect(lab.exercises.map((e) => e.id)).toEqual(['ex1', 'ex2', 'ex3', 'ex4']);
  });
});

describe('a text that YAML reads as something else', () => {
  it('« Question : ça va ? » unquoted in a list of messages is a pair, not a text: said where it is used', async () => {
    const { fr, err } = await errorOf((s) => s.replace('messages: [Salut !, Il fait beau aujourd’hui., "Accents : àéèçù"]', 'messages:\n    - Salut !\n    - Question : ça va ?'));
    expect(err.problems.map((p) => p.key)).toContain('lab.error.text-expected');
    expect(fr).toContain('« expect echo » attend un texte, pas une liste ni une paire « clé : valeur »');
  });

  it('a title in flow style with a comma: the title is not a text, and its second half is no key', async () => {
    const { fr } = await errorOf((s) => s.replace('    title:\n      fr: "Le serveur écoute sur le port 50000"\n      en: "The server listens on port 50000"\n', '    title: { fr: Le serveur écoute, sur le port 50000 }\n'));
    expect(fr).toMatch(/3-ping-pong\.yaml:\d+:\d+ : clé inconnue « sur le port 50000 »\./);
  });
});

describe('steps that read what another step makes', () => {
  it('a client connected to the server before the server is started; a focus on a program not started', async () => {
    const { fr } = await errorOf((s) => s.replace('      - start: { file: client.py, connect: listener }', '      - start: { file: client.py, connect: serveur }\n      - focus: serveur.py'));
    expect(fr).toContain('l’étape « start » a besoin d’une étape « start: serveur.py » avant elle.');
    expect(fr).toContain('l’étape « focus: serveur.py » a besoin d’une étape « start: serveur.py » avant elle.');
  });

  it('the typed message judged before any data was taken', async () => {
    const { fr } = await errorOf((s) => s.replace('      - check: pp.client-affiche\n        expect prints: $messages', '      - check: pp.client-affiche\n        expect typed message sent: Salut !'));
    expect(fr).toContain('l’étape « expect typed message sent » a besoin d’une étape « expect some data » avant elle.');
  });

  it('facts beside a decider that cannot show them', async () => {
    const { fr } = await errorOf((s) => s.replace('      - check: pp.client-affiche\n        expect prints: $messages', '      - check: pp.client-affiche\n        expect prints: $messages\n        facts: { message: $data }'));
    expect(fr).toContain('« expect prints » décide sans montrer de faits');
  });
});
