// CI integrations: the GitHub Actions workflow for students' repositories, and Gradescope's
// autograder (the zip built by gradescope:pack, and run_autograder producing results.json).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import yauzl from 'yauzl';
import { packGradescope } from '../../scripts/gradescope-pack.js';
import { schemaValidator } from '../report/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('GitHub Actions workflow template', () => {
  const text = readFileSync(path.join(ROOT, 'ci-templates/github/tp-reseau.yml'), 'utf8');
  const wf = parse(text);

  it('follows the workflow syntax: triggers, one job on ubuntu, steps with uses xor run', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'workflow_dispatch']));
    expect(wf.permissions).toEqual({ contents: 'read' });
    const job = wf.jobs.verifier;
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job['timeout-minutes']).toBeLessThanOrEqual(30);
    for (const step of job.steps) {
      expect(typeof step.name).toBe('string');
      expect(('uses' in step) !== ('run' in step)).toBe(true);
      if (step.uses) expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
    }
  });

  it('installs Node 20 and Python 3, grades the checkout, and uploads the HTML report whatever happened', () => {
    const steps = wf.jobs.verifier.steps as Record<string, any>[];
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with['node-version']).toBe('20');
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-python'))!.with['python-version']).toMatch(/^3\./);
    const run = steps.find((s) => s.id === 'verification')!;
    expect(run.run).toMatch(/grade\.js travail --single --out rapport-tp-reseau --formats html/);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with.path).toBe('rapport-tp-reseau/');
    expect(text).not.toMatch(/classroom/i);
  });
});

function entries(zipFile: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, number>();
      zip.on('entry', (e: yauzl.Entry) => { out.set(e.fileName, (e.externalFileAttributes >>> 16) & 0o777); zip.readEntry(); });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

function runAutograder(env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile('bash', [path.join(ROOT, 'ci-templates/gradescope/run_autograder')], { env: { ...process.env, ...env } }, (err) => resolve(err ? 1 : 0));
  });
}

describe('Gradescope', () => {
  it('gradescope:pack puts setup.sh and run_autograder at the root, executable, with the sources', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gs-pack-'));
    const zip = path.join(dir, 'autograder.zip');
    await packGradescope(zip, ROOT);
    const list = await entries(zip);
    expect(list.get('setup.sh')).toBe(0o755);
    expect(list.get('run_autograder')).toBe(0o755);
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'src/cli/grade.ts', 'src/model.ts', 'reference/1-meme-machine/serveur.py']) expect(list.has(f)).toBe(true);
    expect([...list.keys()].filter((n) => /node_modules|^dist\/|\.git\//.test(n))).toEqual([]);
    const setup = readFileSync(path.join(ROOT, 'ci-templates/gradescope/setup.sh'), 'utf8');
    expect(setup).toMatch(/setup_20\.x/);
    expect(setup).toMatch(/apt-get install -y .*python3/);
    expect(setup).toMatch(/npm ci/);
  });

  it('run_autograder grades /autograder/submission into a valid results.json', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gs-run-'));
    cpSync(path.join(ROOT, 'reference'), path.join(root, 'submission', 'mon-tp'), { recursive: true });
    expect(await runAutograder({ AUTOGRADER_ROOT: root, TP_RESEAU_SOURCE: ROOT })).toBe(0);
    const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8'));
    expect(schemaValidator('gradescope-results.schema.json')(results)).toEqual([]);
    expect(results.tests.length).toBeGreaterThan(30);
    expect(results.score).toBe(20);
  }, 60_000);

  it('still writes a valid results.json when the checker cannot run', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gs-run-'));
    mkdirSync(path.join(root, 'submission'));
    expect(await runAutograder({ AUTOGRADER_ROOT: root, TP_RESEAU_SOURCE: path.join(root, 'absent') })).toBe(0);
    const results = JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8'));
    expect(schemaValidator('gradescope-results.schema.json')(results)).toEqual([]);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/n’a pas pu s’exécuter/);
  }, 30_000);
});
