// A run ends on what it reported, not on which channel reached the checker first (issue: one
// timeline per run, item 2): a program's exit may be seen before its report channel is accepted
// (a busy checker). The run then waits for the channel; only a module that never started ends it
// at once, as a checker error.
import { afterEach, describe, expect, it } from 'vitest';
import { reportHub } from '../../src/engine/report-hub.js';
import { Transcript } from '../../src/engine/transcript.js';
import { NoHelloError } from '../../src/engine/python-run.js';
import { observe } from '../../src/util/wait.js';
import { LONG, fixture, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();
afterEach(() => {
  reportHub.resume();
  delete process.env.TPRC_FORKSERVER;
});

describe.each([
  ['forked', '1'],
  ['spawned', '0'],
])('%s program', (_how, forkServer) => {
  it('exited before its channel was accepted: the run waits for it, then has everything', async () => {
    process.env.TPRC_FORKSERVER = forkServer;
    reportHub.start();
    reportHub.pause();
    const transcript = new Transcript();
    const run = await startRun('quick.py', { transcript, actor: 'client' });
    await run.watch.until(() => run.exit, LONG, 'exit');
    // longer than any grace: the run is not over while what it reported has not been read
    expect(await observe(run.watch, 1500, () => run.watch.isEnded)).toBe(true);
    reportHub.resume();
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.helloReceived).toBe(true);
    expect(run.all('end')).toHaveLength(1);
    expect(transcript.snapshot().map((e) => [e.kind, e.text])).toEqual([
      ['stdout', 'bonjour'],
      ['exit', 'code 0'],
    ]);
  });

  it("a module that never started ends the run at once, as the checker's error", async () => {
    process.env.TPRC_FORKSERVER = forkServer;
    // no such working folder: the interpreter (or the forked child) fails before the module
    const run = await startRun(fixture('no_such_dir/quick.py'));
    await expect(run.ready()).rejects.toBeInstanceOf(NoHelloError);
    expect(run.isSettled).toBe(true);
  });
});
