// Connection: expectations on the byte stream, whatever TCP does to the program's sends.
// Most cases feed a stand-in socket chunk by chunk (exact control over splitting and merging);
// the last ones use real loopback sockets through FakeServer and connectClient.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection, MismatchError } from '../../src/peers/connection.js';
import { FakeServer } from '../../src/peers/fake-server.js';
import { connectClient } from '../../src/peers/fake-client.js';
import { Transcript } from '../../src/engine/transcript.js';
import { DeadlineError } from '../../src/util/wait.js';

/** A socket stand-in: the test plays the program's side by emitting its events. */
class FakeSocket extends EventEmitter {
  written: Buffer[] = [];
  ended = false;
  destroyed = false;
  setNoDelay(): this {
    return this;
  }
  write(b: Buffer): boolean {
    this.written.push(b);
    return true;
  }
  end(): this {
    this.ended = true;
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    this.emit('close');
    return this;
  }
  /** the program sends a chunk, as TCP delivers it */
  deliver(text: string | Buffer): void {
    this.emit('data', Buffer.isBuffer(text) ? text : Buffer.from(text));
  }
  /** the program closes its side (FIN) */
  fin(): void {
    this.emit('end');
    this.emit('close');
  }
}

function pair(): { sock: FakeSocket; conn: Connection; transcript: Transcript } {
  const sock = new FakeSocket();
  const transcript = new Transcript();
  const conn = new Connection(sock as unknown as Socket, 'client', 'serveur', transcript);
  return { sock, conn, transcript };
}

describe('expectBytes on the stream', () => {
  it('tolerates splitting: one message arriving in pieces, a multi-byte character cut in two', async () => {
    const { sock, conn } = pair();
    const expected = Buffer.from('Bonjour à toi');
    const p = conn.expectBytes(expected, 1000);
    const cut = expected.indexOf(0xc3) + 1; // inside 'à'
    sock.deliver(expected.subarray(0, 3));
    sock.deliver(expected.subarray(3, cut));
    sock.deliver(expected.subarray(cut));
    await p;
    expect(conn.unread.length).toBe(0);
  });

  it('tolerates merging: two messages in one chunk, consumed one after the other', async () => {
    const { sock, conn } = pair();
    sock.deliver('pingpong');
    await conn.expectText('ping', 1000);
    expect(conn.unread.toString()).toBe('pong');
    await conn.expectText('pong', 1000);
    expect(conn.all.toString()).toBe('pingpong');
  });

  it('fails at once on the first differing byte, with what arrived', async () => {
    const { sock, conn } = pair();
    const p = conn.expectText('Hello', 60_000);
    sock.deliver('Help');
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MismatchError);
    expect((e as MismatchError).seen.toString()).toBe('Help');
    expect((e as MismatchError).expected.toString()).toBe('Hello');
    expect((e as MismatchError).timedOut).toBe(false);
  });

  it('a printed bytes literal instead of the text is a mismatch', async () => {
    const { sock, conn } = pair();
    sock.deliver("b'fin'");
    await expect(conn.expectText('fin', 1000)).rejects.toBeInstanceOf(MismatchError);
  });

  it('at the deadline: MismatchError flagged timedOut, with the matching prefix so far', async () => {
    const { sock, conn } = pair();
    sock.deliver('Hel');
    const e = (await conn.expectText('Hello', 30).catch((x: unknown) => x)) as MismatchError;
    expect(e).toBeInstanceOf(MismatchError);
    expect(e.timedOut).toBe(true);
    expect(e.seen.toString()).toBe('Hel');
  });

  it('the program closing before the bytes are complete fails the wait at once', async () => {
    const { sock, conn } = pair();
    const p = conn.expectText('Hello', 60_000);
    sock.deliver('He');
    sock.fin();
    const e = (await p.catch((x: unknown) => x)) as MismatchError;
    expect(e).toBeInstanceOf(MismatchError);
    expect(e.timedOut).toBe(false);
    expect(e.seen.toString()).toBe('He');
  });

  it('records what the checker sends and its close; what the program sends is recorded by its run', async () => {
    const { sock, conn, transcript } = pair();
    conn.send('Hello, serveur !');
    sock.deliver(Buffer.from([0xe9]));
    sock.fin();
    conn.close();
    expect(transcript.snapshot().map((e) => [e.kind, e.from, e.to, e.text])).toEqual([
      ['message', 'client', 'serveur', 'Hello, serveur !'],
      ['close', 'client', 'serveur', ''],
    ]);
    expect(Buffer.concat(sock.written).toString()).toBe('Hello, serveur !');
  });
});

