// Finds each exercise's serveur.py / client.py in what a student handed in, and copies them into
// the standard layout (<folder>/serveur.py, <folder>/client.py) that the checker expects.
// Accepted (docs/enseignant.md, "Ce qui est accepté"):
//  1. exercise folders at any depth (an archive's extra top-level folder is fine), named like
//     '1-meme-machine', 'ex1', 'Exercice 1', 'partie_3', '3 - Ping pong', 'relais'...;
//     inside, serveur*.py / server*.py and client*.py;
//  2. files numbered by exercise in one folder: serveur1.py, client_3.py, ex2-client.py...,
//     and the lab's relay file serveur_5.py (exercise 4);
//  3. the lab's own names in one folder (serveur.py, client.py): placed by what they contain
//     (threads/select -> 4, a while loop -> 3, input() or all interfaces -> 2, else 1).
// When exercise 4 has no client of its own but was placed by name, the ping-pong client is reused
// (the lab says the part 3 client works unchanged with the relay).
import { copyFile, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { labExercises } from '../config/defaults.js';

type Role = 'serveur' | 'client';
type Folder = string;

export interface Placement {
  folder: Folder;
  role: Role;
  /** path relative to the submission's root */
  source: string;
  how: 'folder' | 'name' | 'content' | 'reused';
}

export interface Located {
  placements: Placement[];
  /** every .py file seen, relative */
  pythonFiles: string[];
  /** every file seen, relative (for the notes) */
  allFiles: string[];
}

const SKIP_DIRS = /^(\.|__MACOSX$|__pycache__$|venv$|env$|node_modules$|site-packages$)/i;
const MAX_DEPTH = 8;
const MAX_FILES = 5000;
const RANK = { folder: 3, name: 2, content: 1, reused: 0 } as const;

const norm = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The exercise numbered `n`: its folder's own number ('5-ping-heure'), else its place in the lab (1 for the first). */
const numbered = (n: number): Folder | undefined =>
  labExercises().find((e) => e.folder.startsWith(`${n}-`))?.folder ?? labExercises()[n - 1]?.folder;

/** A folder's name without its number: '3-ping-pong' -> 'ping-pong'. */
const slug = (folder: string): string => folder.replace(/^\d+-/, '');

/** Other names students give an exercise's folder, besides its own (the lab's words for it). */
const FOLDER_ALIASES: Partial<Record<Folder, RegExp>> = {
  '2-deux-machines': /2-machines/,
  '3-ping-pong': /pingpong/,
  '4-relais': /relay|chat|plusieurs-clients/,
};

/** '3-ping-pong', 'Exercice 3', 'ex_3', 'partie3', 'Ping Pong' -> '3-ping-pong'. */
export function exerciseFromFolderName(name: string): Folder | undefined {
  const n = norm(name);
  const byNumber = /^(?:ex|exo|exercice|exercise|partie|part)?-?(\d+)(?:-|$)/.exec(n);
  const folder = byNumber ? numbered(Number(byNumber[1])) : undefined;
  if (folder) return folder;
  return labExercises().find((e) => n.includes(slug(e.folder)) || FOLDER_ALIASES[e.folder]?.test(n))?.folder;
}

export function roleFromFileName(base: string): Role | undefined {
  const n = norm(base.replace(/\.py$/i, ''));
  const serveur = /(^|-)(serveur|server|serv)/.test(n);
  const client = /(^|-)client/.test(n);
  return serveur === client ? undefined : serveur ? 'serveur' : 'client';
}

/** The lab names its relay server serveur_5.py (its fifth program): that number is exercise 4's server. */
const RELAY_SERVER_FILE_NUMBER = 5;
const RELAY_FOLDER: Folder = '4-relais';
/** One digit that can name a file's exercise: an exercise's number or the relay server's. */
const fileDigit = () => {
  const numbers = labExercises().map((e, i) => Number(/^(\d)-/.exec(e.folder)?.[1] ?? i + 1));
  return new RegExp(`(?:^|[^0-9])([1-${Math.min(9, Math.max(...numbers, RELAY_SERVER_FILE_NUMBER))}])(?:[^0-9]|$)`);
};

/** 'serveur1', 'client_3', 'ex2-client' -> exercise; 'serveur_5' is the lab's relay server. */
export function exerciseFromFileName(base: string, role: Role): Folder | undefined {
  const m = fileDigit().exec(norm(base.replace(/\.py$/i, '')));
  if (!m) return undefined;
  const d = Number(m[1]);
  const relayFile = d === RELAY_SERVER_FILE_NUMBER && labExercises().length < d && labExercises().some((e) => e.folder === RELAY_FOLDER);
  if (relayFile) return role === 'serveur' ? RELAY_FOLDER : undefined;
  return numbered(d);
}

/**
 * For the lab's unnumbered names in one folder: which step of the lab the file is at. These rules
 * know the built-in lab's four steps; another lab's files are placed only when it has one exercise.
 */
export function exerciseFromContent(code: string, role: Role): Folder | undefined {
  const folders = labExercises().map((e) => e.folder);
  if (folders.length === 1) return folders[0];
  const found = builtInStep(code, role);
  return folders.includes(found) ? found : undefined;
}

function builtInStep(code: string, role: Role): Folder {
  const src = code.replace(/#.*$/gm, '');
  if (role === 'serveur' && /\b(threading|Thread|select|selectors|asyncio|socketserver)\b/.test(src)) return '4-relais';
  if (/\bwhile\b/.test(src)) return '3-ping-pong';
  if (role === 'client' && /\binput\s*\(/.test(src)) return '2-deux-machines';
  if (role === 'serveur' && /bind\s*\(\s*\(\s*(''|""|'0\.0\.0\.0'|"0\.0\.0\.0")/.test(src)) return '2-deux-machines';
  return '1-meme-machine';
}

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(rel: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.test(e.name)) await visit(r, depth + 1);
      } else if (e.isFile() && !/^\.|^(Thumbs\.db|desktop\.ini)$/i.test(e.name)) out.push(r);
    }
  }
  await visit('', 0);
  return out;
}

interface Candidate extends Placement { rank: number; exact: boolean; depth: number }

export async function locateExercises(root: string): Promise<Located> {
  const allFiles = await walk(root);
  const pythonFiles = allFiles.filter((f) => /\.py$/i.test(f));
  const candidates: Candidate[] = [];
  for (const rel of pythonFiles) {
    const parts = rel.split('/');
    const base = parts[parts.length - 1];
    const role = roleFromFileName(base);
    if (!role) continue;
    const exact = norm(base.replace(/\.py$/i, '')) === role || norm(base.replace(/\.py$/i, '')) === (role === 'serveur' ? 'server' : role);
    const dirs = parts.slice(0, -1);
    let folder: Folder | undefined;
    for (let i = dirs.length - 1; i >= 0 && !folder; i--) folder = exerciseFromFolderName(dirs[i]);
    let how: Placement['how'] = 'folder';
    if (!folder) {
      folder = exerciseFromFileName(base, role);
      how = 'name';
    }
    if (!folder) {
      folder = exerciseFromContent(await readFile(path.join(root, rel), 'utf8').catch(() => ''), role);
      how = 'content';
    }
    if (!folder) continue;
    candidates.push({ folder, role, source: rel, how, rank: RANK[how], exact, depth: parts.length });
  }
  // One file per (exercise, role): the most explicit placement, then the lab's exact name, then the shallowest.
  candidates.sort((a, b) => b.rank - a.rank || Number(b.exact) - Number(a.exact) || a.depth - b.depth || (a.source < b.source ? -1 : 1));
  const placements: Placement[] = [];
  for (const c of candidates) {
    if (!placements.some((p) => p.folder === c.folder && p.role === c.role)) {
      placements.push({ folder: c.folder, role: c.role, source: c.source, how: c.how });
    }
  }
  const ex4Server = placements.find((p) => p.folder === '4-relais' && p.role === 'serveur');
  const ex3Client = placements.find((p) => p.folder === '3-ping-pong' && p.role === 'client');
  if (ex4Server && ex4Server.how !== 'folder' && ex3Client && !placements.some((p) => p.folder === '4-relais' && p.role === 'client')) {
    placements.push({ folder: '4-relais', role: 'client', source: ex3Client.source, how: 'reused' });
  }
  placements.sort((a, b) => (a.folder + a.role < b.folder + b.role ? -1 : 1));
  return { placements, pythonFiles, allFiles };
}

/**
 * Copies the located files into `dest` in the standard layout. A placed file's sibling .py files
 * (a helper module the student imports) come along when they do not clash with a role file.
 */
export async function stageSubmission(root: string, dest: string, located: Located): Promise<void> {
  for (const p of located.placements) {
    const dir = path.join(dest, p.folder);
    await mkdir(dir, { recursive: true });
    await copyFile(path.join(root, p.source), path.join(dir, `${p.role}.py`));
  }
  for (const p of located.placements.filter((q) => q.how === 'folder')) {
    const srcDir = path.dirname(p.source);
    for (const rel of located.pythonFiles) {
      if (path.dirname(rel) !== srcDir || roleFromFileName(path.basename(rel))) continue;
      const target = path.join(dest, p.folder, path.basename(rel));
      const info = await stat(path.join(root, rel));
      if (info.size <= 1024 * 1024) await copyFile(path.join(root, rel), target).catch(() => undefined);
    }
  }
}
