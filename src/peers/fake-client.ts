import { connect, type Socket } from 'node:net';
import type { Transcript } from '../engine/transcript.js';
import { withDeadline } from '../util/wait.js';
import { Connection } from './connection.js';
import { nowUs } from '../engine/clock.js';

/**
 * Connect a TypeScript client to a program's real (loopback) port. `shown` is the address the
 * transcript displays: the one the student wrote (e.g. 127.0.0.1:12345), not the redirected port.
 */
export async function connectClient(port: number, transcript: Transcript, me = 'client', peer = 'serveur', ms = 2000, shown = `127.0.0.1:${port}`): Promise<Connection> {
  let socket: Socket;
  // stamped before connecting: the server may accept and reply before the connect event fires here
  const t = nowUs();
  try {
    socket = await open('127.0.0.1', port, ms);
  } catch (e) {
    // an IPv6-only server socket is bound to ::1, not 127.0.0.1
    socket = await open('::1', port, ms).catch(() => Promise.reject(e));
  }
  if (socket.localPort !== undefined) transcript.endpoint(socket.localPort, me);
  transcript.add('connect', me, shown, peer, t);
  return new Connection(socket, me, peer, transcript);
}

async function open(host: string, port: number, ms: number): Promise<Socket> {
  // allowHalfOpen: a server's shutdown(SHUT_WR) must not end our side (a Python client would not)
  const socket = connect({ host, port, allowHalfOpen: true });
  socket.on('error', () => {});
  await withDeadline(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    }),
    ms,
    `connection to port ${port}`,
  ).catch((e) => {
    socket.destroy();
    throw e;
  });
  return socket;
}
