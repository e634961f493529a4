// Watch mode: a save re-runs the checks of that exercise and shows the new result; quitting (Ctrl+C
// or q) leaves no process and no temporary folder behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Debouncer, exerciseOfChange, recursiveWatchSupported } from '../../src/cli/watch.js';
import { exercises } from '../checks/builtin-lab.js';
import { processesMentioning } from './processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'check.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'tprc-watch-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('which exercise a saved file belongs to', () => {
  it('maps a .py file in an exercise folder (either separator) to its exercise', () => {
    expect(exerciseOfChange('3-ping-pong/serveur.py', exercises)?.id).toBe('ex3');
    expect(exerciseOfChange('4-relais\\client.py', exercises)?.id).toBe('ex4');
    expect(exerciseOfChange('1-meme-machine/SERVEUR.PY', exercises)?.id).toBe('ex1');
  });

  it('ignores other files, caches, hidden editor files and unknown folders', () => {
    for (const rel of ['3-ping-pong/notes.txt', '3-ping-pong/__pycache__/serveur.cpython-311.pyc', '3-ping-pong/.serveur.py.swp',
      '3-ping-pong/.#serveur.py', 'serveur.py', 'brouillon/serveur.py', '3-ping-pong']) {
      expect(exerciseOfChange(rel, exercises), rel).toBeUndefined();
    }
  });

  it('uses native recursive watching only where the OS has it', () => {
    expect(recursiveWatchSupported('win32')).toBe(true);
    expect(recursiveWatchSupported('darwin')).toBe(true);
    expect(recursiveWatchSupported('linux')).toBe(false);
  });
});

describe('Debouncer', () => {
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst of events into one flush per exercise, with the last file saved', () => {
    vi.useFakeTimers();
    const flushes: Map<string, string>[] = [];
    const d = new Debouncer(100, (m) => flushes.push(m));
    d.add('ex3', '3-ping-pong/serveur.py');
    vi.advanceTimersByTime(60);
    d.add('ex3', '3-ping-pong/serveur.py');
    d.add('ex4', '4-relais/client.py');
    vi.advanceTimersByTime(99);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([new Map([['ex3', '3-ping-pong/serveur.py'], ['ex4', '4-relais/client.py']])]);
    d.add('ex1', '1-meme-machine/client.py');
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(flushes).toHaveLength(1);
  });
});

/** The checker in watch mode on a copy of the reference, with its own temporary root. */
class WatchProcess {
  readonly child: ChildProcess;
  out = '';
  private waiters: (() => void)[] = [];
  exit?: { code: number | null; signal: NodeJS.Signals | null };

  constructor(readonly dir: string, readonly tmpRoot: string, extra: string[] = []) {
    this.child = spawn(process.execPath, [CLI, dir, '--watch', ...extra], {
      env: { ...process.env, TMPDIR: tmpRoot, TMP: tmpRoot, TEMP: tmpRoot, LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const on = (b: Buffer) => {
      this.out += b.toString('utf8');
      for (const w of this.waiters) w();
    };
    this.child.stdout!.on('data', on);
    this.child.stderr!.on('data', on);
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const w of this.waiters) w();
    });
  }

  /** Resolve when `pred` holds on the output; reject at the deadline or if the process exits first. */
  until(pred: (out: string) => boolean, ms: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`deadline ${ms} ms waiting for ${what}; output:\n${this.out}`)), ms);
      const check = () => {
        if (pred(this.out)) done();
        else if (this.exit && what !== 'exit') done(new Error(`exited (${JSON.stringify(this.exit)}) waiting for ${what}; output:\n${this.out}`));
      };
      const done = (e?: Error) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        if (e) reject(e);
        else resolve();
      };
      this.waiters.push(check);
      check();
    });
  }

  exited(ms: number): Promise<void> {
    return this.until(() => this.exit !== undefined, ms, 'exit');
  }

  count(text: string): number {
    return this.out.split(text).length - 1;
  }
}

function studentCopy(name: string): { dir: string; tmpRoot: string } {
  // A folder name with a space and accents, as on a student's machine.
  const dir = path.join(tmp, name, 'TP réseau élève');
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(ROOT, 'reference', '3-ping-pong'), path.join(dir, '3-ping-pong'), { recursive: true });
  const tmpRoot = path.join(tmp, name, 'tmp');
  mkdirSync(tmpRoot);
  return { dir, tmpRoot };
}

