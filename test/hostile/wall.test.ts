// Issue 15: a class graded with `npm run grade`, where some students attack (test/hostile/wall/) and
// an honest classmate (z-victime) is graded last, in the namespace the attackers used before him.
// Each attack is given the paths a curious student could find; with namespaces, none may reach the
// classmate, the output folder, the checker's installation, reference/, the class folder or the
// teacher's home, nor see, signal or trace the checker. Without namespaces (isolation: module), the
// grader must say so, in the terminal and in every report.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashDir } from '../../scripts/stress-lib.js';
import { packageRoot } from '../../src/util/package-root.js';
import { isolationMode } from '../../src/engine/isolation.js';
import { findPython } from '../../src/python/discover.js';
import { buildGradescope } from '../../src/report/gradescope.js';
import { check, exercise, report } from '../report/fixtures.js';

const ROOT = packageRoot();
const ATTACKS = join(ROOT, 'test', 'hostile', 'wall');
const VICTIM_CANARY = 'tprc-victime-canary-7d2e';
const PWNED = 'tprc-pwned.txt';
// a line of the reference server no student's report may quote
const REFERENCE_LINE = "accept() attend qu'un client se connecte";

interface Student { student: string; exercises: { checks: { id: string; status: string }[] }[]; score: { on20: number } }
interface Graded { out: string; terminal: string; students: Map<string, Student>; text: Map<string, string> }

const attacks = readdirSync(ATTACKS).filter((f) => f.endsWith('.py') && f !== 'common.py').map((f) => f.replace(/\.py$/, ''));
let work: string;
let home: string;
let classDir: string;
let aloneDir: string;
let mode: 'netns' | 'module';
let alone: Graded;
let graded: Graded;
const before = new Map<string, string>();

/** Where the attacks write, as the test knows it (and a student could guess it). */
function targets(out: string): Record<string, string> {
  return { class: classDir, out, install: join(ROOT, 'dist'), reference: join(ROOT, 'reference'), home };
}

function writeVictim(dir: string): void {
  const ex = join(dir, 'z-victime', '1-meme-machine');
  mkdirSync(ex, { recursive: true });
  cpSync(join(ROOT, 'reference', '1-meme-machine'), ex, { recursive: true });
  writeFileSync(join(ex, 'serveur.py'), `# ${VICTIM_CANARY}\n` + readFileSync(join(ex, 'serveur.py'), 'utf8'));
}

/** A correct server that keeps a log in its own folder and reads its own edits back. */
function journalServer(): string {
  const reference = readFileSync(join(ROOT, 'reference', '1-meme-machine', 'serveur.py'), 'utf8');
  return [
    'with open("journal.txt", "w") as journal:',
    '    journal.write("start\\n")',
    reference,
    'with open("journal.txt", "a") as journal:',
    '    journal.write(message + "\\n")',
    'assert open("journal.txt").read() == "start\\n" + message + "\\n", "the log lost its own edits"',
  ].join('\n');
}

const WARNING = /isolation : module — un programme peut lire et modifier vos fichiers/;

function grade(dir: string, out: string, env: NodeJS.ProcessEnv = {}, formats = 'json,csv,html'): Promise<Graded> {
  const config = join(work, 'config.json');
  writeFileSync(config, JSON.stringify({ exercises: ['1-meme-machine'], studentTimeoutS: 30 }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'grade.js'), dir, '--out', out, '--config', config, '--jobs', '1', '--formats', formats], {
      env: { ...process.env, HOME: home, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let terminal = '';
    child.stdout.on('data', (b: Buffer) => (terminal += b.toString()));
    child.stderr.on('data', (b: Buffer) => (terminal += b.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { students: Student[] };
        const students = new Map(json.students.map((s) => [s.student, s]));
        const text = new Map(json.students.map((s) => [s.student, JSON.stringify(s)]));
        resolve({ out, terminal, students, text });
      } catch (e) {
        reject(new Error(`${(e as Error).message}\n${terminal}`));
      }
    });
  });
}

function verdicts(s: Student | undefined): string {
  return (s?.exercises ?? []).flatMap((e) => e.checks.map((c) => `${c.id}=${c.status}`)).join(' ');
}

