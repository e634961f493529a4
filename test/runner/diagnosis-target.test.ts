// A failed step is diagnosed on the program whose wait failed, not on whichever program the
// scenario focused last (issue: one timeline per run, item 2).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/scenario.js';
import type { ScenarioDef } from '../../src/runner/types.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { findPython } from '../../src/python/discover.js';
import { leaseForkServers } from '../../src/engine/forkserver.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'diagnosis-target');

describe('the program a failure is about', () => {
  it('a wait on the server that runs out is reported where the server is blocked, though the client has the focus', async () => {
    const sc: ScenarioDef = {
      name: 'test',
      files: ['serveur.py', 'client.py'],
      checks: ['t.server-exits'],
      async run(ctx) {
        const srv = await ctx.start('serveur.py');
        await srv.listening(ctx.ms(3000));
        const cli = await ctx.start('client.py');
        ctx.focus(cli);
        await cli.exited(ctx.ms(3000));
        await ctx.step('t.server-exits', async () => {
          await srv.exited(ctx.ms(300));
        });
      },
    };
    const lease = leaseForkServers();
    try {
      const out = await runScenario(sc, { dir: DIR, referenceDir: DIR, python: (await findPython()).path, lang: 'fr', config: defaultConfig() });
      const d = out.decisions.get('t.server-exits')!;
      expect(d.passed).toBe(false);
      expect(d.failure?.status).toBe('timeout');
      expect(d.blocked).toMatchObject({ call: 'accept', file: 'serveur.py', line: 5 });
    } finally {
      await lease.release();
    }
  });
});
