// Opens a report in Debian's headless Chromium (playwright-core drives it; no browser download).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Opened {
  page: Page;
  /** every request the page made that did not stay on file:// */
  networkRequests: string[];
  close: () => Promise<void>;
}

export async function openReport(file: string): Promise<Opened> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
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
  return { page, networkRequests, close: () => context.close() };
}
