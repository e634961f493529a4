// A lab folder -> the exercises the runner checks. The folder holds lab.yaml (or lab.json), its
// exercise files, reference/ and student-template/. Every problem of every file is reported at once,
// each at its line and column (LabError), before any program runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lang } from '../model.js';
import type { Catalogue } from '../i18n/index.js';
import { has, t } from '../i18n/index.js';
import type { ExerciseDef, ScenarioDef } from '../runner/types.js';
import { scenario, type Lab } from '../../checks/lib/api.js';
import * as api from '../../checks/lib/api.js';
import { packageRoot } from '../util/package-root.js';
import { readSource, isProblem, type Problem, type Source } from './source.js';
import { schemaProblems } from './schema-check.js';
import { stepProblems } from './check-steps.js';
import { dataScenario } from './steps.js';
import { textIn, type ExerciseFile, type LabFile, type ScenarioFile, type Text } from './types.js';

export interface LabDef {
  /** the lab folder */
  dir: string;
  builtIn: boolean;
  name?: Text;
  exercises: ExerciseDef[];
  referenceDir: string;
  templateDir: string;
  /** its own sentences, over the built-in catalogues */
  texts: Record<Lang, Catalogue>;
}

/** A lab that cannot be used: every problem, each at its file, line and column. */
export class LabError extends Error {
  constructor(readonly dir: string, readonly problems: Problem[]) {
    super(`lab ${dir}: ${problems.length} problem(s)`);
    this.name = 'LabError';
  }

  /** For the teacher, in `lang`: one line per problem, `file:line:column: sentence`. */
  render(lang: Lang): string {
    const lines = this.problems.map((p) => {
      const suggestion = p.params.suggestion ? t(lang, 'report.config.didYouMean', { name: String(p.params.suggestion) }) : '';
      const words = Object.fromEntries(Object.entries(p.words ?? {}).map(([k, keys]) => [k, keys.map((w) => t(lang, w)).join(' / ')]));
      return `  ${p.file}:${p.line}:${p.column}${t(lang, 'lab.error.colon')}${t(lang, p.key, { ...p.params, ...words, suggestion })}`;
    });
    return [t(lang, 'lab.error.title', { dir: this.dir, n: this.problems.length }), ...lines].join('\n');
  }
}

const RUNS_FROM_SOURCES = import.meta.url.endsWith('.ts');

const LAB_FILES = ['lab.yaml', 'lab.yml', 'lab.json'];

/** Put `x` in both catalogues under `key` (English falls back to French). */
function addText(texts: Record<Lang, Catalogue>, key: string, x: Text | undefined): void {
  for (const lang of ['fr', 'en'] as const) {
    if (x !== undefined) texts[lang][key] = textIn(x, lang);
  }
}

/**
 * A script scenario: `file#export`, relative to the exercise file. The export is a Scenario (made
 * with the API's `scenario`) or a function `(lab, api) => Promise<void>`. A TypeScript file of
 * the package runs compiled (dist/); elsewhere a script is JavaScript (.js, .mjs).
 */
async function scriptScenario(labDir: string, exerciseFile: string, sc: ScenarioFile, problem: (key: string, params: Record<string, string>) => void): Promise<ScenarioDef | undefined> {
  const [file, name] = sc.script!.split('#');
  let full = path.resolve(path.dirname(path.resolve(labDir, exerciseFile)), file);
  if (full.endsWith('.ts')) {
    const rel = path.relative(packageRoot(), full);
    // only the checker's own scripts (checks/) are compiled with it
    if (!rel.startsWith(`checks${path.sep}`)) return void problem('lab.error.script-ts', { file });
    // compiled, next to this module's own compiled copy; from the sources (tests) as they are, so
    // that the script and the runner share one copy of every module (CheckFailure's class)
    if (!RUNS_FROM_SOURCES) full = path.join(packageRoot(), 'dist', rel.replace(/\.ts$/, '.js'));
  }
  if (!existsSync(full)) return void problem('lab.error.missing-file', { path: full });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
  } catch (e) {
    return void problem('lab.error.script-load', { file, detail: (e as Error).message.split('\n')[0] });
  }
  const exp = mod[name];
  if (exp && typeof exp === 'object' && typeof (exp as ScenarioDef).run === 'function') {
    const def = exp as ScenarioDef;
    return { ...def, name: sc.name, files: sc.files ?? def.files, checks: sc.decides ?? def.checks };
  }
  if (typeof exp !== 'function') return void problem('lab.error.script-export', { file, name });
  if (!sc.files || !sc.decides) return void problem('lab.error.script-needs', { name: sc.name });
  const fn = exp as (lab: Lab, a: typeof api) => Promise<void>;
  return scenario({ name: sc.name, files: sc.files, checks: sc.decides }, (lab) => fn(lab, api));
}

