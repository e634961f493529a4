// `node dist/scripts/screenshot-report.js REPORT.html OUT.png [WIDTH]`: a full-page screenshot of a
// report in headless Chromium (the one the tests use: scripts/browser/find-chromium.ts), to look at
// report.html after changing it.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './browser/find-chromium.js';

const [file, out, width = '1400'] = process.argv.slice(2);
if (!file || !out) {
  process.stderr.write('usage: node dist/scripts/screenshot-report.js REPORT.html OUT.png [WIDTH]\n');
  process.exit(2);
}
const found = await findChromium();
const browser = await chromium.launch({ executablePath: found.executablePath, env: { ...process.env, ...found.env }, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`${out} (${found.description})\n`);
} finally {
  await browser.close();
}
