// Which Chromium the HTML report is looked at with: CHROMIUM_PATH if set, else one installed on the
// machine, else the one the project's own `npm install` brings (@sparticuz/chromium, Linux x64). The
// bundled one comes brotli-compressed with the NSS libraries and fonts it needs; we unpack it once
// into node_modules/.cache and hand the browser its own LD_LIBRARY_PATH, so a machine with Node and
// Python only can run it. Nothing is downloaded.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { untar } from './untar.js';

export interface ChromiumChoice {
  executablePath: string;
  /** the browser process's environment (the bundled one needs its own libraries and fonts) */
  env: Record<string, string>;
  /** one line saying which browser this is, for the test output */
  description: string;
}

/** Where each system puts a Chromium or Chrome when installed the usual way. */
export function systemCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'linux') {
    return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  }
  if (platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.map((r) => path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return [];
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  exists?: (file: string) => boolean;
}

/** The Chromium to use, unpacking the bundled one on first use. Throws, saying why, when there is none. */
export async function findChromium(options: FindOptions = {}): Promise<ChromiumChoice> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const exists = options.exists ?? existsSync;
  if (env.CHROMIUM_PATH) return { executablePath: env.CHROMIUM_PATH, env: {}, description: `${env.CHROMIUM_PATH} (CHROMIUM_PATH)` };
  const found = systemCandidates(platform, env).find((file) => exists(file));
  if (found) return { executablePath: found, env: {}, description: `${found} (installed on this machine)` };
  if (platform === 'linux' && arch === 'x64') return bundledChromium();
  throw new Error(`No Chromium or Chrome found (looked at: ${systemCandidates(platform, env).join(', ')}); `
    + 'install one or set CHROMIUM_PATH to its executable.');
}

function bundledPackage(): { bin: string; version: string; cacheRoot: string } {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sparticuz/chromium'); // <node_modules>/@sparticuz/chromium/build/cjs/index.cjs
  const pkgDir = path.resolve(path.dirname(entry), '../..');
  const version: string = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  return { bin: path.join(pkgDir, 'bin'), version, cacheRoot: path.resolve(pkgDir, '../../.cache/tp-reseau-check') };
}

/** fontconfig: the system's fonts when there are some, and the bundled Open Sans in any case. */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(dir, 'fonts')}</dir>
  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

function bundledChoice(dir: string, version: string): ChromiumChoice {
  const libs = path.join(dir, 'lib');
  return {
    executablePath: path.join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
    description: `${path.join(dir, 'chromium')} (bundled by @sparticuz/chromium ${version}, its own NSS libraries in ${libs})`,
  };
}

/**
 * Unpacks into a private folder, then renames it into place: two test runs starting together each
 * unpack, one rename wins, and no run ever sees a half-written browser.
 */
export async function bundledChromium(): Promise<ChromiumChoice> {
  const { bin, version, cacheRoot } = bundledPackage();
  const dir = path.join(cacheRoot, `chromium-${version}`);
  if (existsSync(path.join(dir, 'chromium'))) return bundledChoice(dir, version);
  mkdirSync(cacheRoot, { recursive: true });
  const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(partial);
    await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(),
      createWriteStream(path.join(partial, 'chromium'), { mode: 0o755 }));
    // swiftshader's libraries sit beside the binary, where Chromium looks for them; al2023 brings lib/.
    for (const archive of ['swiftshader.tar.br', 'al2023.tar.br', 'fonts.tar.br']) {
      untar(brotliDecompressSync(readFileSync(path.join(bin, archive))), partial);
    }
    writeFileSync(path.join(partial, 'fonts.conf'), fontsConf(dir));
    try {
      renameSync(partial, dir);
    } catch (error) {
      if (!existsSync(path.join(dir, 'chromium'))) throw error; // not a lost race: a real failure
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return bundledChoice(dir, version);
}
