// The check API's verbs, described as data (checks/lib/vocabulary.ts), stay true to the code: the
// vocabulary a data file would use maps one-to-one to functions of checks/lib/api.ts.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../checks/lib/api.js';
import { VOCABULARY } from '../../checks/lib/vocabulary.js';
import { catalogues } from '../../src/i18n/index.js';
import { exercises } from './builtin-lab.js';
import { VERBS, DECIDERS } from '../../src/lab/steps.js';

const CHECKS = join(__dirname, '..', '..', 'checks');
const LIB = join(CHECKS, 'lib');
const exported = api as unknown as Record<string, unknown>;

describe('the verbs of the check API, as data', () => {
  it('each verb of the vocabulary is a function of the API, named once', () => {
    const names = VOCABULARY.map((v) => v.verb);
    expect(names.filter((n) => typeof exported[n] !== 'function')).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(VOCABULARY.map((v) => v.step)).size).toBe(names.length);
  });

  it('each expectation the API exports is in the vocabulary', () => {
    const expectations = Object.keys(exported).filter((n) => /^expect[A-Z]/.test(n) && typeof exported[n] === 'function');
    expect(expectations.filter((n) => !VOCABULARY.some((v) => v.verb === n))).toEqual([]);
  });

  it('each step of a data file that expects something is a verb of the vocabulary, by the same name', () => {
    // the steps that only act (start a program, connect, send, type...) carry no diagnosis of their own
    const actions = ['start', 'focus', 'listener', 'accepted', 'connect', 'listens', 'connects', 'receives', 'send', 'type', 'close', 'expect text'];
    const steps = [...Object.keys(VERBS), ...Object.keys(DECIDERS)].filter((s) => !actions.includes(s));
    expect(steps.length).toBeGreaterThan(20);
    expect(steps.filter((s) => !VOCABULARY.some((v) => v.step === s))).toEqual([]);
  });

  it('each failure a verb can give has its message and its hint in French and English', () => {
    const missing: string[] = [];
    for (const v of VOCABULARY) {
      for (const { key, hint } of v.failures) {
        for (const lang of ['fr', 'en'] as const) {
          if (!(key in catalogues[lang])) missing.push(`${v.verb}: ${lang} ${key}`);
          if (!(`hint.${hint}` in catalogues[lang])) missing.push(`${v.verb}: ${lang} hint.${hint}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every failure key written in the verbs is listed by a verb', () => {
    const listed = new Set(VOCABULARY.flatMap((v) => v.failures.map((x) => x.key)));
    const written = ['verbs.ts', 'relay.ts', 'expect.ts']
      .flatMap((f) => [...readFileSync(join(LIB, f), 'utf8').matchAll(/failure\(\s*'([^']+)'/g)].map((m) => m[1]))
      // keys made at run time (`${noDataKey}-waiting`) are named by the data files of parts 1-2
      .filter((k) => !k.includes('$'));
    expect(written.length).toBeGreaterThan(10);
    expect([...new Set(written)].filter((k) => !listed.has(k))).toEqual([]);
  });

  it('every message key a check names (fail, or a verb\'s key parameter) exists in French and English', () => {
    const checkIds = new Set(exercises.flatMap((e) => e.checks.map((c) => c.id)));
    const files = ['1-meme-machine.json', '2-deux-machines.json', '3-ping-pong.json', '4-relais.ts', '../src/lab/steps.ts'];
    const named = files.flatMap((f) => [...readFileSync(join(CHECKS, f), 'utf8').matchAll(/['"](ex\d?\.[a-z0-9-]+)['"]/g)].map((m) => m[1]));
    const keys = [...new Set(named)].filter((k) => !checkIds.has(k));
    expect(keys).toContain('ex3.spin'); // a key given to a verb
    expect(keys).toContain('ex3.client-no-wait'); // a key given to fail()
    expect(keys.flatMap((k) => (['fr', 'en'] as const).filter((l) => !(k in catalogues[l])).map((l) => `${l}: ${k}`))).toEqual([]);
  });
});
