import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildClassReport, renderJson } from '../../src/report/json.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderJunit } from '../../src/report/junit.js';
import { buildGradescope, renderGradescope } from '../../src/report/gradescope.js';
import { renderGithubSummary } from '../../src/report/github-summary.js';
import { writeReports } from '../../src/report/write-reports.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { classOf4, checkerError, perfect, typical } from './fixtures.js';
import { parseCsv, schemaValidator } from './helpers.js';

const AT = '2026-03-02T09:00:00.000Z';
const submissions = {
  'Bob Durand': { id: 'bob.durand', name: 'Bob Durand_4521_assignsubmission_file_', source: 'zip' as const, notes: ['Fichiers rangés d’après leur nom : serveur.py.'] },
};

describe('report.json', () => {
  it('validates against schemas/report.schema.json, students sorted', () => {
    const json = JSON.parse(renderJson(classOf4(), { generatedAt: AT, submissions, config: defaultConfig() }));
    expect(schemaValidator('report.schema.json')(json)).toEqual([]);
    expect(json.students.map((s: { student: string }) => s.student)).toEqual(['=David; "Leroy"', 'Alice Martin', 'Bob Durand', 'Chloé Petit']);
    expect(json.summary).toEqual({ students: 4, meanOn20: 11.69, medianOn20: 13.38, withCheckerErrors: 1 });
    expect(json.students[2].submission.id).toBe('bob.durand');
  });

  it('is written in pieces that make exactly JSON.stringify(report, null, 2)', () => {
    const opts = { generatedAt: AT, submissions, config: defaultConfig() };
    for (const reports of [classOf4(), [typical()], []]) {
      expect(renderJson(reports, opts)).toBe(JSON.stringify(buildClassReport(reports, opts), null, 2) + '\n');
    }
  });

  it('the schema rejects a wrong status or a grade above 20', () => {
    const json = JSON.parse(renderJson([typical()], { generatedAt: AT }));
    json.students[0].exercises[0].checks[0].status = 'ok';
    json.students[0].score.on20 = 21;
    expect(schemaValidator('report.schema.json')(json).length).toBe(2);
  });
});

describe('grades.csv', () => {
  const csv = renderCsv(classOf4(), { submissions });

  it('is UTF-8 with BOM, ";" separated, decimal comma, CRLF', () => {
    expect(csv.startsWith('\uFEFFIdentifiant;Élève;1-meme-machine (points);3-ping-pong (points);Points;Maximum;Bonus;Note;')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const bob = rows.find((r) => r[1] === 'Bob Durand')!;
    expect(bob.slice(0, 8)).toEqual(['bob.durand', 'Bob Durand', '2', '0', '2', '6', '0', '6,75']);
    expect(bob[10]).toContain('rangés');
  });

  it('quotes separators and defuses formulas in names', () => {
    const row = parseCsv(csv.slice(1)).find((r) => r[1].includes('David'))!;
    expect(row[1]).toBe('\'=David; "Leroy"');
  });
});

describe('junit.xml', () => {
  const xml = renderJunit(classOf4(), { generatedAt: AT });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);

  it('is well-formed and follows the JUnit layout: testsuites > testsuite (per student) > testcase (per check)', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['=David; "Leroy"', 'Alice Martin', 'Bob Durand', 'Chloé Petit']);
    for (const s of suites) {
      for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp']) expect(s).toHaveProperty(a);
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(s.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      for (const c of s.testcase) { expect(c.name).toBeTruthy(); expect(c.classname).toBeTruthy(); expect(Number(c.time)).toBeGreaterThanOrEqual(0); }
    }
  });

  it('maps statuses to failure / error / skipped', () => {
    const bob = doc.testsuites.testsuite.find((s: { name: string }) => s.name === 'Bob Durand');
    expect([bob.failures, bob.errors, bob.skipped]).toEqual(['4', '0', '1']);
    const crash = bob.testcase.find((c: { name: string }) => c.name.startsWith('ex1.paire-echange'));
    expect(crash.failure.type).toBe('crash');
    expect(crash.failure['#text']).toContain("TypeError: a bytes-like object is required, not 'str'");
    const chloe = doc.testsuites.testsuite.find((s: { name: string }) => s.name === 'Chloé Petit');
    expect(chloe.errors).toBe('2'); // one check error + one run-level fault
    expect(Number(doc.testsuites.tests)).toBe(doc.testsuites.testsuite.reduce((n: number, s: { tests: string }) => n + Number(s.tests), 0));
  });
});

describe('Gradescope results.json', () => {
  it('validates against the documented format, score on 20, checker errors cost nothing', () => {
    const validate = schemaValidator('gradescope-results.schema.json');
    for (const r of classOf4()) expect(validate(JSON.parse(renderGradescope([r])))).toEqual([]);
    const g = buildGradescope(checkerError());
    expect(g.score).toBe(20);
    const err = g.tests.find((t) => t.number === 'ex1.serveur-repond')!;
    expect([err.max_score, err.status]).toEqual([0, 'failed']);
    expect(g.output).toContain('Python 3.6');
    const b = buildGradescope(typical());
    expect(b.tests.find((t) => t.number === 'ex1.client-affiche')!.output).toContain('.decode()');
    expect(b.tests.filter((t) => t.status === 'passed')).toHaveLength(2);
  });

  it('refuses several students', () => {
    expect(() => renderGradescope(classOf4())).toThrow(/one submission/);
  });
});

describe('GitHub step summary', () => {
  it('gives the grade and a well-formed table of failing checks with hints', () => {
    const md = renderGithubSummary([typical()]);
    expect(md).toMatch(/^## TP réseau : 6,75\/20/);
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table.length).toBe(2 + 5);
    // Every row has the header's number of cells (escaped pipes do not count).
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    expect(new Set(table.map(cells)).size).toBe(1);
    expect(md).toContain('Utilisez .decode()');
  });

  it('says when everything passed', () => {
    expect(renderGithubSummary([perfect()])).toContain('Toutes les vérifications sont réussies.');
  });
});

describe('writeReports', () => {
  it('writes the default formats and appends the summary when GITHUB_STEP_SUMMARY is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'out-'));
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, 'avant\n');
    const files = await writeReports(path.join(dir, 'out'), classOf4(), undefined, { env: { GITHUB_STEP_SUMMARY: summary }, generatedAt: AT });
    expect(files.map((f) => path.basename(f))).toEqual(['report.json', 'grades.csv', 'junit.xml', 'report.html', 'step-summary.md']);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('avant\n## TP réseau : 4 élèves notés')).toBe(true);
  });

  it('writes one student\'s Gradescope results.json on request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'out-'));
    const files = await writeReports(dir, [typical()], ['gradescope'], { env: {} });
    expect(files).toEqual([path.join(dir, 'results.json')]);
    expect(JSON.parse(readFileSync(files[0], 'utf8')).score).toBe(6.75);
  });
});
