// The injected module's redirection, under every way students write sockets. The programs target
// 127.0.0.1 or 'localhost' only (even a broken module stays on loopback); the neighbour's address and
// host names are tested in a loopback-only network namespace (refusal-netns.test.ts).
import { connect as netConnect } from 'node:net';
import { lookup } from 'node:dns/promises';
import { withDeadline } from '../../src/util/wait.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeServer } from '../../src/peers/fake-server.js';
import { connectClient } from '../../src/peers/fake-client.js';
import { Transcript } from '../../src/engine/transcript.js';
import { LONG, startRun, stopRunsAfterEach } from './helpers.js';

stopRunsAfterEach();
const servers: FakeServer[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A fake server answering 'OK:<message>' to the first message of each connection. */
async function okServer(transcript: Transcript): Promise<FakeServer> {
  const server = new FakeServer(transcript);
  servers.push(server);
  await server.listen();
  return server;
}

describe('client side: connect() goes to the port the checker maps', () => {
  const cases: [string, string][] = [
    ['client_import_socket.py', 'import socket'],
    ['client_star.py', 'from socket import *'],
    ['client_with.py', 'with socket'],
    ['client_create_connection.py', 'create_connection'],
    ['client_connect_ex.py', 'connect_ex'],
    ['client_asyncio.py', 'asyncio'],
  ];
  it.each(cases)('%s', async (file, message) => {
    const transcript = new Transcript();
    const server = await okServer(transcript);
    const run = await startRun(file, { actor: 'client', transcript, connect: { '12345': server.port } });
    const conn = await server.accepted(LONG);
    await conn.expectText(message, LONG);
    conn.send(`OK:${message}`);
    expect((await run.exited(LONG)).code).toBe(0);
    expect(run.stdout).toContain(`OK:${message}\n`);
    const ok = run.all('connect').filter((e) => !e.pending);
    expect(ok.length + run.all('connect').filter((e) => e.pending).length).toBeGreaterThan(0);
    for (const e of run.all('connect')) expect(e).toMatchObject({ port: 12345 });
    expect(run.all('connect')[0].host).toMatch(/^(127\.0\.0\.1|localhost|::1)$/);
  });

  it('connect_ex returns 0 when mapped, ECONNREFUSED when not (as if nothing listened there)', async () => {
    const transcript = new Transcript();
    const server = await okServer(transcript);
    const run = await startRun('client_connect_ex.py', { actor: 'client', transcript, connect: { '12345': server.port } });
    (await server.accepted(LONG)).send('ok');
    await run.exited(LONG);
    expect(run.stdout).toMatch(/^mapped 0$/m);
    expect(run.stdout).toMatch(/^unmapped 111$/m);
    expect(run.first('connect-fail')).toMatchObject({ port: 4321, error: 'ConnectionRefusedError' });
  });

  it('records the address the client sees as its own (getsockname) as loopback', async () => {
    const transcript = new Transcript();
    const server = await okServer(transcript);
    const run = await startRun('client_import_socket.py', { actor: 'client', transcript, connect: { '*': server.port } });
    (await server.accepted(LONG)).send('ok');
    await run.exited(LONG);
    expect(run.stdout).toMatch(/^local 127\.0\.0\.1$/m);
    expect(run.first('connect')?.local?.[0]).toBe('127.0.0.1');
  });
});

describe('server side: bind() goes to loopback on a port the OS chooses', () => {
  async function exchange(file: string, messages: string[], parallel = false): Promise<string[]> {
    const transcript = new Transcript();
    const run = await startRun(file, { transcript });
    const listen = await run.listening(LONG);
    expect(listen).toMatchObject({ port: 12345 });
    expect(listen.real).toBeGreaterThan(0);
    const replies: string[] = [];
    const conns = parallel ? await Promise.all(messages.map(() => connectClient(listen.real, transcript, 'client', 'serveur', LONG))) : [];
    for (const [i, m] of messages.entries()) {
      const c = parallel ? conns[i] : await connectClient(listen.real, transcript, 'client', 'serveur', LONG);
      c.send(m);
      await c.expectText(m.toUpperCase(), LONG);
      replies.push(m.toUpperCase());
      if (!parallel) c.close();
    }
    for (const c of conns) c.close();
    const exit = await run.exited(LONG);
    expect(exit).toEqual({ code: 0, signal: null });
    const bind = run.first('bind');
    expect(bind).toMatchObject({ port: 12345, kind: 'tcp', real: listen.real });
    const accept = run.first('accept');
    expect(accept?.local).toEqual(['127.0.0.1', listen.real]);
    return replies;
  }

  it('import socket, bind(("", 12345))', async () => {
    expect(await exchange('server_import_socket.py', ['hello'])).toEqual(['HELLO']);
  });

  it('socketserver.TCPServer(("0.0.0.0", 12345))', async () => {
    expect(await exchange('server_socketserver.py', ['socketserver'])).toEqual(['SOCKETSERVER']);
  });

  it('select loop, two clients at once', async () => {
    expect(await exchange('server_select.py', ['un', 'deux'], true)).toEqual(['UN', 'DEUX']);
  });

  it('a thread per client, two clients at once', async () => {
    expect(await exchange('server_threading.py', ['un', 'deux'], true)).toEqual(['UN', 'DEUX']);
  });

  it('select() reports the loop waiting again (block event "select")', async () => {
    const run = await startRun('server_select.py');
    await run.listening(LONG);
    await run.waitEvent('block', LONG, { where: (e) => e.call === 'select' });
  });

  it('a program talking to its own server (threading) reaches the real port without a mapping', async () => {
    const run = await startRun('self_talk_threading.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.stdout).toBe('THREADING\n');
    expect(run.first('connect')).toMatchObject({ host: '127.0.0.1', port: 12345 });
  });

  /** Send `text` to host:port with a plain Node socket; resolves with the first reply. */
  function askOnce(host: string, port: number, text: string): Promise<string> {
    const sock = netConnect({ host, port });
    return withDeadline(
      new Promise<string>((resolve, reject) => {
        sock.once('error', reject);
        sock.once('connect', () => sock.write(text));
        sock.once('data', (b) => resolve(b.toString()));
      }),
      LONG,
      `reply from ${host}`,
    ).finally(() => sock.destroy());
  }

  it('asyncio on ::1 and 127.0.0.1 (what localhost gives on most machines): one real port for both', async () => {
    const run = await startRun('server_asyncio_dual.py');
    await run.waitEvent('listen', LONG, { nth: 2 });
    const binds = run.all('bind');
    expect(binds.map((b) => b.host).sort()).toEqual(['127.0.0.1', '::1']);
    expect(binds.map((b) => b.port)).toEqual([12345, 12345]);
    expect(binds[1].real).toBe(binds[0].real);
    expect(await askOnce('127.0.0.1', binds[0].real, 'quatre')).toBe('QUATRE');
    expect(await askOnce('::1', binds[0].real, 'six')).toBe('SIX');
  });

  it("asyncio.start_server('localhost', 12345): every address localhost gives, one real port", async () => {
    const run = await startRun('server_asyncio_localhost.py');
    const listen = await run.listening(LONG);
    const expected = (await lookup('localhost', { all: true })).filter((a) => a.family === 4 || a.family === 6);
    await run.waitEvent('listen', LONG, { nth: new Set(expected.map((a) => a.address)).size });
    const binds = run.all('bind');
    expect(new Set(binds.map((b) => b.real))).toEqual(new Set([listen.real]));
    expect(binds.every((b) => b.port === 12345)).toBe(true);
    for (const b of binds) {
      const host = b.host === '::1' || b.host.includes(':') ? '::1' : '127.0.0.1';
      expect(await askOnce(host, b.real, host)).toBe(host.toUpperCase());
    }
  });

  it('UDP on loopback is allowed', async () => {
    const run = await startRun('udp_loopback.py');
    expect(await run.exited(LONG)).toEqual({ code: 0, signal: null });
    expect(run.stdout).toBe('udp\n');
    expect(run.all('refused')).toEqual([]);
  });
});
