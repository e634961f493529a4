import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/validate.js';
import { defaultConfig } from '../../src/config/defaults.js';

describe('config', () => {
  it('reads bonusInGrade (a boolean, default: bonus apart)', () => {
    expect(defaultConfig().bonusInGrade ?? false).toBe(false);
    expect(validateConfig({ bonusInGrade: true }).config.bonusInGrade).toBe(true);
    expect(validateConfig({ bonusInGrade: 'oui' }).errors).toEqual(['« bonusInGrade » : true ou false est attendu, trouvé "oui"']);
  });

  it('uses the defaults when there is no file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const { config, file } = await loadConfig({ cwd: dir });
    expect(file).toBeUndefined();
    expect(config).toEqual(defaultConfig());
  });

  it('reads ./tp-reseau.config.json (BOM tolerated) and applies command-line overrides', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    writeFileSync(path.join(dir, 'tp-reseau.config.json'), '\uFEFF' + JSON.stringify({
      exercises: ['ex3', '1-meme-machine'], echoPolicy: 'required', timeFactor: 2,
      points: { 'ex3.serveur-echo': 4 }, exercisePoints: { '1-meme-machine': 8 },
      messages: { typed: 'Salut', pingPong: ['a', 'b'] },
    }));
    const { config } = await loadConfig({ cwd: dir, overrides: { timeFactor: 3 } });
    expect(config.exercises).toEqual(['1-meme-machine', '3-ping-pong']);
    expect(config.echoPolicy).toBe('required');
    expect(config.timeFactor).toBe(3);
    expect(config.points).toEqual({ 'ex3.serveur-echo': 4 });
    expect(config.exercisePoints).toEqual({ ex1: 8 });
    expect(config.messages.typed).toBe('Salut');
    expect(config.messages.relay).toEqual(defaultConfig().messages.relay);
  });

  it('lists every problem at once, with suggestions for typos', () => {
    const { errors } = validateConfig({
      exercice: ['ex1'], echoPolicy: 'oui', timeFactor: -1,
      points: { 'ex3.serveur-ecoh': 2, 'ex1.serveur-ecoute': 'deux' },
      exercises: ['5-bonus'], messages: { pingPong: ['ok', 'fin'], typed: 'a\nb' },
    });
    expect(errors).toEqual([
      '« exercice » : réglage inconnu (vouliez-vous dire « exercises » ?)',
      '« exercises » : exercice inconnu « 5-bonus » (attendu : 1-meme-machine, 2-deux-machines, 3-ping-pong, 4-relais)',
      '« points » : vérification inconnue « ex3.serveur-ecoh » (vouliez-vous dire « ex3.serveur-echo » ?)',
      '« points.ex1.serveur-ecoute » : un nombre est attendu, trouvé "deux"',
      '« echoPolicy » : valeur « oui » non reconnue (attendu : required, forbidden, either)',
      '« timeFactor » : un nombre strictement positif est attendu, trouvé -1',
      '« messages.typed » : le texte doit tenir sur une ligne et ne pas être vide',
      '« messages.pingPong » : « fin » est tapé automatiquement à la fin, ne l’ajoutez pas',
    ]);
  });

  it('speaks English on request', () => {
    expect(validateConfig({ jobs: 0 }, 'en').errors).toEqual(['“jobs”: a whole number between 1 and 64 is expected, found 0']);
  });

  it('throws a ConfigError naming the file for bad JSON or a missing --config file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    writeFileSync(path.join(dir, 'bad.json'), '{ "timeFactor": 2, }');
    await expect(loadConfig({ cwd: dir, file: 'bad.json' })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ cwd: dir, file: 'bad.json' })).rejects.toThrow(/bad\.json[\s\S]*JSON invalide/);
    await expect(loadConfig({ cwd: dir, file: 'absent.json' })).rejects.toThrow(/Impossible de lire/);
  });
});

describe('documented config', () => {
  it('the example of docs/enseignant.md passes both the loader and schemas/config.schema.json', async () => {
    const { readFileSync } = await import('node:fs');
    const { schemaValidator } = await import('./helpers.js');
    const doc = readFileSync(path.join(import.meta.dirname, '../../docs/enseignant.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]);
    expect(validateConfig(example).errors).toEqual([]);
    expect(schemaValidator('config.schema.json')(example)).toEqual([]);
    expect(schemaValidator('config.schema.json')({ echoPolicy: 'oui' })).not.toEqual([]);
  });
});
