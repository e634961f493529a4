// Which browser the HTML tests use, and the small tar reader that unpacks the bundled one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, systemCandidates } from '../../scripts/browser/find-chromium.js';
import { untar } from '../../scripts/browser/untar.js';

/** One ustar header (name, mode, size, type), checksum filled in, followed by the padded body. */
function entry(name: string, text: string, type = '0'): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write(type, 156);
  header.write('ustar\u000000', 257);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  body.copy(padded);
  return Buffer.concat([header, padded]);
}
const END = Buffer.alloc(1024);
const tmp = () => mkdtempSync(path.join(tmpdir(), 'untar-'));

describe('untar', () => {
  it('writes folders and files, bodies intact', () => {
    const dir = tmp();
    const body = 'x'.repeat(700); // spans two blocks
    const written = untar(Buffer.concat([entry('lib/', '', '5'), entry('lib/libnss3.so', body), entry('a.txt', 'é'), END]), dir);
    expect(written).toEqual(['lib/libnss3.so', 'a.txt']);
    expect(readFileSync(path.join(dir, 'lib/libnss3.so'), 'utf8')).toBe(body);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('é');
  });

  it('refuses a damaged header, an entry outside the folder, a cut archive and unknown entry types', () => {
    const damaged = entry('a.txt', 'abc');
    damaged[3] ^= 1;
    expect(() => untar(damaged, tmp())).toThrow(/checksum/);
    expect(() => untar(Buffer.concat([entry('../evil', 'x'), END]), tmp())).toThrow(/outside/);
    expect(() => untar(entry('big', 'y'.repeat(600)).subarray(0, 700), tmp())).toThrow(/cut short/);
    expect(() => untar(Buffer.concat([entry('link', '', '2'), END]), tmp())).toThrow(/not supported/);
  });
});

describe('findChromium', () => {
  const none = () => false;

  it('takes CHROMIUM_PATH first, then a browser installed on the machine', async () => {
    const env = { CHROMIUM_PATH: '/opt/my/chrome' };
    expect((await findChromium({ env, exists: () => true })).executablePath).toBe('/opt/my/chrome');
    const found = await findChromium({ env: {}, platform: 'linux', exists: (f) => f === '/usr/bin/google-chrome' });
    expect(found.executablePath).toBe('/usr/bin/google-chrome');
    expect(found.env).toEqual({});
  });

  it('looks where Windows and macOS install Chrome', () => {
    expect(systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })).toEqual(['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe']);
    expect(systemCandidates('darwin', {})[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it('says where it looked when there is nothing to use (no bundled browser outside Linux x64)', async () => {
    await expect(findChromium({ env: {}, platform: 'darwin', exists: none })).rejects.toThrow(/Google Chrome\.app.*CHROMIUM_PATH/);
    await expect(findChromium({ env: {}, platform: 'linux', arch: 'arm64', exists: none })).rejects.toThrow(/\/usr\/bin\/chromium.*CHROMIUM_PATH/);
  });

  it('falls back to the bundled browser on Linux x64, with its own libraries on LD_LIBRARY_PATH', async () => {
    const found = await findChromium({ env: {}, platform: 'linux', arch: 'x64', exists: none });
    expect(found.executablePath).toMatch(/chromium-[\d.]+[/\\]chromium$/);
    expect(found.env.LD_LIBRARY_PATH.split(':')[0]).toBe(path.join(path.dirname(found.executablePath), 'lib'));
    expect(readFileSync(path.join(path.dirname(found.executablePath), 'lib', 'libnss3.so')).length).toBeGreaterThan(100_000);
  }, 180_000);
});
