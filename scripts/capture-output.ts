// Regenerates docs/exemple-sortie.md: real captures of the student's command (`npm run check`) on the
// student template and on a buggy program, colours stripped, machine details normalised.
//   npm run build && node dist/scripts/capture-output.js [--check]
// With --check it only says whether the file's structure is current (exit 1 if not); the captures
// themselves vary a little from run to run (the order of events of concurrent programs).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/util/package-root.js';

const ROOT = packageRoot();
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'check.js');
export const OUTPUT = path.join(ROOT, 'docs', 'exemple-sortie.md');
const SHOWN_DIR = '~/tp-reseau-check/student-template';
const SHOWN_PYTHON = '/usr/bin/python3';

/** Remove ANSI colour codes (pure). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/**
 * Make a capture independent of the machine (pure): the student's folder and the interpreter's path
 * are replaced, and ephemeral ports renumbered in order of appearance (the lab's own port stays).
 */
export function normalise(text: string, dir: string, python: string): string {
  let out = stripAnsi(text).split(dir).join(SHOWN_DIR).split(python).join(SHOWN_PYTHON);
  const ports = new Map<string, string>();
  out = out.replace(/(127\.0\.0\.1|192\.168\.1\.73|''|0\.0\.0\.0):(\d{4,5})\b/g, (m, host: string, port: string) => {
    if (port === '12345') return m;
    if (!ports.has(port)) ports.set(port, String(50001 + ports.size));
    return `${host}:${ports.get(port)}`;
  });
  return out.replace(/[ \t]+$/gm, '').trimEnd();
}

interface Capture {
  title: string;
  intro: string;
  command: string;
  text: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, expectedCode = 1): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      // exit code 1 means "some checks failed" (2: an unknown --explain id): that is what we capture
      if (err && typeof err.code === 'number' && err.code > expectedCode) reject(new Error(`check exited ${err.code}: ${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

export async function captures(): Promise<Capture[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'tprc-capture-'));
  try {
    const template = path.join(work, 'template', 'student-template');
    cpSync(path.join(ROOT, 'student-template'), template, { recursive: true });
    // the buggy server of the corpus (answers in capitals), in an otherwise finished ping-pong
    const buggy = path.join(work, 'buggy', 'student-template');
    cpSync(path.join(ROOT, 'reference', '3-ping-pong'), path.join(buggy, '3-ping-pong'), { recursive: true });
    cpSync(path.join(ROOT, 'test', 'corpus', 'buggy', 'ex3-serveur-majuscules', '3-ping-pong', 'serveur.py'), path.join(buggy, '3-ping-pong', 'serveur.py'));

    const { findPython } = await import('../src/python/discover.js');
    const python = (await findPython()).path;
    const fr = { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const out: Capture[] = [];
    out.push({
      title: 'Le modèle de départ (student-template), tel qu’il est distribué',
      intro: 'La partie 1 est donnée et réussit ; les parties 2 à 4 contiennent encore des « # TODO » : les vérifications disent ce qui manque.',
      command: 'npm run check',
      text: normalise(await run([template], fr), template, python),
    });
    out.push({
      title: 'Un serveur ping-pong qui renvoie le message en majuscules',
      intro: 'Le fichier 3-ping-pong/serveur.py renvoie donnees.upper() au lieu de donnees : on voit ce qui était attendu, ce qui a été reçu, l’échange et une piste.',
      command: 'npm run check -- --exercise ex3',
      text: normalise(await run([buggy, '--exercise', 'ex3'], fr), buggy, python),
    });
    out.push({
      title: 'L’explication d’une vérification',
      intro: 'Chaque vérification a un identifiant, affiché à droite de son titre quand elle échoue (ici ex3.serveur-echo) : --explain dit ce qu’elle fait, pourquoi, et comment corriger.',
      command: 'npm run check -- --explain ex3.serveur-echo',
      text: normalise(await run(['--explain', 'ex3.serveur-echo'], { ...fr, COLUMNS: '100' }), buggy, python),
    });
    out.push({
      title: 'Un identifiant mal retenu',
      intro: 'Un identifiant court (serveur-echo) ou un morceau du titre suffit quand une seule vérification correspond ; sinon --explain propose les plus proches.',
      command: 'npm run check -- --explain echo',
      text: normalise(await run(['--explain', 'echo'], { ...fr, COLUMNS: '100' }, 2), buggy, python),
    });
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function renderDoc(list: Capture[]): string {
  const parts = [
    '# Exemples de sortie de `npm run check`',
    '',
    '<!-- Generated by scripts/capture-output.ts: do not edit by hand. To update: npm run build && node dist/scripts/capture-output.js -->',
    '',
    'Ces sorties sont de vraies captures (couleurs retirées). Seuls changent : le chemin du dossier,',
    'celui de Python et les ports éphémères (renumérotés à partir de 50001), qui dépendent de la machine.',
    'Dans le terminal, ✓ est vert, ✗ rouge, ○ (bonus manqué) jaune et les pistes (→) en cyan.',
    '',
  ];
  for (const c of list) {
    parts.push(`## ${c.title}`, '', c.intro, '', '```text', `$ ${c.command}`, c.text, '```', '');
  }
  return parts.join('\n');
}

/**
 * What must not drift (pure): headings, commands, and each check's mark and title. Facts, ports and
 * the exchange may differ between two captures (concurrent programs interleave differently).
 */
export function docShape(doc: string): string {
  return doc
    .split('\n')
    .filter((l) => /^(#|\$ |  [✓✗○–!] )/.test(l))
    .map((l) => l.replace(/^(  [✓✗○–!] .*?)  .*$/, '$1'))
    .join('\n');
}

async function main(): Promise<number> {
  const doc = renderDoc(await captures());
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT, 'utf8');
    if (docShape(current) !== docShape(doc)) {
      process.stderr.write(`${path.relative(ROOT, OUTPUT)} is out of date: run node dist/scripts/capture-output.js\n`);
      return 1;
    }
    return 0;
  }
  writeFileSync(OUTPUT, doc);
  process.stdout.write(`wrote ${path.relative(ROOT, OUTPUT)}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'dist', 'scripts', 'capture-output.js')) {
  main().then((code) => (process.exitCode = code), (e: unknown) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
    process.exitCode = 3;
  });
}