beforeAll(async () => {
  mode = await isolationMode((await findPython()).path);
  work = mkdtempSync(join(tmpdir(), 'tprc-mur-'));
  home = join(work, 'maison-enseignant');
  classDir = join(work, 'classe');
  aloneDir = join(work, 'seul');
  mkdirSync(home);
  writeFileSync(join(home, 'notes.txt'), 'notes\n');
  writeVictim(aloneDir);
  writeVictim(classDir);
  const out = join(work, 'sortie');
  mkdirSync(out);
  writeFileSync(join(out, 'ancien.txt'), 'a report of last year\n');
  const common = readFileSync(join(ATTACKS, 'common.py'), 'utf8').replace('TARGETS = {}', `TARGETS = ${JSON.stringify(targets(out))}`);
  for (const a of attacks) {
    const ex = join(classDir, `a-${a}`, '1-meme-machine');
    mkdirSync(ex, { recursive: true });
    writeFileSync(join(ex, 'serveur.py'), readFileSync(join(ATTACKS, `${a}.py`)));
    writeFileSync(join(ex, 'common.py'), common);
  }
  mkdirSync(join(classDir, 'b-journal', '1-meme-machine'), { recursive: true });
  cpSync(join(ROOT, 'reference', '1-meme-machine', 'client.py'), join(classDir, 'b-journal', '1-meme-machine', 'client.py'));
  writeFileSync(join(classDir, 'b-journal', '1-meme-machine', 'serveur.py'), journalServer());
  before.set('victim', hashDir(join(classDir, 'z-victime')));
  before.set('reference', hashDir(join(ROOT, 'reference')));
  before.set('home', hashDir(home));
  alone = await grade(aloneDir, join(work, 'sortie-seul'));
  graded = await grade(classDir, out);
}, 300_000);

afterAll(() => {
  // an attack that got through (before the fix) must not leave its file in the checker's tree
  for (const dir of [join(ROOT, 'dist'), join(ROOT, 'reference')]) rmSync(join(dir, PWNED), { force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('a class with attacking students and an honest classmate graded after them', () => {
  it.each(attacks.map((a) => [a]))('%s: contained', (a) => {
    const text = graded.text.get(`a-${a}`);
    expect(text, 'graded').toBeDefined();
    if (mode === 'module') return; // only the warning holds then (tested below)
    for (const mark of ['WROTE ', 'DELETED ', 'KILLED-', 'SEIZED-', 'MEM-']) expect(text).not.toContain(mark);
    expect(text).not.toContain(VICTIM_CANARY);
    expect(text).not.toContain(REFERENCE_LINE);
    if (a === 'cherche-la-classe') expect(text).toContain('search: found [] []'); // the class folder is not in sight
    // the checker survived: the attack's own verdicts are the program's, not a checker error
    expect(verdicts(graded.students.get(`a-${a}`))).not.toMatch(/=error/);
  });

  it('leaves the classmate byte-identical and graded as when alone', () => {
    expect(hashDir(join(classDir, 'z-victime'))).toBe(before.get('victim'));
    expect(verdicts(graded.students.get('z-victime'))).toBe(verdicts(alone.students.get('z-victime')));
    expect(graded.students.get('z-victime')?.score.on20).toBe(20);
  });

  it("leaves the checker's files, reference/, the class folder, the teacher's home and the output folder unchanged", () => {
    if (mode === 'module') return;
    for (const dir of [join(ROOT, 'dist'), join(ROOT, 'reference'), classDir, home, graded.out]) expect(existsSync(join(dir, PWNED)), dir).toBe(false);
    expect(hashDir(join(ROOT, 'reference'))).toBe(before.get('reference'));
    expect(hashDir(home)).toBe(before.get('home'));
    expect(readFileSync(join(graded.out, 'ancien.txt'), 'utf8')).toBe('a report of last year\n');
    for (const [, text] of graded.text) expect(text).not.toContain(REFERENCE_LINE);
  });

  it('lets a correct program write a log in its own folder and read its own edits', () => {
    expect(verdicts(graded.students.get('b-journal'))).not.toMatch(/=(fail|crash|error|timeout)/);
    expect(graded.students.get('b-journal')?.score.on20).toBe(20);
  });

  it('says nothing about the module when namespaces held', () => {
    if (mode === 'netns') expect(graded.terminal).not.toMatch(/isolation : module/);
    else expect(graded.terminal).toMatch(WARNING);
  });
});

describe('grading where programs run behind the module alone (Windows, macOS, no user namespaces)', () => {
  it('says so before it starts, in the terminal, and in every report', async () => {
    const out = join(work, 'sortie-module');
    const run = await grade(aloneDir, out, { TPRC_ISOLATION: 'module', GITHUB_STEP_SUMMARY: '' }, 'json,csv,junit,html,github');
    expect(run.terminal.split('\n')[0]).toMatch(WARNING); // before the first result
    for (const f of ['report.json', 'grades.csv', 'junit.xml', 'report.html', 'summary.md']) expect(readFileSync(join(out, f), 'utf8'), f).toMatch(WARNING);
    expect(run.students.get('z-victime')?.score.on20).toBe(20); // graded all the same
  }, 60_000);

  it('says so in a Gradescope result too (one submission)', () => {
    const graded = { ...report('eleve', [exercise('ex1', [check('ex1.serveur-ecoute', 'pass')])]), isolation: 'module' as const };
    expect(buildGradescope(graded).output).toMatch(WARNING);
    expect(buildGradescope({ ...graded, isolation: 'netns' }).output).not.toMatch(/isolation/);
  });
});
