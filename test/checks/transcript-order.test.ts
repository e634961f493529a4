// The exchange a student reads is in the order the programs did things (issue: one timeline per
// run), for every exercise of reference/ and student-template/, whatever the machine's load.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { RunReport } from '../../src/model.js';
import { causalProblems } from '../../scripts/causal-order.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Each scenario's transcript once (the checks of a scenario share it), with the checks it belongs to. */
function transcripts(report: RunReport): Map<RunReport['exercises'][number]['checks'][number]['transcript'], string[]> {
  const out = new Map<RunReport['exercises'][number]['checks'][number]['transcript'], string[]>();
  for (const ex of report.exercises) for (const c of ex.checks) if (c.transcript.length) out.set(c.transcript, [...(out.get(c.transcript) ?? []), c.id]);
  return out;
}

describe.each(['reference', 'student-template'])('%s/: every transcript is in causal order', (folder) => {
  it('listen before connect, connect before messages, a message before its print, code order, exit last', async () => {
    const report = await checkStudent({ dir: join(ROOT, folder), lang: 'fr', config: defaultConfig() });
    const problems: string[] = [];
    let seen = 0;
    for (const [events, ids] of transcripts(report)) {
      seen++;
      for (const p of causalProblems(events)) problems.push(`${ids[0]}: ${p}`);
    }
    expect(seen).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });
});
