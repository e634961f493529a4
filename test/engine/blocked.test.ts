// Readiness without sleeps, and where a program was blocked when a wait ran out.
import { describe, expect, it } from 'vitest';
import { connectClient } from '../../src/peers/fake-client.js';
import { Transcript } from '../../src/engine/transcript.js';
import { DeadlineError } from '../../src/util/wait.js';
import { t } from '../../src/i18n/index.js';
import type { PythonRun } from '../../src/engine/python-run.js';
import { LONG, lineOf, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();

/** A wait that runs out (nothing of the kind will come), as a check's step would see it. */
async function timeOut(run: PythonRun): Promise<void> {
  await expect(run.waitEvent('send', 150)).rejects.toBeInstanceOf(DeadlineError);
}

describe('readiness', () => {
  it('listening() resolves on the listen event with the real port, and the port accepts at once', async () => {
    const transcript = new Transcript();
    const run = await startRun('blocked_recv.py', { transcript });
    const listen = await run.listening(LONG);
    const conn = await connectClient(listen.real, transcript, 'client', 'serveur', LONG);
    await run.waitEvent('accept', LONG);
    conn.destroy();
    expect(transcript.snapshot().find((e) => e.kind === 'listen')).toMatchObject({ from: 'serveur', text: "'':12345" });
  });
});

describe('blockedAt(): the call and the line of the student file', () => {
  it('recv', async () => {
    const transcript = new Transcript();
    const run = await startRun('blocked_recv.py', { transcript });
    const conn = await connectClient((await run.listening(LONG)).real, transcript, 'client', 'serveur', LONG);
    await run.waitEvent('block', LONG, { where: (e) => e.call === 'recv' });
    await timeOut(run);
    const line = lineOf('blocked_recv.py', '# BLOCK');
    expect(run.blockedAt()).toEqual({ call: 'recv', file: 'blocked_recv.py', line, code: 'data = conn.recv(1024)  # BLOCK' });
    const b = run.blockedAt()!;
    expect(t('en', 'report.blockedAt', { ...b })).toBe(`Program blocked in recv() — blocked_recv.py, line ${line}`);
    conn.destroy();
  });

  it('accept', async () => {
    const run = await startRun('blocked_accept.py');
    await run.waitEvent('block', LONG, { where: (e) => e.call === 'accept' });
    await timeOut(run);
    expect(run.blockedAt()).toMatchObject({ call: 'accept', line: lineOf('blocked_accept.py', '# BLOCK') });
  });

  it('input', async () => {
    const run = await startRun('blocked_input.py', { actor: 'client' });
    await run.inputRequested(1, LONG);
    await timeOut(run);
    expect(run.blockedAt()).toMatchObject({ call: 'input', line: lineOf('blocked_input.py', '# BLOCK') });
  });

  it('connect', async () => {
    const run = await startRun('blocked_connect.py', { actor: 'client' });
    await run.waitEvent('block', LONG, { where: (e) => e.call === 'connect' });
    await timeOut(run);
    expect(run.blockedAt()).toMatchObject({ call: 'connect', line: lineOf('blocked_connect.py', '# BLOCK') });
  });

  it('none once the call returned', async () => {
    const transcript = new Transcript();
    const run = await startRun('blocked_recv.py', { transcript });
    const conn = await connectClient((await run.listening(LONG)).real, transcript, 'client', 'serveur', LONG);
    await run.waitEvent('block', LONG, { where: (e) => e.call === 'recv' });
    conn.send('fini');
    await run.exited(LONG);
    expect(run.blockedAt()).toBeUndefined();
    expect(run.stdout).toBe("b'fini'\n");
  });
});

describe('a program looping on a closed connection', () => {
  it('is known to loop at once: waiting for its exit fails long before the deadline, as the deadline would', async () => {
    const transcript = new Transcript();
    const run = await startRun('spins_on_closed.py', { transcript });
    const conn = await connectClient((await run.listening(LONG)).real, transcript, 'client', 'serveur', LONG);
    await run.waitEvent('accept', LONG);
    conn.destroy();
    const started = performance.now();
    await expect(run.exited(30_000)).rejects.toBeInstanceOf(DeadlineError);
    expect(run.spinsOnClosed()).toBe(true);
    // the module reports the 64th empty recv() within milliseconds; 30 s would be the deadline
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
