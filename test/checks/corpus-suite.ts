// The corpus suite (see corpus.test.ts): every check passes on reference/ and on correct variants,
// and fails on a buggy program with the intended hint; every check of checks/ is failed by at least
// one buggy program. Run once per way of starting programs (corpus*.test.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { causalProblems } from '../../scripts/causal-order.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderHtml } from '../../src/report/html.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { exercises } from './builtin-lab.js';
import type { RunReport, CheckResult } from '../../src/model.js';
import type { EchoPolicy } from '../../src/config/types.js';

export function corpusSuite(): void {
  const ROOT = join(import.meta.dirname, '..', '..');
  const CORPUS = join(ROOT, 'test', 'corpus');

  interface Buggy {
    name: string;
    exercise: string;
    fails: string[];
    hint: string | null;
    echoPolicy?: EchoPolicy;
  }
  interface Correct {
    name: string;
    exercises: string[];
    echoToSender?: boolean;
  }

  const buggy = JSON.parse(readFileSync(join(CORPUS, 'buggy', 'manifest.json'), 'utf8')) as Buggy[];
  const correct = JSON.parse(readFileSync(join(CORPUS, 'correct', 'manifest.json'), 'utf8')) as Correct[];

  function run(dir: string, exercisesToRun?: string[], echoPolicy: EchoPolicy = 'either'): Promise<RunReport> {
    const config = { ...defaultConfig(), echoPolicy };
    return checkStudent({ dir, exercises: exercisesToRun, lang: 'fr', config });
  }

  const checksOf = (r: RunReport): CheckResult[] => r.exercises.flatMap((e) => e.checks);
  const describeFailures = (cs: CheckResult[]): string =>
    cs.map((c) => `${c.id} [${c.status}] ${c.message} (${c.hintKey ?? '-'})`).join('\n');

  const results = new Map<string, RunReport>();

  beforeAll(async () => {
    // All at once: the engine caps concurrent scenarios; each run has its own OS-chosen ports.
    const jobs: [string, Promise<RunReport>][] = [
      ['reference', run(join(ROOT, 'reference'))],
      ...correct.map((c): [string, Promise<RunReport>] => [`correct/${c.name}`, run(join(CORPUS, 'correct', c.name), c.exercises)]),
      ...buggy.map((b): [string, Promise<RunReport>] => [`buggy/${b.name}`, run(join(CORPUS, 'buggy', b.name), [b.exercise], b.echoPolicy)]),
      ['relay-no-echo/forbidden', run(join(CORPUS, 'correct', 'relay-no-echo'), ['4-relais'], 'forbidden')],
      ['relay-no-echo/required', run(join(CORPUS, 'correct', 'relay-no-echo'), ['4-relais'], 'required')],
      ['reference/forbidden', run(join(ROOT, 'reference'), ['4-relais'], 'forbidden')],
      ['reference/required', run(join(ROOT, 'reference'), ['4-relais'], 'required')],
    ];
    const done = await Promise.all(jobs.map(([, p]) => p));
    jobs.forEach(([name], i) => results.set(name, done[i]));
  }, 120_000);

  describe('reference/', () => {
    it('passes every check of the four exercises', () => {
      const r = results.get('reference')!;
      const bad = checksOf(r).filter((c) => c.status !== 'pass');
      expect(describeFailures(bad)).toBe('');
      expect(checksOf(r)).toHaveLength(exercises.flatMap((e) => e.checks).length);
      expect(r.score.on20).toBe(20);
    });
  });

  describe('correct variants', () => {
    for (const c of correct) {
      it(`${c.name} passes every check of ${c.exercises.join(', ')}`, () => {
        const r = results.get(`correct/${c.name}`)!;
        const ran = checksOf(r).filter((x) => x.status !== 'skip');
        expect(ran.length).toBeGreaterThan(0);
        expect(describeFailures(ran.filter((x) => x.status !== 'pass'))).toBe('');
      });
      it(`${c.name}: every exchange shown in causal order`, () => {
        const r = results.get(`correct/${c.name}`)!;
        const transcripts = new Set(checksOf(r).map((x) => x.transcript));
        expect([...transcripts].flatMap((tr) => causalProblems(tr))).toEqual([]);
      });
    }
  });

  describe('every word a student reads (French)', () => {
    /** Internal names, untranslated or broken text: none may reach a student. */
    const FORBIDDEN: [RegExp, string][] = [
      [/event /, 'an event kind of the engine'],
      [/(^|[^A-Za-z])hello([^A-Za-z,]|$)/, 'the module\'s hello'],
      [/(^|[^A-Za-z])Error:/, 'a raw JavaScript error'],
      [/\(line /, 'an English "(line N)"'],
      [/\(ligne \?\)/, 'an unknown line number'],
      [/undefined|NaN|\[object/, 'a value that was not rendered'],
      [/ 1 élèves| 1 points/, 'a wrong plural'],
      [/tp-reseau-sc-|tp-reseau-[A-Za-z0-9]{6}\//, "the checker's working copy instead of the student's file"],
      [/on attendait :|waiting for|deadline of|Unknown option/, 'an internal wait or English text'],
      [/… \+\d|… \(\d+\)|vérificateur : …/, 'a count of left-out lines without a word of what they are'],
    ];
    it('no failed check says anything internal, English or broken, in its message, hint, the whole terminal output or report.html', () => {
      const problems: string[] = [];
      for (const [name, r] of results) {
        const texts = checksOf(r).filter((c) => c.status !== 'pass').flatMap((c) => [c.message, c.hint, c.traceback ?? '']);
        texts.push(renderTerminal(r).replace(/\x1b\[[0-9;]*m/g, ''));
        // report.html as read: its text, without the page's own style and script
        texts.push(renderHtml([r], { lang: 'fr' }).replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' '));
        for (const text of texts) for (const [re, why] of FORBIDDEN) if (re.test(text)) problems.push(`${name}: ${why}: ${text.match(re)?.[0]} in ${JSON.stringify(text.slice(0, 200))}`);
      }
      expect([...new Set(problems)]).toEqual([]);
    });
  });

  describe('buggy programs', () => {
    for (const b of buggy) {
      it(`${b.name}: ${b.fails[0]} fails${b.hint ? ` with hint ${b.hint}` : ''}`, () => {
        const checks = checksOf(results.get(`buggy/${b.name}`)!);
        const main = checks.find((c) => c.id === b.fails[0]);
        expect(main, `check ${b.fails[0]} ran`).toBeDefined();
        expect(main!.status, describeFailures([main!])).not.toBe('pass');
        expect(main!.notReachedBecause, 'the main check fails on its own, not as a consequence').toBeUndefined();
        if (b.hint) expect(main!.hintKey, describeFailures([main!])).toBe(b.hint);
        expect(main!.message.length).toBeGreaterThan(0);
        for (const id of b.fails) expect(checks.find((c) => c.id === id)?.status, id).not.toBe('pass');
      });
    }

    it('every check of checks/ is failed (on its own) by at least one buggy program', () => {
      const failedOnItsOwn = new Set<string>();
      for (const b of buggy) {
        for (const c of checksOf(results.get(`buggy/${b.name}`)!)) {
          if (c.status !== 'pass' && c.status !== 'skip' && !c.notReachedBecause) failedOnItsOwn.add(c.id);
        }
      }
      const never = exercises.flatMap((e) => e.checks.map((c) => c.id)).filter((id) => !failedOnItsOwn.has(id));
      expect(never).toEqual([]);
    });
  });

  describe('relay echo policy (teacher setting)', () => {
    const echoCheck = (name: string) => checksOf(results.get(name)!).find((c) => c.id === 'ex4.serveur-echo-expediteur')!;
    it('a relay without echo passes "forbidden" and fails "required"', () => {
      expect(echoCheck('relay-no-echo/forbidden').status).toBe('pass');
      expect(echoCheck('relay-no-echo/required').status).toBe('fail');
      expect(echoCheck('relay-no-echo/required').hintKey).toBe('echo-required');
    });
    it('the reference relay (echo) passes "required" and fails "forbidden"', () => {
      expect(echoCheck('reference/required').status).toBe('pass');
      expect(echoCheck('reference/forbidden').status).toBe('fail');
      expect(echoCheck('reference/forbidden').hintKey).toBe('echo-forbidden');
    });
  });
}