describe('npm run check -- --watch', () => {
  it('re-checks the saved exercise, shows the new result, and Ctrl+C / q leaves nothing running', async () => {
    const { dir, tmpRoot } = studentCopy('save');
    const w = new WatchProcess(dir, tmpRoot, ['--exercise', 'ex3']);
    try {
      await w.until((o) => o.includes('Score :'), 30_000, 'first result');
      expect(w.out).toContain('Python ');
      expect(w.out).toContain('Pour en choisir un autre : npm run check -- --python');
      expect(w.out).toContain('9/9 vérifications réussies'.replace('9/9', '8/8'));

      // A save: the uppercase server from the buggy corpus replaces the good one.
      const saved = performance.now();
      const buggy = readFileSync(path.join(ROOT, 'test/corpus/buggy/ex3-serveur-majuscules/3-ping-pong/serveur.py'));
      writeFileSync(path.join(dir, '3-ping-pong', 'serveur.py'), buggy);
      await w.until((o) => w.count('Score :') >= 2 && o.includes('BONJOUR'), 30_000, 'result after the save');
      const seconds = (performance.now() - saved) / 1000;
      const second = w.out.slice(w.out.lastIndexOf('Surveillance de'));
      expect(second).toContain('3-ping-pong/serveur.py enregistré : nouvelle vérification de 3-ping-pong.');
      expect(second).toContain('✗ Le serveur renvoie chaque message à l’identique');
      expect(second).toMatch(/Vérifié en \d+,?\d* s\./);
      console.log(`watch: new result ${seconds.toFixed(2)} s after the save`);

      // Saving the good file again brings the checks back to green.
      cpSync(path.join(ROOT, 'reference', '3-ping-pong', 'serveur.py'), path.join(dir, '3-ping-pong', 'serveur.py'));
      await w.until(() => w.count('Score :') >= 3, 30_000, 'result after the fix');
      expect(w.out.slice(w.out.lastIndexOf('Surveillance de'))).toContain('(8/8 vérifications réussies)');

      if (process.platform === 'win32') w.child.stdin!.write('q\n');
      else w.child.kill('SIGINT');
      await w.exited(10_000);
      expect(w.out).toContain('Surveillance arrêtée.');
    } finally {
      if (!w.exit) w.child.kill('SIGKILL');
    }
    expect(processesMentioning(tmpRoot)).toEqual([]);
    expect(processesMentioning(dir)).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('q then Enter quits with code 0, even in the middle of a run', async () => {
    const { dir, tmpRoot } = studentCopy('quit');
    const w = new WatchProcess(dir, tmpRoot, ['--exercise', 'ex3']);
    try {
      await w.until((o) => o.includes('Score :'), 30_000, 'first result');
      writeFileSync(path.join(dir, '3-ping-pong', 'client.py'), readFileSync(path.join(dir, '3-ping-pong', 'client.py')));
      // quit as soon as the save is noticed: the run in progress is finished, then everything stops
      w.child.stdin!.write('q\n');
      await w.exited(20_000);
      expect(w.exit?.code).toBe(0);
      expect(w.out).toContain('Surveillance arrêtée.');
    } finally {
      if (!w.exit) w.child.kill('SIGKILL');
    }
    expect(processesMentioning(tmpRoot)).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });
});

describe('npm run check -- --watch --lab DIR', () => {
  it('re-checks a save against the lab’s own checks', async () => {
    const quit = path.join(ROOT, 'examples', 'ping-pong-quit');
    const dir = path.join(tmp, 'lab', 'copie');
    cpSync(path.join(quit, 'reference'), dir, { recursive: true });
    const tmpRoot = path.join(tmp, 'lab', 'tmp');
    mkdirSync(tmpRoot);
    const w = new WatchProcess(dir, tmpRoot, ['--lab', quit]);
    try {
      await w.until((o) => o.includes('Score :'), 30_000, 'first result');
      expect(w.out).toContain('(9/9 vérifications réussies)');
      // a server that stops on 'fin', as in the built-in lab: the quit check fails
      writeFileSync(path.join(dir, '3-ping-pong', 'serveur.py'), readFileSync(path.join(quit, 'buggy', 'serveur-arret-sur-fin', '3-ping-pong', 'serveur.py')));
      await w.until(() => w.count('Score :') >= 2, 30_000, 'result after the save');
      expect(w.out.slice(w.out.lastIndexOf('Surveillance de'))).toContain('✗ Sur « quit », le serveur répond « quit », ferme et se termine');
      w.child.kill('SIGINT');
      await w.exited(10_000);
    } finally {
      if (!w.exit) w.child.kill('SIGKILL');
    }
    expect(processesMentioning(tmpRoot)).toEqual([]);
  });
});
