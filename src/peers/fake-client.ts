import { connect } from 'node:net';
import type { Transcript } from '../engine/transcript.js';
import { withDeadline } from '../util/wait.js';
import { Connection } from './connection.js';

/** Connect a TypeScript client to a program's real (loopback) port. */
export async function connectClient(port: number, transcript: Transcript, me = 'client', peer = 'serveur', ms = 2000): Promise<Connection> {
  const socket = connect({ host: '127.0.0.1', port });
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
  transcript.add('connect', me, `127.0.0.1:${port}`, peer);
  return new Connection(socket, me, peer, transcript);
}
