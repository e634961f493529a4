import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, ExerciseResult, Lang } from '../model.js';
import { t, render } from '../i18n/index.js';
import type { ExerciseDef, ScenarioDef, CheckDef } from './types.js';
import { runScenario, type RunEnv, type Decision, type ScenarioOutcome } from './scenario.js';
import { inOrder, type Schedule } from './schedule.js';

/** Where the exercise's files are, per student; undefined when the folder is missing. */
export interface ExerciseInput {
  def: ExerciseDef;
  env: RunEnv;
}

const TODO = /#\s*TODO/;

function hasTodo(path: string): boolean {
  try {
    return TODO.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** Run every scenario of an exercise (concurrently: each has its own OS-chosen ports) into check results. */
export async function runExercise({ def, env }: ExerciseInput, schedule: Schedule = inOrder): Promise<ExerciseResult> {
  const lang = env.lang;
  const outcomes = await Promise.all(
    def.scenarios.map((sc) => {
      const missing = sc.files.filter((f) => !existsSync(join(env.dir, f)));
      if (missing.length) return Promise.resolve({ sc, missing, outcome: undefined });
      return schedule(sc.checks.length, () => runScenario(sc, env)).then((outcome) => ({ sc, missing, outcome }));
    }),
  );
  const checks: CheckResult[] = [];
  for (const c of def.checks) {
    const owner = outcomes.find((o) => o.sc.checks.includes(c.id));
    if (!owner) throw new Error(`check ${c.id} is decided by no scenario`);
    const points = c.points; // the barème (config) is applied by rescoreReport
    checks.push(
      owner.outcome
        ? toResult(c, points, owner.outcome.decisions.get(c.id)!, owner.outcome, owner.sc, env, lang)
        : missingResult(c, points, owner.missing, lang),
    );
  }
  const points = checks.reduce((s, c) => s + c.points, 0);
  const maxPoints = checks.filter((c) => !c.bonus && c.status !== 'error').reduce((s, c) => s + c.maxPoints, 0);
  return { id: def.id, folder: def.folder, title: t(lang, `exercise.${def.id}.title`), checks, points, maxPoints };
}

function toResult(c: CheckDef, points: number, d: Decision, o: ScenarioOutcome, sc: ScenarioDef, env: RunEnv, lang: Lang): CheckResult {
  const base = {
    id: c.id,
    role: c.role,
    title: t(lang, `check.${c.id}.title`),
    maxPoints: points,
    bonus: !!c.bonus,
    // one array per scenario, shared by its checks (a class's reports hold many: memory)
    transcript: o.snapshot,
    durationMs: o.durationMs,
    ...(d.facts ? { facts: d.facts } : {}),
  };
  if (d.passed) return { ...base, status: 'pass', points, message: '', hint: '' };
  if (d.notReachedBecause) {
    const message = t(lang, 'engine.not-reached', { check: t(lang, `check.${d.notReachedBecause}.title`) });
    return { ...base, status: 'not-reached', points: 0, message, hint: '', notReachedBecause: d.notReachedBecause };
  }
  const f = d.failure;
  const todo = sc.files.some((file) => hasTodo(join(env.dir, file)));
  const hintKey = f?.hint ?? (todo ? 'todo' : undefined);
  let hint = hintKey ? t(lang, `hint.${hintKey}`, f?.hintParams) : '';
  if (todo && hintKey !== 'todo') hint = `${t(lang, 'hint.todo')} ${hint}`.trim();
  const message = render(lang, f?.message);
  return {
    ...base,
    status: f?.status ?? 'fail',
    points: 0,
    message,
    hint,
    ...(hintKey ? { hintKey } : {}),
    ...(f?.expected !== undefined ? { expected: f.expected } : {}),
    ...(f?.seen !== undefined ? { seen: f.seen } : {}),
    ...(d.traceback ? { traceback: d.traceback } : {}),
    ...(d.blocked ? { blocked: d.blocked } : {}),
  };
}

function missingResult(c: CheckDef, points: number, missing: string[], lang: Lang): CheckResult {
  return {
    id: c.id,
    role: c.role,
    title: t(lang, `check.${c.id}.title`),
    status: 'skip',
    points: 0,
    maxPoints: points,
    bonus: !!c.bonus,
    message: t(lang, 'engine.missing-file', { file: missing.join(', ') }),
    hint: t(lang, 'hint.missing-file'),
    hintKey: 'missing-file',
    transcript: [],
    durationMs: 0,
  };
}
