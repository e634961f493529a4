// A check module reads like the lab: it imports the check API and nothing of the engine (issue 16).
// lib/ files may import the engine; they are what the API is built from.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';

const CHECKS = join(__dirname, '..', '..', 'checks');
const API = './lib/api.js';
/** checks/index.ts lists the exercise modules: those are the only sibling imports it needs */
const INDEX_MAY_IMPORT = /^\.\/[0-9]+-[a-z-]+\.js$/;

function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) specs.push(m[1]);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) specs.push(m[1]);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

function allowed(file: string, spec: string): boolean {
  if (spec === API) return true;
  if (spec.startsWith('node:') || builtinModules.includes(spec)) return true;
  return file === 'index.ts' && INDEX_MAY_IMPORT.test(spec);
}

describe('checks/*.ts import only the check API', () => {
  const files = readdirSync(CHECKS).filter((f) => f.endsWith('.ts'));

  it('finds the check modules', () => {
    expect(files).toContain('4-relais.ts'); // the relay's scripts (ex1 to ex3 are data)
  });

  it.each(files)('%s', (file) => {
    const bad = importsOf(readFileSync(join(CHECKS, file), 'utf8')).filter((s) => !allowed(file, s));
    expect(bad, `${file} imports more than ${API}`).toEqual([]);
  });

  it('the import scanner sees every form of import', () => {
    const src = "import a from '../x.js';\nimport type { B } from \"../y.js\";\nexport { c } from '../z.js';\nimport '../w.js';\nconst d = await import('../v.js');";
    expect(importsOf(src)).toEqual(['../x.js', '../y.js', '../z.js', '../w.js', '../v.js']);
  });
});
