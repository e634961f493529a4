// ex4.client-relais types into the student's client only once the relay server has registered
// both clients (issue: one timeline per run, item 4). A relay slow to register a newcomer (as the
// reference is on a loaded machine) must not make the reference client fail.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExerciseDef } from './builtin-lab.js';

const relais = findExerciseDef('ex4')!;
import { runScenario } from '../../src/runner/scenario.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { findPython } from '../../src/python/discover.js';
import { leaseForkServers } from '../../src/engine/forkserver.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('ex4.client-relais', () => {
  it('passes the reference client against a relay that registers each client 0.4 s after accepting it', async () => {
    const lease = leaseForkServers();
    try {
      const sc = relais.scenarios.find((s) => s.name === 'client')!;
      const out = await runScenario(sc, {
        dir: join(ROOT, 'reference', '4-relais'),
        referenceDir: join(ROOT, 'test', 'fixtures', 'relay-slow-register', '4-relais'),
        python: (await findPython()).path,
        lang: 'fr',
        config: defaultConfig(),
      });
      const d = out.decisions.get('ex4.client-relais')!;
      expect(d.failure?.message, JSON.stringify(out.snapshot.map((e) => `${e.kind} ${e.from} ${e.text}`))).toBeUndefined();
      expect(d.passed).toBe(true);
    } finally {
      await lease.release();
    }
  });
});
