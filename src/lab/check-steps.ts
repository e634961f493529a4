// What a schema cannot say about an exercise file: its steps (known verbs, one per step, in an order
// that works), its references ($name), its message keys, and that each check is decided exactly
// once. Every problem is placed at its line and column, with a suggestion for a misspelt name.
import type { Problem, PathPart, Source } from './source.js';
import type { ExerciseFile, StepFile, Value } from './types.js';
import { VERBS, DECIDERS, CHECK_KEYS, verbOf, startedFile } from './steps.js';
import { referencePath, followPath, BUILT_IN_NAMES } from './values.js';
import { closest } from '../util/edit-distance.js';

/** The keys a step names that must exist in the catalogue or the lab's texts (message, hint). */
const KEY_ARGS: Record<string, { field?: string; prefix: string; suffix?: string }[]> = {
  'expect print': [{ field: 'missing', prefix: '' }],
  'expect prints': [{ field: 'missing', prefix: '' }],
  'expect no busy loop': [{ prefix: '' }],
  'expect no crash': [{ field: 'key', prefix: '' }, { field: 'hint', prefix: 'hint.' }],
  'expect some data': [{ field: 'missing', prefix: '' }, { field: 'missing', prefix: '', suffix: '-waiting' }, { field: 'hint', prefix: 'hint.' }],
};

/** Verbs whose argument (or its `field`) is one text: a list or a map there is a mistake of form. */
const TEXT_ARGS: Record<string, string | null> = {
  send: null, type: null, 'expect text': null, 'expect echo': null, 'expect long echo': null, 'send end word': null,
  'type end word': null, 'expect typed message sent': null, 'expect print': 'text', 'type a line, expect it sent': 'line',
};

/**
 * What a value is before the run, as far as the file says: the literal, or what `$name` refers to
 * in the exercise's values, or each item of the `for each` list for `$it`. Unknown (config, facts): [].
 */
function staticValues(v: unknown, values: Record<string, Value>, items: unknown[] | undefined, depth = 0): unknown[] {
  if (typeof v !== 'string' || depth > 8) return [v];
  const path = referencePath(v);
  if (!path) return [v];
  const [root, ...rest] = path;
  const roots = root === 'it' ? items ?? [] : typeof root === 'string' && root in values ? staticValues(values[root], values, items, depth + 1) : [];
  return roots.map((r) => followPath(r, rest)).filter((x) => x !== undefined);
}

/** Verbs that need the checker's peer (made by `connect` or `accepted`). */
const PEER_VERBS = [
  'send', 'close', 'expect text', 'expect echo', 'expect long echo', 'expect reply', 'send end word', 'leave without a word',
  'expect asks a line', 'type a line, expect it sent', 'expect waits for each reply', 'type end word', 'expect some data',
];

const connectOf = (arg: Value | undefined) => (arg && typeof arg === 'object' && !Array.isArray(arg) ? arg.connect : undefined);

/**
 * The order of steps, as what each step needs made by an earlier one and what it makes: a program
 * (`program`, and `start:<file>` for that file), the checker's peer, the stand-in server, the bytes
 * `expect some data` took.
 */
function needsOf(name: string, arg: Value | undefined): string[] {
  if (name === 'listener') return [];
  if (name === 'start') return connectOf(arg) === 'listener' ? ['listener'] : connectOf(arg) === 'serveur' ? ['start:serveur.py'] : [];
  const needs = [name === 'accepted' ? 'listener' : PEER_VERBS.includes(name) ? 'peer' : 'program'];
  if (name === 'focus' && typeof arg === 'string') needs.push(`start:${arg}`);
  if (name === 'expect connects to the server') needs.push('start:serveur.py');
  if (name === 'expect typed message sent') needs.push('data');
  return needs;
}

function makesOf(name: string, arg: Value | undefined): string[] {
  if (name === 'start') return ['program', `start:${startedFile(arg)}`];
  if (name === 'connect' || name === 'accepted') return ['peer'];
  if (name === 'listener') return ['listener'];
  if (name === 'expect some data') return ['data'];
  return [];
}

/** How a need is named in the teacher's message: the step that makes it. */
const NEED_STEP: Record<string, string> = { program: 'start', peer: 'connect / accepted', listener: 'listener', data: 'expect some data' };
const needStep = (need: string) => NEED_STEP[need] ?? need.replace(/^start:/, 'start: ');

