import { describe, expect, it } from 'vitest';
import { Transcript, bytesText, pythonBytesLiteral } from '../../src/engine/transcript.js';

describe('bytesText / pythonBytesLiteral', () => {
  it('valid UTF-8 reads as text, accents included', () => {
    expect(bytesText(Buffer.from('Bonjour à toi, ça va ?'))).toBe('Bonjour à toi, ça va ?');
    expect(bytesText(new Uint8Array())).toBe('');
  });

  it('invalid UTF-8 reads as the Python bytes literal (latin-1 été)', () => {
    expect(bytesText(Buffer.from([0xe9, 0x74, 0xe9]))).toBe("b'\\xe9t\\xe9'");
  });

  it('honours a view into a larger buffer (byteOffset)', () => {
    const big = Buffer.from('xxhéllo');
    expect(bytesText(big.subarray(2))).toBe('héllo');
  });

  it("matches Python's repr(): escapes, quotes, control bytes", () => {
    expect(pythonBytesLiteral(Buffer.from('a\\b\n\r\t\x00\x7f'))).toBe("b'a\\\\b\\n\\r\\t\\x00\\x7f'");
    expect(pythonBytesLiteral(Buffer.from("it's"))).toBe('b"it\'s"');
    expect(pythonBytesLiteral(Buffer.from(`it's "x"`))).toBe(`b'it\\'s "x"'`);
    expect(pythonBytesLiteral(Buffer.from('é'))).toBe("b'\\xc3\\xa9'");
  });
});

describe('Transcript', () => {
  it('keeps events in the order added, with non-decreasing times and optional recipients', () => {
    const t = new Transcript();
    t.add('listen', 'serveur', "'':12345");
    t.add('connect', 'client', '127.0.0.1:12345', 'serveur');
    t.message('client', 'serveur', Buffer.from('Hello, serveur !'));
    t.message('serveur', 'client', Buffer.from([0xff]));
    t.add('exit', 'client', 'code 0');
    const ev = t.snapshot();
    expect(ev.map((e) => [e.kind, e.from, e.to, e.text])).toEqual([
      ['listen', 'serveur', undefined, "'':12345"],
      ['connect', 'client', 'serveur', '127.0.0.1:12345'],
      ['message', 'client', 'serveur', 'Hello, serveur !'],
      ['message', 'serveur', 'client', "b'\\xff'"],
      ['exit', 'client', undefined, 'code 0'],
    ]);
    expect('to' in ev[0]).toBe(false);
    for (let i = 1; i < ev.length; i++) expect(ev[i].at).toBeGreaterThanOrEqual(ev[i - 1].at);
  });

  it('clips long texts and says how much was left out', () => {
    const t = new Transcript();
    t.add('stdout', 'client', 'a'.repeat(1000));
    expect(t.snapshot()[0].text).toBe('a'.repeat(300) + ' … (+700)');
  });

  it('caps the number of events and ends the snapshot with how many were dropped', () => {
    const t = new Transcript();
    for (let i = 0; i < 450; i++) t.add('stdout', 'serveur', String(i));
    expect(t.size).toBe(400);
    const snap = t.snapshot();
    expect(snap).toHaveLength(401);
    expect(snap.at(-1)).toMatchObject({ kind: 'note', from: 'checker', text: '… +50' });
    expect(snap.at(-2)?.text).toBe('399');
  });

  it('a flood of one kind does not push out the rest of the exchange', () => {
    const t = new Transcript();
    t.add('listen', 'serveur', "'':12345", undefined, t.origin + 10);
    for (let i = 0; i < 1000; i++) t.add('stdout', 'serveur', String(i), undefined, t.origin + 100 + i);
    t.add('exit', 'serveur', 'code 0', undefined, t.origin + 5000);
    const snap = t.snapshot();
    expect(snap[0].kind).toBe('listen');
    expect(snap).toHaveLength(401);
    expect(snap.at(-2)).toMatchObject({ kind: 'note', text: '… +602' });
    expect(snap.at(-1)).toMatchObject({ kind: 'exit', text: 'code 0' });
  });

  it('snapshot() is a copy', () => {
    const t = new Transcript();
    t.add('note', 'checker', 'x');
    t.snapshot().push({ at: 0, kind: 'note', from: 'checker', text: 'y' });
    expect(t.snapshot()).toHaveLength(1);
  });

  it('orders by when things happened, not by when they were recorded', () => {
    const t = new Transcript();
    const o = t.origin;
    t.add('stdout', 'serveur', 'Client a écrit : Hello', undefined, o + 3000);
    t.add('exit', 'serveur', 'code 0', undefined, o + 2000); // reported before a daemon thread's print
    t.add('listen', 'serveur', "'':12345", undefined, o + 1000);
    t.onConnection('message', 'client', 41000, 'Hello', o + 2500);
    t.onConnection('connect', 'client', 41000, '127.0.0.1:12345', o + 2000);
    t.endpoint(41000, 'client');
    t.endpoint(41000, 'serveur');
    expect(t.snapshot().map((e) => [e.at, e.kind, e.from, e.to ?? ''])).toEqual([
      [1, 'listen', 'serveur', ''],
      [2, 'connect', 'client', 'serveur'],
      [3, 'message', 'client', 'serveur'],
      [3, 'stdout', 'serveur', ''],
      [3, 'exit', 'serveur', ''],
    ]);
  });

  it('at the same microsecond: listen, connect, message, print, close, exit', () => {
    const t = new Transcript();
    const at = t.origin + 500;
    t.add('exit', 'client', 'code 0', undefined, at);
    t.add('close', 'client', '', 'serveur', at);
    t.add('stdout', 'client', 'x', undefined, at);
    t.add('message', 'client', 'y', 'serveur', at);
    t.add('connect', 'client', 'a', 'serveur', at);
    t.add('listen', 'serveur', 'b', undefined, at);
    expect(t.snapshot().map((e) => e.kind)).toEqual(['listen', 'connect', 'message', 'stdout', 'close', 'exit']);
  });
});