describe('reads', () => {
  it('readSome takes everything unread; readAtLeast waits for n bytes', async () => {
    const { sock, conn } = pair();
    const some = conn.readSome(1000);
    sock.deliver('ab');
    expect((await some).toString()).toBe('ab');
    const least = conn.readAtLeast(4, 1000);
    sock.deliver('cd');
    sock.deliver('ef');
    expect((await least).toString()).toBe('cdef');
  });

  it('readAtLeast returns what came at the deadline, fails when nothing came', async () => {
    const { sock, conn } = pair();
    sock.deliver('xy');
    expect((await conn.readAtLeast(10, 20)).toString()).toBe('xy');
    await expect(conn.readAtLeast(1, 20)).rejects.toBeInstanceOf(DeadlineError);
  });
});

describe('closing and negative checks', () => {
  it('expectClosed resolves on FIN, and at once when already closed', async () => {
    const { sock, conn } = pair();
    const p = conn.expectClosed(60_000);
    sock.fin();
    await p;
    expect(conn.isClosedByPeer).toBe(true);
    await conn.expectClosed(10);
  });

  it('expectClosed rejects at the deadline while still open', async () => {
    const { conn } = pair();
    await expect(conn.expectClosed(20)).rejects.toBeInstanceOf(DeadlineError);
  });

  it('stillOpenAfter: true over a quiet window, false as soon as the program closes', async () => {
    const { sock, conn } = pair();
    expect(await conn.stillOpenAfter(30)).toBe(true);
    const p = conn.stillOpenAfter(60_000);
    sock.fin();
    expect(await p).toBe(false);
  });

  it('nothingFor: empty when nothing came, the bytes when something did (without waiting the window)', async () => {
    const { sock, conn } = pair();
    expect((await conn.nothingFor(30)).length).toBe(0);
    const t0 = performance.now();
    const p = conn.nothingFor(60_000);
    sock.deliver('oops');
    expect((await p).toString()).toBe('oops');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('real loopback sockets: FakeServer and connectClient', () => {
  const servers: FakeServer[] = [];
  const conns: Connection[] = [];
  afterEach(() => {
    conns.splice(0).forEach((c) => c.destroy());
    servers.splice(0).forEach((s) => s.close());
  });

  it('a port from the OS, connections in order, bytes both ways, close seen by the other side', async () => {
    const transcript = new Transcript();
    const server = new FakeServer(transcript, 'serveur', 'client');
    servers.push(server);
    const port = await server.listen();
    expect(port).toBeGreaterThan(0);
    const a = await connectClient(port, transcript, 'client', 'serveur', 5000);
    const b = await connectClient(port, transcript, 'client2', 'serveur', 5000);
    conns.push(a, b);
    const sa = await server.accepted(5000, 1);
    const sb = await server.accepted(5000, 2);
    // many small writes may merge into one read: the expectation is on the stream
    for (const ch of 'message') a.send(ch);
    await sa.expectText('message', 5000);
    sb.send('réponse');
    await b.expectText('réponse', 5000);
    a.close();
    await sa.expectClosed(5000);
    expect(await sb.stillOpenAfter(50)).toBe(true);
  });

  it('connectClient to a closed port fails within its deadline', async () => {
    const server = new FakeServer(new Transcript());
    const port = await server.listen();
    server.close();
    await expect(connectClient(port, new Transcript(), 'client', 'serveur', 5000)).rejects.toThrow();
  });
});
