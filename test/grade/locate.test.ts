import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labExercises, useExerciseFacts } from '../../src/config/defaults.js';
import { EXERCISE_FACTS } from '../../src/config/exercise-facts.js';
import { exerciseFromContent, exerciseFromFileName, exerciseFromFolderName, locateExercises, roleFromFileName, stageSubmission } from '../../src/grade/locate.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'locate-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const placed = async (root: string) => (await locateExercises(root)).placements.map((p) => `${p.folder}/${p.role} <- ${p.source} (${p.how})`);

describe('locating exercise files', () => {
  it('recognises exercise folder names and roles', () => {
    // the patterns come from the exercise definitions: each exercise by its folder, id, number and name
    for (const [i, e] of labExercises().entries()) {
      const name = e.folder.replace(/^\d+-/, '').replace(/-/g, ' ');
      expect([e.folder, e.id, `Exercice ${i + 1}`, `partie_${i + 1}`, name.toUpperCase()].map(exerciseFromFolderName), e.folder).toEqual(Array(5).fill(e.folder));
      expect(exerciseFromFileName(`client${i + 1}.py`, 'client')).toBe(e.folder);
    }
    expect(exerciseFromFolderName(`ex${labExercises().length + 1}`)).toBeUndefined();
    expect(['1-meme-machine', 'Exercice 2', 'ex_3', 'Partie4', '3 - Ping Pong', 'relais', 'TP1', 'Dupont_12_assignsubmission_file_'].map(exerciseFromFolderName))
      .toEqual(['1-meme-machine', '2-deux-machines', '3-ping-pong', '4-relais', '3-ping-pong', '4-relais', undefined, undefined]);
    expect(['serveur.py', 'Server.py', 'client_v2.py', 'ex3_client.py', 'notes.py'].map(roleFromFileName)).toEqual(['serveur', 'serveur', 'client', 'client', undefined]);
    expect(exerciseFromFileName('serveur_5.py', 'serveur')).toBe('4-relais');
    expect(exerciseFromFileName('client3.py', 'client')).toBe('3-ping-pong');
    expect(exerciseFromFileName('client.py', 'client')).toBeUndefined();
    expect(exerciseFromContent('while True:\n  pass', 'client')).toBe('3-ping-pong');
    expect(exerciseFromContent('m = input("saisir")', 'client')).toBe('2-deux-machines');
    expect(exerciseFromContent("s.bind(('', 12345))", 'serveur')).toBe('2-deux-machines');
    expect(exerciseFromContent('import threading\nwhile True: pass', 'serveur')).toBe('4-relais');
    expect(exerciseFromContent('# while\nprint(1)', 'serveur')).toBe('1-meme-machine');
  });

  it('finds the standard layout under an extra top-level folder', async () => {
    const root = tree({ 'TP réseau Dupont/1-meme-machine/serveur.py': 's1', 'TP réseau Dupont/1-meme-machine/client.py': 'c1', 'TP réseau Dupont/3-ping-pong/serveur.py': 's3', 'TP réseau Dupont/notes.txt': '' });
    expect(await placed(root)).toEqual([
      '1-meme-machine/client <- TP réseau Dupont/1-meme-machine/client.py (folder)',
      '1-meme-machine/serveur <- TP réseau Dupont/1-meme-machine/serveur.py (folder)',
      '3-ping-pong/serveur <- TP réseau Dupont/3-ping-pong/serveur.py (folder)',
    ]);
  });

  it('places numbered files and the lab\'s names kept in one folder, reusing the ping-pong client for the relay', async () => {
    const root = tree({
      'client1.py': 'c1', 'serveur1.py': 's1', 'serveur_5.py': 'import threading',
      'serveur.py': 'while True:\n  pass', 'client.py': 'while connexion:\n  input()',
    });
    expect(await placed(root)).toEqual([
      '1-meme-machine/client <- client1.py (name)',
      '1-meme-machine/serveur <- serveur1.py (name)',
      '3-ping-pong/client <- client.py (content)',
      '3-ping-pong/serveur <- serveur.py (content)',
      '4-relais/client <- client.py (reused)',
      '4-relais/serveur <- serveur_5.py (name)',
    ]);
  });

  it('prefers the lab\'s exact name in a folder, and stages helper modules alongside', async () => {
    const root = tree({ 'ex3/serveur.py': 'import outils', 'ex3/serveur_old.py': 'old', 'ex3/outils.py': 'X = 1' });
    const located = await locateExercises(root);
    expect(located.placements.map((p) => p.source)).toEqual(['ex3/serveur.py']);
    const dest = mkdtempSync(path.join(tmpdir(), 'stage-'));
    await stageSubmission(root, dest, located);
    expect(readFileSync(path.join(dest, '3-ping-pong/serveur.py'), 'utf8')).toBe('import outils');
    expect(readFileSync(path.join(dest, '3-ping-pong/outils.py'), 'utf8')).toBe('X = 1');
  });
});

describe('locating the exercise files of another lab (--lab)', () => {
  it('a lab of one exercise numbered 5: « Exercice 5 », ex5, client5.py, its name', () => {
    useExerciseFacts([{ id: 'ex5', folder: '5-ping-heure', checks: ['ex5.serveur-ping'] }]);
    try {
      expect(['Exercice 5', 'ex5', 'partie_5', 'Ping Heure', '5-ping-heure'].map(exerciseFromFolderName)).toEqual(Array(5).fill('5-ping-heure'));
      expect([exerciseFromFileName('client5.py', 'client'), exerciseFromFileName('serveur_5.py', 'serveur')]).toEqual(['5-ping-heure', '5-ping-heure']);
      // the lab's own names in one folder: its only exercise (the built-in rules would say 3-ping-pong)
      expect(exerciseFromContent('while True:\n    pass\n', 'serveur')).toBe('5-ping-heure');
    } finally {
      useExerciseFacts(EXERCISE_FACTS);
    }
  });
});
