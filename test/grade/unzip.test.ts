import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractZip, ZipRefused } from '../../src/grade/unzip.js';
import { t } from '../../src/i18n/report-keys.js';
import { rawZip, zipBuffers } from './zip-helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'unzip-'));

async function refusal(zip: string, dest: string): Promise<string> {
  try {
    await extractZip(zip, dest);
  } catch (e) {
    if (e instanceof ZipRefused) return t('fr', e.key, e.vars);
    throw e;
  }
  throw new Error('not refused');
}

describe('extractZip', () => {
  it('writes the Python files (accents in names too), lists the others, skips macOS junk', async () => {
    const dir = tmp();
    const zip = path.join(dir, 'a.zip');
    await zipBuffers(zip, {
      'TP réseau/3-ping-pong/serveur.py': 'print("é")\n', 'TP réseau/compte-rendu.pdf': 'x',
      '__MACOSX/TP réseau/._serveur.py': 'junk', 'TP réseau/.DS_Store': 'junk',
    });
    const out = await extractZip(zip, path.join(dir, 'out'));
    expect(out.names).toEqual(['TP réseau/3-ping-pong/serveur.py', 'TP réseau/compte-rendu.pdf']);
    expect(readFileSync(path.join(dir, 'out/TP réseau/3-ping-pong/serveur.py'), 'utf8')).toBe('print("é")\n');
    expect(existsSync(path.join(dir, 'out/TP réseau/compte-rendu.pdf'))).toBe(false);
  });

  it('refuses path traversal and absolute paths, writing nothing outside', async () => {
    const dir = tmp();
    rawZip(path.join(dir, 'evil.zip'), [{ name: 'ok.py', data: Buffer.from('1') }, { name: '../../evil.py', data: Buffer.from('x') }]);
    expect(await refusal(path.join(dir, 'evil.zip'), path.join(dir, 'out'))).toBe('le chemin « ../../evil.py » sort du dossier de l’archive');
    expect(existsSync(path.join(dir, 'evil.py'))).toBe(false);
    rawZip(path.join(dir, 'abs.zip'), [{ name: '/etc/x.py', data: Buffer.from('x') }]);
    expect(await refusal(path.join(dir, 'abs.zip'), path.join(dir, 'out2'))).toBe('le chemin « /etc/x.py » est absolu');
  });

  it('refuses an archive bomb from its headers, before inflating anything', async () => {
    const dir = tmp();
    rawZip(path.join(dir, 'bomb.zip'), [{ name: 'a.py', data: deflateRawSync(Buffer.from('x')), method: 8, declaredSize: 4_000_000_000 }]);
    expect(await refusal(path.join(dir, 'bomb.zip'), path.join(dir, 'out'))).toBe('plus de 200 Mo une fois décompressée');
    // A real high-ratio entry: 8 MB of zeros deflate to a few kB.
    await zipBuffers(path.join(dir, 'zeros.zip'), { 'serveur.py': Buffer.alloc(8 * 1024 * 1024) });
    expect(await refusal(path.join(dir, 'zeros.zip'), path.join(dir, 'out2'))).toMatch(/taux de compression suspect pour « serveur\.py »/);
  });

  it('catches an entry that inflates beyond its declared size', async () => {
    const dir = tmp();
    rawZip(path.join(dir, 'liar.zip'), [{ name: 'a.py', data: deflateRawSync(Buffer.from('print(1)\n'.repeat(100))), method: 8, declaredSize: 10 }]);
    expect(await refusal(path.join(dir, 'liar.zip'), path.join(dir, 'out'))).toMatch(/^archive abîmée/);
  });

  it('refuses encrypted entries, never creates symbolic links, reports a damaged file', async () => {
    const dir = tmp();
    rawZip(path.join(dir, 'enc.zip'), [{ name: 'serveur.py', data: Buffer.from('xxxxxxxxxxxxprint(1)'), declaredSize: 8, flags: 1 }]);
    expect(await refusal(path.join(dir, 'enc.zip'), path.join(dir, 'out'))).toBe('le fichier « serveur.py » est chiffré (mot de passe)');
    rawZip(path.join(dir, 'link.zip'), [{ name: 'client.py', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]);
    const out = await extractZip(path.join(dir, 'link.zip'), path.join(dir, 'out2'));
    expect(out.written).toEqual([]);
    writeFileSync(path.join(dir, 'bad.zip'), 'PK not really a zip');
    expect(await refusal(path.join(dir, 'bad.zip'), path.join(dir, 'out3'))).toMatch(/^ce n’est pas une archive \.zip/);
  });
});
