// Opens a report in a real headless Chromium (playwright-core drives it): the one CHROMIUM_PATH names,
// else one installed on the machine, else the one `npm install` brought (scripts/browser/find-chromium.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { findChromium, type ChromiumChoice } from '../../scripts/browser/find-chromium.js';

let choice: Promise<ChromiumChoice> | undefined;
/** Found (and unpacked, the first time) once per test file. */
export const chromiumChoice = (): Promise<ChromiumChoice> => (choice ??= findChromium());

export interface Opened {
  page: Page;
  /** every request the page made that did not stay on file:// */
  networkRequests: string[];
  /** which browser rendered it, for the test output */
  browser: string;
  close: () => Promise<void>;
}

export async function openReport(file: string): Promise<Opened> {
  const found = await chromiumChoice();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: found.executablePath,
    env: { ...process.env, ...found.env },
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  const networkRequests: string[] = [];
  // The report must be self-contained: anything leaving file:// is recorded and blocked.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    networkRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  return { page, networkRequests, browser: `Chromium ${version}: ${found.description}`, close: () => context.close() };
}