export interface LoadOptions {
  /** the built-in lab: JSON read without the YAML and schema libraries (its test validates it) */
  builtIn?: boolean;
}

export async function loadLab(dirGiven: string, opts: LoadOptions = {}): Promise<LabDef> {
  const dir = path.resolve(dirGiven);
  const fast = opts.builtIn === true;
  const mainFile = LAB_FILES.find((f) => existsSync(path.join(dir, f)));
  if (!mainFile) throw new LabError(dir, [{ file: LAB_FILES[0], line: 1, column: 1, key: existsSync(dir) ? 'lab.error.no-lab-file' : 'lab.error.no-dir', params: { dir } }]);
  const problems: Problem[] = [];
  const main = await readSource(dir, mainFile, fast);
  if (isProblem(main)) throw new LabError(dir, [main]);
  if (!fast) problems.push(...(await schemaProblems(main, 'lab')));
  if (problems.length) throw new LabError(dir, problems);
  const lab = main.value as LabFile;

  const texts: Record<Lang, Catalogue> = { fr: {}, en: {} };
  for (const [k, v] of Object.entries(lab.texts ?? {})) addText(texts, k, v);
  const sources: [string, Source][] = [];
  for (const rel of lab.exercises) {
    const src = await readSource(dir, rel, fast);
    if (isProblem(src)) {
      problems.push({ ...src, ...(src.key === 'lab.error.missing-file' ? main.where(['exercises', lab.exercises.indexOf(rel)]) : {}), file: src.key === 'lab.error.missing-file' ? mainFile : src.file });
      continue;
    }
    const schema = fast ? [] : await schemaProblems(src, 'exercise');
    problems.push(...schema);
    if (schema.length === 0) sources.push([rel, src]);
  }
  // every exercise's texts first: a message key may be defined by the lab or any of its exercises
  for (const [, src] of sources) {
    const ex = src.value as ExerciseFile;
    for (const [k, v] of Object.entries(ex.texts ?? {})) addText(texts, k, v);
    addText(texts, `exercise.${ex.id}.title`, ex.title);
    for (const c of ex.checks) {
      addText(texts, `check.${c.id}.title`, c.title);
      for (const part of ['what', 'why', 'fix'] as const) addText(texts, `check.${c.id}.${part}`, c[part]);
    }
  }
  const hasText = (key: string) => key in texts.fr || has('fr', key);
  const exercises: ExerciseDef[] = [];
  const seen = new Map<string, string>();
  for (const [rel, src] of sources) {
    const ex = src.value as ExerciseFile;
    for (const name of [ex.id, ex.folder]) {
      if (seen.has(name)) problems.push({ file: rel, ...src.where([name === ex.id ? 'id' : 'folder']), key: 'lab.error.duplicate-exercise', params: { name, other: seen.get(name)! } });
      seen.set(name, rel);
    }
    const scenarios: ScenarioDef[] = [];
    const scripted = new Map<number, string[]>();
    for (const [i, sc] of ex.scenarios.entries()) {
      if (sc.steps) scenarios.push(dataScenario(sc, ex.values ?? {}));
      else {
        const at = src.where(['scenarios', i, 'script']);
        const def = await scriptScenario(dir, rel, sc, (key, params) => problems.push({ file: rel, ...at, key, params }));
        if (def) scenarios.push(def), scripted.set(i, def.checks);
      }
    }
    const found = stepProblems(src, ex, hasText, scripted);
    problems.push(...found);
    if (found.length) continue;
    exercises.push({ id: ex.id, folder: ex.folder, checks: ex.checks.map(({ id, role, points, bonus }) => ({ id, role, points, ...(bonus ? { bonus } : {}) })), scenarios });
  }
  if (problems.length) throw new LabError(dir, problems);
  return {
    dir,
    builtIn: fast,
    name: lab.name,
    exercises,
    referenceDir: path.resolve(dir, lab.reference ?? 'reference'),
    templateDir: path.resolve(dir, lab.template ?? 'student-template'),
    texts,
  };
}
