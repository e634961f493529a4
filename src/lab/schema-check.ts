// A lab file against its JSON Schema (schemas/lab.schema.json, schemas/exercise.schema.json: the
// same files editors use for completion), with each error turned into a teacher's sentence at the
// right line and column, with a suggestion for a misspelt name. Steps are left to check-steps.ts,
// which knows the vocabulary and says more than a schema can.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { closest } from '../util/edit-distance.js';
import type { PathPart, Problem, Source } from './source.js';
import { followPath } from './values.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { properties?: Record<string, unknown> };
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const compiled = new Map<string, Validate>();

async function validator(schema: 'lab' | 'exercise'): Promise<Validate> {
  let v = compiled.get(schema);
  if (!v) {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    const file = path.join(packageRoot(), 'schemas', `${schema}.schema.json`);
    v = ajv.compile(JSON.parse(readFileSync(file, 'utf8'))) as Validate;
    compiled.set(schema, v);
  }
  return v;
}

const pathOf = (instancePath: string): PathPart[] =>
  instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Inside a scenario's steps: check-steps.ts says it better. */
const inSteps = (at: PathPart[]) => at.some((p, i) => (p === 'steps' || p === 'do') && i > 0);

export async function schemaProblems(src: Source, schema: 'lab' | 'exercise'): Promise<Problem[]> {
  const validate = await validator(schema);
  if (validate(src.value)) return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  const add = (at: PathPart[], onKey: boolean, key: string, params: Record<string, string | number>, words?: Record<string, string[]>) => {
    const { line, column } = src.where(at, onKey);
    const id = `${line}:${column}:${key}:${JSON.stringify(params)}`;
    if (!seen.has(id)) out.push({ file: src.file, line, column, key, params, ...(words ? { words } : {}) }), seen.add(id);
  };
  const errors = validate.errors ?? [];
  for (const e of errors) {
    const at = pathOf(e.instancePath);
    if (inSteps(at) || (at.at(-1) === 'steps' && e.keyword !== 'type' && e.keyword !== 'minItems')) continue;
    // the field's own name: its place is given by the line and column
    const name = String([...at].reverse().find((p) => typeof p === 'string') ?? '/');
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const known = Object.keys(e.parentSchema?.properties ?? {});
        add([...at, key], true, 'lab.error.unknown-key', { key, suggestion: closest(key, known) ?? '' });
        break;
      }
      case 'required':
        add(at, false, 'lab.error.missing-key', { key: String(e.params.missingProperty), where: name });
        break;
      case 'enum':
        add(at, false, 'lab.error.bad-value', { key: name, detail: (e.params.allowedValues as unknown[]).join(', '), suggestion: closest(String(followPath(src.value, at) ?? ''), (e.params.allowedValues as unknown[]).map(String)) ?? '' });
        break;
      case 'type': {
        // one sentence for every type the value may have (the branches of an anyOf: a text, or { fr, en })
        const types = errors.filter((o) => o.keyword === 'type' && o.instancePath === e.instancePath).flatMap((o) => ([] as string[]).concat(o.params.type as string | string[]));
        add(at, false, 'lab.error.type', { key: name }, { expected: [...new Set(types)].map((ty) => `lab.type.${ty}`) });
        break;
      }
      case 'anyOf':
      case 'oneOf':
      case 'if':
        // their branches' own errors say what is wrong
        if (!errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && !['anyOf', 'oneOf'].includes(o.keyword))) {
          add(at, false, 'lab.error.bad-value', { key: name, detail: e.message ?? e.keyword, suggestion: '' });
        }
        break;
      default:
        add(at, false, 'lab.error.bad-value', { key: name, detail: e.message ?? e.keyword, suggestion: '' });
    }
  }
  return out;
}
