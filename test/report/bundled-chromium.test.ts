// The browser `npm install` brings (@sparticuz/chromium) runs on a machine that has neither Chromium
// nor the NSS libraries it needs: the system's copies are hidden by bind mounts in a private mount
// namespace (unshare -rm), and the browser must still render, from its own unpacked libraries.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledChromium, type ChromiumChoice } from '../../scripts/browser/find-chromium.js';

const RENDER = path.resolve(import.meta.dirname, '../fixtures/browser/render-page.mjs');
const LIB_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/usr/lib'];
const NSS = /^lib(nss3|nssutil3|nspr4|plc4|plds4|softokn3|freebl3|freeblpriv3|smime3)\.so/;

/** Every copy of the NSS/NSPR libraries the dynamic loader could find on this machine. */
function systemNss(): string[] {
  return LIB_DIRS.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => NSS.test(f)).map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  });
}

/** Runs the render fixture with `env`, each system NSS library replaced by an empty file. */
function renderWithNssHidden(browser: ChromiumChoice, env: Record<string, string>) {
  const hide = systemNss().map((f) => `mount --bind /dev/null '${f}' && `).join('');
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', `${hide}exec "$0" "$@"`, process.execPath, RENDER, browser.executablePath], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  if (r.error) throw new Error(`unshare -rm could not run (${r.error.message}): install util-linux, allow user namespaces`);
  return r;
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the bundled Chromium, system NSS hidden', () => {
  let browser: ChromiumChoice;
  beforeAll(async () => {
    browser = await bundledChromium();
  }, 180_000);

  it('cannot start without its own libraries (the hiding works)', () => {
    const r = renderWithNssHidden(browser, { LD_LIBRARY_PATH: '' });
    expect(r.status, r.stdout).not.toBe(0);
    expect(r.stderr).toMatch(/error while loading shared libraries: \S*lib(nss|nspr|plc|plds|smime)/);
  }, 120_000);

  it('renders a page with the libraries it unpacked', () => {
    const r = renderWithNssHidden(browser, browser.env);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { version: string; text: string };
    console.log(`bundled Chromium ${out.version} rendered with ${systemNss().length} system NSS libraries hidden`);
    expect(out.text).toBe('Rapport généré');
    expect(out.version).toMatch(/^\d+\./);
  }, 120_000);
});
