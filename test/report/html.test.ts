import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderSequence } from '../../src/report/html-sequence.js';
import { histogram } from '../../src/report/html-chart.js';
import { classOf4, echoTranscript } from './fixtures.js';
import { chromiumChoice, openReport } from './browser.js';

const labels = { connect: 'connect()', close: 'close()', listen: 'listen()', exit: 'exit', stopped: 'stopped', more: (n: number) => `+${n}`, repeated: (n: number) => `(${n} fois)` };

describe('report.html (static)', () => {
  it('draws the exchange with client left of serveur, text escaped', () => {
    const svg = renderSequence(echoTranscript, labels);
    expect(svg.indexOf('>client<')).toBeLessThan(svg.indexOf('>serveur<'));
    expect(svg).toContain('Ça va &lt;très&gt; bien &amp; toi ?');
    expect(svg).not.toContain('<très>');
  });

  it('bins grades in steps of 2, 20 in the last bin', () => {
    expect(histogram([0, 1.75, 2, 19.75, 20, 10])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('has no external reference', () => {
    const html = renderHtml(classOf4(), { generatedAt: '2026-03-02T09:00:00.000Z' });
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('report.html in headless Chromium', () => {
  // The first run on a machine unpacks the bundled browser (a few seconds): not the test's budget.
  beforeAll(async () => {
    await chromiumChoice();
  }, 180_000);

  it('renders the matrix, the chart and the sequence diagrams, offline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'html-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderHtml(classOf4(), { generatedAt: '2026-03-02T09:00:00.000Z', submissions: { 'Bob Durand': { id: 'b', name: 'b.zip', source: 'zip', notes: ['Une remarque'] } } }));
    const { page, networkRequests, browser, close } = await openReport(file);
    console.log(`report.html rendered by ${browser}`); // shows, in the test output, that it really ran
    try {
      expect(await page.locator('table.matrix tbody tr').count()).toBe(4);
      expect(await page.locator('table.matrix tbody tr').first().getAttribute('data-student')).toBe('=David; "Leroy"');
      expect(await page.locator('table.matrix td.st-pass').count()).toBeGreaterThan(5);
      const bob = page.locator('section.student[data-student="Bob Durand"]');
      expect(await bob.locator('details.check').count()).toBe(3);
      expect(await bob.locator('ul.not-reached li').count()).toBe(1);
      expect(await bob.locator('li.check.skip').count()).toBe(1);
      expect(await bob.locator('svg.sequence').count()).toBe(3);
      expect(await bob.locator('pre.traceback').textContent()).toContain('TypeError');
      expect(await bob.locator('.notes').textContent()).toContain('Une remarque');
      // The SVGs really laid out (non-zero boxes), and arrows point between the two lifelines.
      const box = await bob.locator('svg.sequence').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(await page.locator('svg.distribution rect.bar').count()).toBe(10);
      const shot = path.join(dir, 'report.png'); // kept in the test's temp folder for a look
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(networkRequests).toEqual([]);
    } finally {
      await close();
    }
  }, 30_000);
});
