// No import goes back up the layers: the order is the table of docs/architecture.md ("Layer
// order"), the imports are read from the sources (static, type-only, re-exports and dynamic).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The layer table: [path prefix, layer index], most specific prefix first. */
function layerTable(): { layers: string[]; prefixes: [string, number][] } {
  const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Layer order'));
  const rows = [...section.matchAll(/^\| (\w[\w-]*) \| (`.+`) \|$/gm)];
  const layers = rows.map((r) => r[1]);
  const prefixes = rows.flatMap((r, i) => [...r[2].matchAll(/`([^`]+)`/g)].map((m): [string, number] => [m[1], i]));
  return { layers, prefixes: prefixes.sort((a, b) => b[0].length - a[0].length) };
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

/** Relative module specifiers of a file: import/export ... from '...', import('...'). */
function importsOf(text: string): string[] {
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith('.'));
}

describe('layers', () => {
  const { layers, prefixes } = layerTable();
  const layerOf = (file: string) => prefixes.find(([p]) => file === p || file.startsWith(p))?.[1];

  it('the table of docs/architecture.md places every source file', () => {
    expect(layers.length).toBeGreaterThan(8);
    const files = [...sources('src'), ...sources('checks')];
    expect(files.length).toBeGreaterThan(80);
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const file of [...sources('src'), ...sources('checks')]) {
      const from = layerOf(file)!;
      for (const spec of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
        const to = layerOf(target);
        if (to !== undefined && to > from) upward.push(`${file} (${layers[from]}) -> ${target} (${layers[to]})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('reads type-only, re-exported, multi-line and dynamic imports', () => {
    const text = "import type { A } from '../a.js';\nexport { B } from './b.js';\nimport {\n  C,\n} from './c.js';\nconst d = await import('./d.js');\nimport x from 'node:fs';";
    expect(importsOf(text)).toEqual(['../a.js', './b.js', './c.js', './d.js']);
  });
});
