// A refused archive is explained to the teacher in French (or English), never in the zip library's
// own English: what is wrong with the file, and what the student can do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractZip, ZipRefused } from '../../src/grade/unzip.js';
import { t } from '../../src/i18n/report-keys.js';
import { rawZip } from './zip-helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'unzip-words-'));
const LIBRARY_ENGLISH = /signature|central directory|bytes in the stream|compression method|expected|not found|zip file|EOF|invalid|block|distance|header check/i;

async function refusal(zip: string, lang: 'fr' | 'en' = 'fr'): Promise<string> {
  try {
    await extractZip(zip, path.join(path.dirname(zip), `out-${path.basename(zip)}`));
  } catch (e) {
    if (e instanceof ZipRefused) return t(lang, e.key, e.vars);
    throw e;
  }
  throw new Error('not refused');
}

describe('refused archives, in words', () => {
  it('a file that is not a zip (or was cut while uploading)', async () => {
    const zip = path.join(tmp(), 'tp.zip');
    writeFileSync(zip, 'Rar! not a zip at all');
    const fr = await refusal(zip);
    expect(fr).not.toMatch(LIBRARY_ENGLISH);
    expect(fr).toContain('pas une archive .zip');
    expect(await refusal(zip, 'en')).toContain('not a .zip archive');
  });

  it('an entry larger than it says', async () => {
    const zip = path.join(tmp(), 'liar.zip');
    rawZip(zip, [{ name: 'a.py', data: deflateRawSync(Buffer.from('print(1)\n'.repeat(100))), method: 8, declaredSize: 10 }]);
    const fr = await refusal(zip);
    expect(fr).not.toMatch(LIBRARY_ENGLISH);
    expect(fr).toContain('archive abîmée');
  });

  it('a compression method the checker cannot read', async () => {
    const zip = path.join(tmp(), 'lzma.zip');
    rawZip(zip, [{ name: 'serveur.py', data: Buffer.from('xxxx'), method: 14 }]);
    const fr = await refusal(zip);
    expect(fr).not.toMatch(LIBRARY_ENGLISH);
    expect(fr).toContain('recompresse');
  });

  it('a damaged compressed stream', async () => {
    const zip = path.join(tmp(), 'garbled.zip');
    rawZip(zip, [{ name: 'client.py', data: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), method: 8, declaredSize: 50 }]);
    const fr = await refusal(zip);
    expect(fr).not.toMatch(LIBRARY_ENGLISH);
    expect(fr).toMatch(/abîmée/);
  });
});
