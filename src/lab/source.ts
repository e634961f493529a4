// A lab's data file as read from disk: its parsed value, and where each part of it is written
// (line, column) so that a problem points at the teacher's own text.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type PathPart = string | number;

/** A problem in a lab file, at a place of it. `key` and `params` render it (src/i18n/../lab.ts). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  key: string;
  params: Record<string, string | number>;
  /** parameters that are catalogue words, rendered in the reader's language (several: joined by ' / ') */
  words?: Record<string, string[]>;
}

export interface Source {
  /** the path shown in messages (relative to the lab folder) */
  file: string;
  value: unknown;
  /** line and column (from 1) of the value at `at` (or of its key when `key` is set) */
  where(at: PathPart[], key?: boolean): { line: number; column: number };
}

/**
 * Read a lab file. YAML (and JSON, which is YAML) through the `yaml` library, which keeps every
 * node's place; it is loaded only for a teacher's lab (~60 ms), never for the built-in one (`fast`:
 * JSON.parse, no places: a test validates it).
 */
export async function readSource(labDir: string, rel: string, fast = false): Promise<Source | Problem> {
  const full = path.resolve(labDir, rel);
  let text: string;
  try {
    text = readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return { file: rel, line: 1, column: 1, key: 'lab.error.missing-file', params: { path: full } };
  }
  if (fast) return { file: rel, value: JSON.parse(text), where: () => ({ line: 1, column: 1 }) };
  const { parseDocument, LineCounter, isMap, isSeq, isPair, isScalar } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { file: rel, line: pos.line, column: pos.col, key: 'lab.error.syntax', params: { detail } };
  }
  const where = (at: PathPart[], key = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const part of at) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === part);
        keyNode = pair?.key;
        node = pair?.value;
      } else if (isSeq(node) && typeof part === 'number') {
        keyNode = undefined;
        node = node.items[part];
      } else break;
    }
    const target = (key && keyNode) || node;
    const range = (target as { range?: [number, number, number] } | undefined)?.range;
    const pos = lines.linePos(range ? range[0] : 0);
    return { line: pos.line, column: pos.col };
  };
  return { file: rel, value: doc.toJS(), where };
}

export const isProblem = (x: Source | Problem): x is Problem => 'key' in x && !('value' in x);
