// What a student's own machine throws at the engine, tested here for real: a folder with spaces and
// accents (C:\Users\Élève\Mes documents\TP réseau), files saved with CRLF line ends (Windows editors)
// or a UTF-8 BOM, a line typed with CRLF, a console whose encoding is not UTF-8, a process tree.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { findPython } from '../../src/python/discover.js';
import { PythonRun } from '../../src/engine/python-run.js';
import { Transcript } from '../../src/engine/transcript.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { processesMentioning } from '../watch/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'tprc-portability-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Copy a folder, rewriting every .py file with CRLF line ends (and optionally a UTF-8 BOM). */
function copyAsWindows(from: string, to: string, bom = false): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (statSync(src).isDirectory()) copyAsWindows(src, dst, bom);
    else if (name.endsWith('.py')) {
      const text = readFileSync(src, 'utf8').replace(/\r?\n/g, '\r\n');
      writeFileSync(dst, (bom ? '\uFEFF' : '') + text);
    } else cpSync(src, dst);
  }
}

const runs: PythonRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((r) => r.stop()));
});

async function run(file: string, env: Record<string, string> = {}): Promise<PythonRun> {
  const r = new PythonRun({ python: (await findPython()).path, file, actor: 'client', transcript: new Transcript(), env });
  runs.push(r);
  await r.start();
  return r;
}

describe('a student folder like C:\\Users\\Élève\\Mes documents\\TP réseau, files saved on Windows', () => {
  it('the reference, with CRLF line ends (and a BOM in part 4), passes every check', async () => {
    const dir = path.join(tmp, 'Élève', 'Mes documents', 'TP réseau');
    copyAsWindows(path.join(ROOT, 'reference'), dir);
    copyAsWindows(path.join(ROOT, 'reference', '4-relais'), path.join(dir, '4-relais'), true);
    expect(readFileSync(path.join(dir, '3-ping-pong', 'serveur.py'), 'utf8')).toContain('\r\n');

    const report = await checkStudent({ dir, lang: 'fr', config: defaultConfig() });
    const failing = report.exercises.flatMap((e) => e.checks).filter((c) => !c.bonus && c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message ?? ''}`);
    expect(failing).toEqual([]);
    expect(report.directory).toBe(dir);
    expect(renderTerminal(report)).toContain(`Vérification de ${dir}`);
    // the student's folder is left as it was: no __pycache__, no new file
    expect(readdirSync(path.join(dir, '3-ping-pong')).sort()).toEqual(readdirSync(path.join(ROOT, 'reference', '3-ping-pong')).sort());
  }, 60_000);

  it('a buggy CRLF program still gets its blocked line right, without a stray \\r', async () => {
    const dir = path.join(tmp, 'Élève', 'Mes documents', 'TP réseau bogué');
    copyAsWindows(path.join(ROOT, 'test/corpus/buggy/ex1-client-oublie-envoi'), dir);
    const report = await checkStudent({ dir, lang: 'fr', config: defaultConfig(), exercises: ['ex1'] });
    const c = report.exercises[0].checks.find((x) => x.id === 'ex1.client-envoie')!;
    expect(c.status).not.toBe('pass');
    expect(c.blocked?.call).toBe('recv');
    const lines = readFileSync(path.join(dir, '1-meme-machine', 'client.py'), 'utf8').split('\r\n');
    expect(lines[c.blocked!.line - 1]).toContain('recv');
    expect(c.blocked?.code).toBe(lines[c.blocked!.line - 1].trim());
    expect(c.blocked?.code).not.toMatch(/\r/);
  }, 60_000);
});

describe('typed input and console encoding', () => {
  it('a typed line reaches input() exactly: the engine sends \\n only, whatever the OS', async () => {
    const file = path.join(tmp, 'saisie élève', 'saisie.py');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'a = input("> ")\r\nb = input("> ")\r\nprint(repr(a), repr(b))\r\n');
    const r = await run(file);
    await r.inputRequested(1, 15_000);
    r.type('Bonjour à toi, ça va ?');
    await r.inputRequested(2, 15_000);
    // A CRLF line, as a Windows console would send it. Python translates it on Windows only (its
    // stdin uses universal newlines there, "\n" elsewhere): why the engine itself never sends "\r".
    r.type('fin\r');
    await r.exited(15_000);
    const crlf = process.platform === 'win32' ? "'fin'" : "'fin\\r'";
    expect(r.stdout).toContain(`'Bonjour à toi, ça va ?' ${crlf}`);
    expect(r.typed).toEqual(['Bonjour à toi, ça va ?', 'fin\r']);
  });

  it('accents come back as UTF-8 even when the console says otherwise (cp1252, LANG=C)', async () => {
    const file = path.join(tmp, 'console élève', 'affiche.py');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'import sys\r\nprint("Élève : ça marche € —", sys.stdout.encoding)\r\n');
    const saved = { ...process.env };
    Object.assign(process.env, { PYTHONIOENCODING: 'cp1252', PYTHONUTF8: '0', LC_ALL: 'C', LANG: 'C' });
    try {
      const r = await run(file);
      await r.exited(15_000);
      expect(r.stdout).toMatch(/^Élève : ça marche € — utf-?8/i);
    } finally {
      for (const k of ['PYTHONIOENCODING', 'PYTHONUTF8', 'LC_ALL', 'LANG']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});

describe('process tree', () => {
  it('stopping a program under an accented path also ends the processes it started', async () => {
    const dir = path.join(tmp, 'arbre élève');
    const file = path.join(dir, 'lance.py');
    mkdirSync(dir, { recursive: true });
    // the grandchild's command line names this folder, so it can be found (and must be gone)
    writeFileSync(file, [
      'import subprocess, sys, os',
      `p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", ${JSON.stringify(dir)}])`,
      'print("lancé", p.pid, flush=True)',
      'input()',
    ].join('\r\n'));
    const r = await run(file);
    await r.inputRequested(1, 15_000);
    // Popen returns once the grandchild calls exec, a moment before the kernel shows its new
    // command line: look again until it does (bounded)
    for (const t0 = Date.now(); processesMentioning(dir).length === 0 && Date.now() - t0 < 5000; ) await new Promise((ok) => setTimeout(ok, 10));
    expect(processesMentioning(dir).length).toBeGreaterThanOrEqual(1);
    await r.stop();
    // killTree is synchronous on every OS (SIGKILL to the group; taskkill /T /F waits): nothing to wait for
    expect(processesMentioning(dir)).toEqual([]);
  });
});
