// Validates the teacher's tp-reseau.config.json against the Config type, collecting every problem
// at once (a teacher fixing one error at a time would rerun the grader again and again).
import type { Lang } from '../model.js';
import type { Config, EchoPolicy } from './types.js';
import { checkIds, labExercises, defaultConfig, findExercise } from './defaults.js';
import { t } from '../i18n/report-keys.js';
import { closest } from '../util/edit-distance.js';

const TOP_KEYS = [
  '$schema', 'exercises', 'points', 'exercisePoints', 'echoPolicy', 'timeFactor', 'messages',
  'studentTimeoutS', 'jobs', 'lang', 'bonusInGrade', 'lab',
] as const;
const MESSAGE_KEYS = ['typed', 'pingPong', 'relay'] as const;
const ECHO: EchoPolicy[] = ['required', 'forbidden', 'either'];

export interface ValidationResult {
  config: Config;
  errors: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'rien' : JSON.stringify(v));

function suggest(lang: Lang, word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best ? t(lang, 'report.config.didYouMean', { name: best }) : '';
}

/** Checks `raw` (parsed JSON) and merges it over the defaults. */
export function validateConfig(raw: unknown, lang: Lang = 'fr'): ValidationResult {
  const errors: string[] = [];
  const config = defaultConfig();
  const err = (key: Parameters<typeof t>[1], vars: Record<string, string | number>) => errors.push(t(lang, key, vars));
  if (!isObj(raw)) {
    err('report.config.notObject', {});
    return { config, errors };
  }
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      err('report.config.unknownKey', { key, suggestion: suggest(lang, key, TOP_KEYS) });
    }
  }

  const number = (key: string, v: unknown, rule: 'positive' | 'nonNegative'): number | undefined => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return void err('report.config.expectNumber', { key, found: show(v) });
    if (rule === 'positive' && !(v > 0)) return void err('report.config.expectPositive', { key, found: show(v) });
    if (rule === 'nonNegative' && v < 0) return void err('report.config.expectNonNegative', { key, found: show(v) });
    return v;
  };
  const oneLine = (key: string, v: unknown): string | undefined => {
    if (typeof v !== 'string') return void err('report.config.expectString', { key, found: show(v) });
    if (v.trim() === '' || /[\r\n]/.test(v)) return void err('report.config.oneLine', { key });
    return v;
  };
  const lines = (key: string, v: unknown): string[] | undefined => {
    if (!Array.isArray(v)) return void err('report.config.expectStringList', { key, found: show(v) });
    if (v.length === 0) return void err('report.config.emptyList', { key });
    const out = v.map((item, i) => oneLine(`${key}[${i}]`, item));
    if (out.some((s) => s?.trim().toLowerCase() === 'fin')) err('report.config.noFin', { key });
    return out.every((s): s is string => s !== undefined) ? out : undefined;
  };
  const allowedExercises = labExercises().map((e) => e.folder).join(', ');

  if ('exercises' in raw) {
    const v = raw.exercises;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      err('report.config.expectStringList', { key: 'exercises', found: show(v) });
    } else if (v.length === 0) {
      err('report.config.emptyList', { key: 'exercises' });
    } else {
      const folders: string[] = [];
      for (const name of v as string[]) {
        const ex = findExercise(name);
        if (!ex) err('report.config.unknownExercise', { key: 'exercises', value: name, allowed: allowedExercises });
        else if (!folders.includes(ex.folder)) folders.push(ex.folder);
      }
      // Keep the lab's order whatever the file's order, so columns and reports are stable.
      config.exercises = labExercises().map((e) => e.folder).filter((f) => folders.includes(f));
    }
  }

  if ('points' in raw) {
    if (!isObj(raw.points)) err('report.config.expectObject', { key: 'points', found: show(raw.points) });
    else {
      for (const [id, v] of Object.entries(raw.points)) {
        if (!checkIds().includes(id)) {
          err('report.config.unknownCheck', { key: 'points', value: id, suggestion: suggest(lang, id, checkIds()) });
          continue;
        }
        const n = number(`points.${id}`, v, 'nonNegative');
        if (n !== undefined) config.points[id] = n;
      }
    }
  }

  if ('exercisePoints' in raw) {
    if (!isObj(raw.exercisePoints)) err('report.config.expectObject', { key: 'exercisePoints', found: show(raw.exercisePoints) });
    else {
      for (const [name, v] of Object.entries(raw.exercisePoints)) {
        const ex = findExercise(name);
        if (!ex) {
          err('report.config.unknownExercise', { key: 'exercisePoints', value: name, allowed: allowedExercises });
          continue;
        }
        const n = number(`exercisePoints.${name}`, v, 'nonNegative');
        if (n !== undefined) config.exercisePoints[ex.id] = n;
      }
    }
  }

  if ('echoPolicy' in raw) {
    const v = raw.echoPolicy;
    if (typeof v === 'string' && (ECHO as string[]).includes(v)) config.echoPolicy = v as EchoPolicy;
    else err('report.config.enum', { key: 'echoPolicy', value: String(v), allowed: ECHO.join(', ') });
  }

  if ('timeFactor' in raw) {
    const n = number('timeFactor', raw.timeFactor, 'positive');
    if (n !== undefined && n > 20) err('report.config.tooLarge', { key: 'timeFactor', max: 20, found: n });
    else if (n !== undefined) config.timeFactor = n;
  }

  if ('studentTimeoutS' in raw) {
    const n = number('studentTimeoutS', raw.studentTimeoutS, 'positive');
    if (n !== undefined) config.studentTimeoutS = n;
  }

  if ('jobs' in raw) {
    const v = raw.jobs;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 64) {
      err('report.config.expectInteger', { key: 'jobs', min: 1, max: 64, found: show(v) });
    } else config.jobs = v;
  }

  if ('bonusInGrade' in raw) {
    const v = raw.bonusInGrade;
    if (typeof v === 'boolean') config.bonusInGrade = v;
    else err('report.config.expectBoolean', { key: 'bonusInGrade', found: show(v) });
  }

  // the lab itself is read before the config (config/load.ts configuredLab): here, only its form
  if ('lab' in raw && (typeof raw.lab !== 'string' || raw.lab.trim() === '')) err('report.config.expectString', { key: 'lab', found: show(raw.lab) });

  if ('lang' in raw) {
    const v = raw.lang;
    if (v === 'fr' || v === 'en') config.lang = v;
    else err('report.config.enum', { key: 'lang', value: String(v), allowed: 'fr, en' });
  }

  if ('messages' in raw) {
    const m = raw.messages;
    if (!isObj(m)) err('report.config.expectObject', { key: 'messages', found: show(m) });
    else {
      for (const key of Object.keys(m)) {
        if (!(MESSAGE_KEYS as readonly string[]).includes(key)) {
          err('report.config.unknownKey', { key: `messages.${key}`, suggestion: suggest(lang, key, MESSAGE_KEYS) });
        }
      }
      if ('typed' in m) {
        const s = oneLine('messages.typed', m.typed);
        if (s !== undefined) config.messages.typed = s;
      }
      if ('pingPong' in m) {
        const l = lines('messages.pingPong', m.pingPong);
        if (l) config.messages.pingPong = l;
      }
      if ('relay' in m) {
        const l = lines('messages.relay', m.relay);
        if (l) config.messages.relay = l;
      }
    }
  }
  return { config, errors };
}
