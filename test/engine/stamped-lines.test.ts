// The printed lines of a program, each with the time the module stamped on the write that ended it.
import { describe, expect, it } from 'vitest';
import { StampedLines } from '../../src/engine/stamped-lines.js';

function collect() {
  const out: [string, number][] = [];
  return { out, lines: new StampedLines((text, t) => out.push([text, t])) };
}

describe('StampedLines', () => {
  it('gives each line the stamp of its write, whether the bytes or the stamp came first', () => {
    const { out, lines } = collect();
    lines.onBytes(Buffer.from('un\n'), 500); // bytes first
    expect(out).toEqual([]);
    lines.onStamp(3, 100);
    lines.onStamp(8, 200); // stamp first
    lines.onBytes(Buffer.from('deux\n'), 600);
    expect(out).toEqual([['un', 100], ['deux', 200]]);
  });

  it('joins a line cut across reads, and keeps accents cut between two reads', () => {
    const { out, lines } = collect();
    const bytes = Buffer.from('élève\n');
    lines.onBytes(bytes.subarray(0, 1), 1);
    lines.onBytes(bytes.subarray(1), 2);
    lines.onStamp(bytes.length, 50);
    expect(out).toEqual([['élève', 50]]);
  });

  it('a line no stamp covers is placed when it arrived, never before an earlier line', () => {
    const { out, lines } = collect();
    lines.onStamp(2, 300);
    lines.onBytes(Buffer.from('a\nb\nc'), 100);
    lines.finish(400);
    expect(out).toEqual([['a', 300], ['b', 300], ['c', 400]]);
  });

  it('releases a flood of unstamped lines in linear time (the module stops stamping after its caps)', () => {
    const { out, lines } = collect();
    const line = Buffer.from('Serveur répond : \n');
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) lines.onBytes(line, i);
    lines.finish(1e9);
    // a queue shifted from its head took 11.7 s here for these lines; an index takes ~0.1 s
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out).toHaveLength(100_000);
    expect(out.every(([text], i) => text === 'Serveur répond : ' && out[i][1] === i)).toBe(true);
  });
});
