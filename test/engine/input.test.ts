// input(): reported by the module, so the checker types each line exactly when it is asked for.
import { describe, expect, it } from 'vitest';
import { Transcript } from '../../src/engine/transcript.js';
import { LONG, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();

describe('input() on demand', () => {
  it('reports each prompt, takes the typed line, and EOF when stdin closes', async () => {
    const transcript = new Transcript();
    const run = await startRun('input_lines.py', { actor: 'client', transcript });
    const lines = ['Bonjour à toi, ça va ?', 'deuxième', 'fin'];
    for (const [i, line] of lines.entries()) {
      const asked = await run.inputRequested(i + 1, LONG);
      expect(asked.prompt).toBe(`ligne ${i + 1} ? `);
      // nothing is typed ahead: the program has asked exactly i + 1 times, and got i lines
      expect(run.all('input-done')).toHaveLength(i);
      run.type(line);
      await run.waitEvent('input-done', LONG, { nth: i + 1 });
    }
    await run.inputRequested(4, LONG);
    run.closeStdin();
    await run.waitEvent('input-eof', LONG);
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.all('input-done').map((e) => e.text)).toEqual(lines);
    // the prompts are printed, as in a terminal
    expect(run.stdout).toBe('ligne 1 ? lu: Bonjour à toi, ça va ?\nligne 2 ? lu: deuxième\nligne 3 ? lu: fin\nligne 4 ? EOF after 3\n');
    expect(run.typed).toEqual(lines);
    const stdin = transcript.snapshot().filter((e) => e.kind === 'stdin');
    expect(stdin.map((e) => [e.from, e.to, e.text])).toEqual(lines.map((l) => ['checker', 'client', l]));
  });
});