/** Steps that act without checking anything: allowed outside a check step. */
const ACTIONS = ['start', 'listener', 'connect', 'accepted', 'listens', 'connects', 'receives', 'send', 'type', 'close', 'focus'];
const ALL_VERBS = [...Object.keys(VERBS), ...Object.keys(DECIDERS)];

/** `scripted`: the checks each script scenario decides (by its index), as its export says. */
export function stepProblems(src: Source, ex: ExerciseFile, hasText: (key: string) => boolean, scripted: Map<number, string[]> = new Map()): Problem[] {
  const out: Problem[] = [];
  const add = (at: PathPart[], onKey: boolean, key: string, params: Record<string, string | number> = {}) => {
    const { line, column } = src.where(at, onKey);
    out.push({ file: src.file, line, column, key, params });
  };
  const checkIds = ex.checks.map((c) => c.id);
  const values = Object.keys(ex.values ?? {});
  const decided = new Map<string, number>();

  ex.checks.forEach((c, i) => {
    if (checkIds.indexOf(c.id) !== i) add(['checks', i, 'id'], false, 'lab.error.duplicate-check', { id: c.id });
    if (!c.id.startsWith(`${ex.id}.`)) add(['checks', i, 'id'], false, 'lab.error.check-prefix', { id: c.id, prefix: `${ex.id}.` });
    if (c.title === undefined && !hasText(`check.${c.id}.title`)) add(['checks', i], false, 'lab.error.no-title', { id: c.id });
  });
  if (ex.title === undefined && !hasText(`exercise.${ex.id}.title`)) add([], false, 'lab.error.no-exercise-title', { id: ex.id });

  const refs = (v: Value | undefined, at: PathPart[]) => {
    if (typeof v === 'string') {
      if (!referencePath(v)) for (const m of v.matchAll(/\{(\$[^{}\s]+)\}/g)) refs(m[1], at);
      const path = referencePath(v);
      const root = path?.[0];
      if (typeof root === 'string' && !values.includes(root) && !(BUILT_IN_NAMES as readonly string[]).includes(root)) {
        add(at, false, 'lab.error.unknown-value', { ref: v, names: values.map((n) => `$${n}`).join(', ') || '—', suggestion: closest(root, values) ? `$${closest(root, values)}` : '' });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => refs(x, [...at, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) refs(x, [...at, k]);
  };

  const checkKeys = (verb: string, arg: Value | undefined, at: PathPart[]) => {
    for (const { field, prefix, suffix = '' } of KEY_ARGS[verb] ?? []) {
      const v = field ? (arg && typeof arg === 'object' && !Array.isArray(arg) ? arg[field] : undefined) : arg;
      if (typeof v === 'string' && !v.startsWith('$') && !hasText(prefix + v + suffix)) add(field ? [...at, field] : at, false, 'lab.error.unknown-text', { key: prefix + v + suffix });
    }
  };

  ex.scenarios.forEach((sc, si) => {
    if ((sc.script === undefined) === (sc.steps === undefined)) add(['scenarios', si], false, 'lab.error.scenario-body', { name: sc.name });
    if (sc.script !== undefined) {
      (sc.decides ?? scripted.get(si) ?? []).forEach((id, i) => {
        if (!checkIds.includes(id)) add(['scenarios', si, 'decides', i], false, 'lab.error.unknown-check', { id, suggestion: closest(id, checkIds) ?? '' });
        decided.set(id, (decided.get(id) ?? 0) + 1);
      });
      return;
    }
    const has = new Set<string>();
    const walk = (steps: StepFile[], at: PathPart[], inCheck: string | undefined, items?: unknown[]) => {
      steps.forEach((step, i) => {
        const here = [...at, i];
        if (typeof step !== 'string' && (typeof step !== 'object' || step === null || Array.isArray(step))) {
          add(here, false, 'lab.error.bad-step', {});
          return;
        }
        const names = typeof step === 'string' ? [step] : Object.keys(step).filter((k) => !(CHECK_KEYS as readonly string[]).includes(k));
        for (const name of names) {
          if (!ALL_VERBS.includes(name)) add(typeof step === 'string' ? here : [...here, name], typeof step !== 'string', 'lab.error.unknown-verb', { verb: name, suggestion: closest(name, ALL_VERBS) ?? '' });
        }
        const isCheck = typeof step === 'object' && 'check' in step;
        let verbItems = items; // what $it is for this step's own verb
        if (typeof step === 'object' && !isCheck) {
          for (const k of ['for each', 'do', 'facts']) if (k in step) add([...here, k], true, 'lab.error.outside-check', { key: k });
        }
        if (names.length > 1) add(here, false, 'lab.error.two-verbs', { verbs: names.join(' », « ') });
        if (isCheck) {
          const id = String(step.check);
          if (inCheck) add([...here, 'check'], true, 'lab.error.nested-check', {});
          if (!checkIds.includes(id)) add([...here, 'check'], false, 'lab.error.unknown-check', { id, suggestion: closest(id, checkIds) ?? '' });
          decided.set(id, (decided.get(id) ?? 0) + 1);
          const hasDo = Array.isArray(step.do);
          if (hasDo === (names.length > 0)) add(here, false, 'lab.error.check-body', { id });
          if (names.some((n) => n in DECIDERS) && (hasDo || step['for each'] !== undefined)) add(here, false, 'lab.error.decider-alone', { verb: names.find((n) => n in DECIDERS)! });
          if (hasDo && (step.do as StepFile[]).some((d) => verbOf(d)[0] in DECIDERS)) add([...here, 'do'], true, 'lab.error.decider-alone', { verb: (step.do as StepFile[]).map((d) => verbOf(d)[0]).find((n) => n in DECIDERS)! });
          const blind = names.find((n) => n === 'expect prints' || n === 'expect waits for each reply');
          if (blind && step.facts !== undefined) add([...here, 'facts'], true, 'lab.error.facts-not-shown', { verb: blind });
          refs(step['for each'], [...here, 'for each']);
          refs(step.facts as Value, [...here, 'facts']);
          // a fact is shown as « its name: its value »: its name is a sentence of the catalogue or texts
          for (const k of Object.keys(step.facts && typeof step.facts === 'object' ? step.facts : {})) {
            if (!hasText(`fact.${k}`)) add([...here, 'facts', k], true, 'lab.error.unknown-text', { key: `fact.${k}` });
          }
          const list = step['for each'] === undefined ? undefined : staticValues(step['for each'], ex.values ?? {}, items).flatMap((x) => (Array.isArray(x) ? x : [x]));
          if (hasDo) walk(step.do as StepFile[], [...here, 'do'], id, list);
          else if (list) verbItems = list;
        }
        for (const name of names.filter((n) => ALL_VERBS.includes(n))) {
          const arg = typeof step === 'object' ? step[name] : undefined;
          const verb = name === 'focus' && typeof arg === 'string' ? `focus: ${arg}` : name;
          for (const need of needsOf(name, arg).filter((n) => !has.has(n))) {
            add(typeof step === 'string' ? here : [...here, name], typeof step !== 'string', 'lab.error.order', { verb, needs: needStep(need) });
          }
          for (const made of makesOf(name, arg)) has.add(made);
          refs(arg, typeof step === 'string' ? here : [...here, name]);
          checkKeys(name, arg, [...here, name]);
          if (name in TEXT_ARGS) {
            const field = TEXT_ARGS[name];
            const raw = field && arg && typeof arg === 'object' && !Array.isArray(arg) ? arg[field] : arg;
            if (staticValues(raw, ex.values ?? {}, verbItems).some((x) => x !== null && typeof x === 'object')) add([...here, name], false, 'lab.error.text-expected', { verb: name });
          }
          if (inCheck === undefined && !isCheck && !ACTIONS.includes(name)) {
            add(typeof step === 'string' ? here : [...here, name], typeof step !== 'string', 'lab.error.expect-outside-check', { verb: name });
          }
        }
      });
    };
    walk(sc.steps ?? [], ['scenarios', si, 'steps'], undefined);
  });

  ex.checks.forEach((c, i) => {
    const n = decided.get(c.id) ?? 0;
    if (n === 0) add(['checks', i], false, 'lab.error.undecided-check', { id: c.id });
    if (n > 1) add(['checks', i], false, 'lab.error.twice-decided', { id: c.id, n });
  });
  return out;
}
