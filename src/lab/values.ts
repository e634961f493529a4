// The values of a data step: a literal, or a reference `$name.path` to the exercise's `values`, the
// teacher's config (`$config.messages.pingPong`), the item of a `for each` (`$it`, `$n` from 1) or
// the lab's long message (`$long`), what the scenario learnt (`$serveur.address`, `$serveur.firstClient`,
// `$client.target`, `$client.local`, `$data`). `$$` writes a literal dollar; `{$ref}` inside a text
// is replaced by its value.
import type { Config } from '../config/types.js';
import type { Value } from './types.js';

export interface Scope {
  values: Record<string, Value>;
  config: Config;
  it?: Value;
  n?: number;
  /** names read when used (what the scenario learnt so far: `$serveur.address`, `$data`) */
  live?: Record<string, () => unknown>;
}

/** A message of several hundred bytes, accents included (a small recv() cuts it, or splits a character). */
export const LONG_MESSAGE = Array.from({ length: 24 }, (_, i) => `Message ${i + 1} : café, élève, ça marche !`).join(' ');

/** The names a reference may start with, besides the exercise's values. */
export const BUILT_IN_NAMES = ['config', 'it', 'n', 'long', 'serveur', 'client', 'data'] as const;

const PART = /\.([A-Za-z_][\w-]*)|\[(\d+)\]/y;

/** `$messages[0].length` -> ['messages', 0, 'length'], or undefined when it is not a reference. */
export function referencePath(text: string): (string | number)[] | undefined {
  const head = /^\$([A-Za-z_][\w-]*)/.exec(text);
  if (!head || text.startsWith('$$')) return undefined;
  const path: (string | number)[] = [head[1]];
  PART.lastIndex = head[0].length;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    if (!m) return undefined;
    path.push(m[1] ?? Number(m[2]));
  }
  return path;
}

function lookup(path: (string | number)[], scope: Scope, depth: number): unknown {
  const [root, ...rest] = path;
  const live = typeof root === 'string' ? scope.live?.[root] : undefined;
  let v: unknown =
    root === 'config' ? scope.config : root === 'it' ? scope.it : root === 'n' ? scope.n : root === 'long' ? LONG_MESSAGE
      : live ? live() : resolveValue(scope.values[root], scope, depth + 1);
  return followPath(v, rest);
}

/** The value at `path` under `v` (`.length` of a list or text is its length); undefined when absent. */
export function followPath(v: unknown, path: readonly (string | number)[]): unknown {
  for (const p of path) {
    if (v === undefined || v === null) return undefined;
    v = p === 'length' && (Array.isArray(v) || typeof v === 'string') ? v.length : (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** The value with every reference replaced (a values entry may itself refer to the config). */
export function resolveValue(v: Value | undefined, scope: Scope, depth = 0): unknown {
  if (depth > 8) throw new Error('values refer to each other in a loop');
  if (typeof v === 'string') {
    const path = referencePath(v);
    if (path) return lookup(path, scope, depth);
    if (v.startsWith('$$')) return v.slice(1);
    // `{$name.path}` inside a text: replaced by its value
    return v.replace(/\{(\$[^{}\s]+)\}/g, (m, ref: string) => {
      const p = referencePath(ref);
      return p ? String(lookup(p, scope, depth) ?? '?') : m;
    });
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, scope, depth));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveValue(x, scope, depth)]));
  return v;
}
