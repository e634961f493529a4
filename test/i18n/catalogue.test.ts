// The message catalogues: one per language, same keys, same placeholders; every check explained;
// every key and hint the code uses exists. A missing key fails here, not in front of a student.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, pickLang, t } from '../../src/i18n/index.js';
import { fr } from '../../src/i18n/fr/index.js';
import { en } from '../../src/i18n/en/index.js';
import { exercises } from '../checks/builtin-lab.js';
import { explainText } from '../../src/cli/explain.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const checkIds = exercises.flatMap((e) => e.checks.map((c) => c.id));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.ts$/.test(name) && !p.includes(`${path.sep}i18n${path.sep}`)) out.push(p);
  }
  return out;
}
const code = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'checks'))].map((f) => ({ f: path.relative(ROOT, f), text: readFileSync(f, 'utf8') }));

// {name} and the plural form {name:singular|plural} both use `name`
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((m) => m[1]))].sort();

describe('catalogues', () => {
  it('French and English have exactly the same keys', () => {
    const frKeys = Object.keys(fr).sort();
    const enKeys = Object.keys(en).sort();
    expect(frKeys.filter((k) => !(k in en)), 'missing in en').toEqual([]);
    expect(enKeys.filter((k) => !(k in fr)), 'missing in fr').toEqual([]);
  });

  it('each key has the same placeholders in both languages', () => {
    const bad = Object.keys(fr).filter((k) => k in en && placeholders(fr[k]).join() !== placeholders(en[k]).join());
    expect(bad).toEqual([]);
  });

  it('no message is empty', () => {
    for (const lang of ['fr', 'en'] as const) {
      expect(Object.entries(catalogues[lang]).filter(([, v]) => !v.trim()).map(([k]) => k), lang).toEqual([]);
    }
  });

  it('there are 40 checks, and every one has a title, what, why and fix in both languages', () => {
    expect(checkIds).toHaveLength(40);
    expect(new Set(checkIds).size).toBe(40);
    const missing: string[] = [];
    for (const id of checkIds) {
      for (const part of ['title', 'what', 'why', 'fix']) {
        for (const [lang, cat] of Object.entries(catalogues)) if (!cat[`check.${id}.${part}`]) missing.push(`${lang}: check.${id}.${part}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no explanation is left for a check that no longer exists', () => {
    const stale = Object.keys(fr)
      .map((k) => /^check\.(.+)\.(title|what|why|fix)$/.exec(k)?.[1])
      .filter((id): id is string => !!id && !checkIds.includes(id));
    expect([...new Set(stale)]).toEqual([]);
  });

  it('every exercise has a title in both languages', () => {
    for (const e of exercises) for (const cat of Object.values(catalogues)) expect(cat[`exercise.${e.id}.title`], e.id).toBeTruthy();
  });

  it('every hint used by the checks and the engine exists in both languages', () => {
    const hints = new Set<string>();
    for (const { text } of code) {
      // `hint: 'x'` and `hint: cond ? 'x' : 'y'`
      for (const m of text.matchAll(/hint:\s*([^,}\n]+)/g)) for (const q of m[1].matchAll(/(?:^|\?|:)\s*'([a-z0-9-]+)'/g)) hints.add(q[1]);
      // expectSomeData(conn, ms, noDataKey, hintKey)
      for (const m of text.matchAll(/expectSomeData\([^)]*,\s*'([a-z0-9.-]+)',\s*'([a-z0-9-]+)'\)/g)) hints.add(m[2]);
    }
    const diagnose = readFileSync(path.join(ROOT, 'src/runner/diagnose.ts'), 'utf8');
    const fromExceptions = diagnose.slice(0, diagnose.indexOf('export function crashed'));
    for (const m of fromExceptions.matchAll(/return '([a-z0-9-]+)'/g)) hints.add(m[1]);
    expect(hints.size).toBeGreaterThan(20);
    const missing = [...hints].flatMap((h) => Object.entries(catalogues).filter(([, cat]) => !cat[`hint.${h}`]).map(([lang]) => `${lang}: hint.${h}`));
    expect(missing).toEqual([]);
  });

  it('every literal message key used in src/ and checks/ exists in both languages', () => {
    const used = new Map<string, string>();
    const patterns = [
      /\bt\(\s*[\w.]+\s*,\s*'([a-z0-9-]+(?:\.[a-z0-9-]+)+)'/g, // t(lang, 'a.b')
      /\bfailure\(\s*'([a-z0-9-]+(?:\.[a-z0-9-]+)+)'/g, // failure('a.b', ...)
      /\bkey:\s*'([a-z0-9-]+(?:\.[a-z0-9-]+)+)'/g, // { key: 'a.b' }
    ];
    for (const { f, text } of code) for (const re of patterns) for (const m of text.matchAll(re)) used.set(m[1], f);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].flatMap(([k, f]) => Object.entries(catalogues).filter(([, cat]) => !(k in cat)).map(([lang]) => `${lang}: ${k} (${f})`));
    expect(missing).toEqual([]);
  });
});

describe('language choice', () => {
  it('French by default; English with --lang en or LANG=en*', () => {
    expect(pickLang(undefined, {})).toBe('fr');
    expect(pickLang(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(pickLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(pickLang(undefined, { LANG: 'C.UTF-8' })).toBe('fr');
    expect(pickLang('en', { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(pickLang('fr', { LANG: 'en_GB.UTF-8' })).toBe('fr');
  });

  it('a missing key shows itself instead of crashing', () => {
    expect(t('fr', 'no.such.key')).toBe('no.such.key');
  });
});

describe('--explain texts', () => {
  it('renders every check in both languages, with no raw key left', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const id of checkIds) {
        const text = explainText(id, lang, 80)!;
        expect(text, `${lang} ${id}`).toBeTruthy();
        expect(text).not.toMatch(/check\.ex\d|cli\.explain\./);
        expect(text.split('\n').filter((l) => l.startsWith('  ') && l.length > 80), `${lang} ${id}: lines wrapped at 80`).toEqual([]);
      }
    }
    expect(explainText('ex3.serveur-echo', 'fr')).toContain('Corrections habituelles');
    expect(explainText('ex3.serveur-echo', 'en')).toContain('Usual fixes');
    expect(explainText('ex9.rien', 'fr')).toBeUndefined();
  });
});
