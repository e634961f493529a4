import { describe, expect, it } from 'vitest';
import { DeadlineError, EndedError, Watch, observe, untilAny, withDeadline } from '../../src/util/wait.js';

describe('withDeadline', () => {
  it('settles with the promise when it comes first', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'seven')).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });

  it('rejects with DeadlineError naming what was awaited', async () => {
    const e = await withDeadline(new Promise(() => {}), 20, 'the reply').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeadlineError);
    expect(e).toMatchObject({ what: 'the reply', ms: 20 });
    expect((e as Error).message).toContain('the reply');
  });
});

describe('Watch.until', () => {
  it('resolves at once when the predicate already holds, with its value', async () => {
    await expect(new Watch().until(() => 'now', 10, 'x')).resolves.toBe('now');
  });

  it('resolves on the change that makes it true, not before', async () => {
    const w = new Watch();
    let n = 0;
    const p = w.until(() => n >= 2 && n, 1000, 'two');
    n = 1;
    w.changed();
    n = 2;
    w.changed();
    await expect(p).resolves.toBe(2);
  });

  it('rejects with DeadlineError when nothing changes', async () => {
    await expect(new Watch().until(() => false, 20, 'nothing')).rejects.toBeInstanceOf(DeadlineError);
  });

  it('rejects with EndedError when the state ends without the predicate holding (no waiting for the deadline)', async () => {
    const w = new Watch();
    const p = w.until(() => false, 60_000, 'exit');
    w.end();
    await expect(p).rejects.toBeInstanceOf(EndedError);
    await expect(w.until(() => false, 60_000, 'later')).rejects.toBeInstanceOf(EndedError);
    expect(w.isEnded).toBe(true);
  });

  it('a last change that makes it true still wins at end()', async () => {
    const w = new Watch();
    let done = false;
    const p = w.until(() => done, 60_000, 'done');
    done = true;
    w.end();
    await expect(p).resolves.toBe(true);
  });

  it('a predicate that throws fails the wait with that error', async () => {
    const w = new Watch();
    await expect(w.until(() => { throw new RangeError('now'); }, 1000, 'x')).rejects.toThrow(RangeError);
    let fail = false;
    const p = w.until(() => { if (fail) throw new TypeError('later'); return false; }, 1000, 'x');
    fail = true;
    w.changed();
    await expect(p).rejects.toThrow(TypeError);
  });

  it('stops re-checking once settled (resolved or timed out)', async () => {
    const w = new Watch();
    let calls = 0;
    let ready = false;
    const p = w.until(() => (calls++, ready), 1000, 'ready');
    ready = true;
    w.changed();
    await p;
    const settled = calls;
    w.changed();
    expect(calls).toBe(settled);
    let late = 0;
    await w.until(() => (late++, false), 10, 'never').catch(() => undefined);
    const timedOut = late;
    w.changed();
    expect(late).toBe(timedOut);
  });
});

describe('untilAny', () => {
  it('re-checks on a change of any of the watches, and unsubscribes after', async () => {
    const a = new Watch();
    const b = new Watch();
    let v: string | undefined;
    const p = untilAny([a, b], () => v, 1000, 'any');
    v = 'from b';
    b.changed();
    await expect(p).resolves.toBe('from b');
    let checks = 0;
    const q = untilAny([a, b], () => (++checks, false), 30, 'none');
    a.changed();
    await expect(q).rejects.toBeInstanceOf(DeadlineError);
    const after = checks;
    a.changed();
    b.changed();
    expect(checks).toBe(after);
  });
});

describe('observe (negative checks)', () => {
  it('true when the whole window passed', async () => {
    const t0 = performance.now();
    expect(await observe(new Watch(), 40)).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
  });

  it('false as soon as stop() holds, without waiting for the window', async () => {
    const w = new Watch();
    let stop = false;
    const t0 = performance.now();
    const p = observe(w, 60_000, () => stop);
    stop = true;
    w.changed();
    expect(await p).toBe(false);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('false when the watch ends (the process exited)', async () => {
    const w = new Watch();
    const p = observe(w, 60_000);
    w.end();
    expect(await p).toBe(false);
  });
});
