// The two example labs of examples/, checked as a teacher would with --lab: each reference passes
// every check, the template fails, and each buggy program fails the check its bug is about, with
// the hint that explains it (and only the checks that bug can reach).
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { checkStudent } from '../../src/runner/check-student.js';
import { activateLab } from '../../src/lab/active.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { t } from '../../src/i18n/index.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

async function check(lab: string, dir: string) {
  await activateLab(join(EXAMPLES, lab));
  const report = await checkStudent({ dir: join(EXAMPLES, lab, dir), lang: 'fr', config: defaultConfig(), lab: join(EXAMPLES, lab) });
  const checks = report.exercises.flatMap((e) => e.checks);
  return { report, checks, failed: checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => c.id) };
}

/** [lab, buggy folder, the check it fails, the hint key of that failure, its program, other checks its bug fails] */
const BUGGY: [string, string, string, string, 'serveur' | 'client', string[]?][] = [
  ['ping-pong-quit', 'serveur-arret-sur-fin', 'pp.serveur-quit', 'no-fin', 'serveur'],
  ['ping-pong-quit', 'serveur-port-12345', 'pp.serveur-port', 'port', 'serveur'],
  ['ping-pong-quit', 'client-arret-sur-fin', 'pp.client-quit', 'no-fin', 'client'],
  ['ping-heure', 'serveur-echo', 'ex5.serveur-ping', 'wrong-reply', 'serveur'],
  ['ping-heure', 'serveur-heure-mal-formee', 'ex5.serveur-heure', 'wrong-reply', 'serveur'],
  ['ping-heure', 'serveur-sans-boucle', 'ex5.serveur-heure', 'no-loop', 'serveur'],
  // it reads all the replies at the end: they are printed together, not one by one
  ['ping-heure', 'client-sans-attente', 'ex5.client-attend-reponse', 'no-wait', 'client', ['ex5.client-affiche']],
];

describe('example labs (--lab)', () => {
  for (const lab of ['ping-pong-quit', 'ping-heure']) {
    it(`${lab}: its reference passes every check`, async () => {
      const { checks, failed } = await check(lab, 'reference');
      expect(checks.length).toBeGreaterThan(5);
      expect(failed).toEqual([]);
    }, 60_000);

    it(`${lab}: its student template fails, as still to do`, async () => {
      const { checks } = await check(lab, 'student-template');
      const failed = checks.filter((c) => c.status !== 'pass' && !c.notReachedBecause);
      expect(failed.length).toBeGreaterThan(0);
      for (const c of failed) expect(c.hint, c.id).toContain(t('fr', 'hint.todo'));
    }, 60_000);
  }

  for (const [lab, bug, id, hint, role, alsoFails = []] of BUGGY) {
    it(`${lab}/${bug}: fails ${id} (${hint})`, async () => {
      const { checks } = await check(lab, join('buggy', bug));
      const c = checks.find((x) => x.id === id)!;
      expect(c.status, JSON.stringify(c)).not.toBe('pass');
      const params = { word: lab === 'ping-pong-quit' ? 'quit' : 'fin', port: 50000, msg: bug.includes('heure') || bug.includes('boucle') ? 'heure' : 'ping', expected: bug.includes('echo') ? 'pong' : 'HH:MM' };
      expect(c.hint).toContain(t('fr', `hint.${hint}`, params));
      // the other checks of the same program pass, or were not reached because of that one
      const sameProgram = checks.filter((x) => x.role === role && x.id !== id && !alsoFails.includes(x.id));
      for (const x of sameProgram) expect([x.status === 'pass', x.notReachedBecause !== undefined].some(Boolean), x.id).toBe(true);
    }, 60_000);
  }
});
