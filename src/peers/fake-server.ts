import { createServer, type Server } from 'node:net';
import { Watch, EndedError, untilAny } from '../util/wait.js';
import type { Transcript } from '../engine/transcript.js';
import { Connection } from './connection.js';

/**
 * A TypeScript stand-in for a server, on a loopback port the OS chooses (port 0: read back before the
 * student's client starts, so no race). Every connection it accepts becomes a Connection.
 */
export class FakeServer {
  readonly connections: Connection[] = [];
  readonly watch = new Watch();
  private server?: Server;
  port = 0;

  constructor(
    private readonly transcript: Transcript,
    private readonly me = 'serveur',
    private readonly peer = 'client',
  ) {}

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      // allowHalfOpen: a client that half-closes (shutdown(SHUT_WR)) still gets the reply, as from
      // a Python server; Node's default would end our side the moment the client's FIN arrives.
      const server = createServer({ allowHalfOpen: true }, (socket) => {
        // the program's connect is known by its port, the client side of this connection
        if (socket.remotePort !== undefined) this.transcript.endpoint(socket.remotePort, this.me);
        this.connections.push(new Connection(socket, this.me, this.peer, this.transcript));
        this.watch.changed();
      });
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const a = server.address();
        this.port = a && typeof a === 'object' ? a.port : 0;
        resolve(this.port);
      });
      this.server = server;
    });
  }

  /**
   * The n-th accepted connection (1-based), waiting for it if needed. With `from`, the wait ends as
   * soon as that program is over (a client that crashed will not connect: no need to wait it out).
   */
  accepted(ms: number, nth = 1, from?: { watch: Watch }): Promise<Connection> {
    if (!from) return this.watch.until(() => this.connections[nth - 1], ms, 'connection');
    return untilAny([this.watch, from.watch], () => {
      const c = this.connections[nth - 1];
      if (c) return c;
      if (from.watch.isEnded) throw new EndedError('connection');
      return undefined;
    }, ms, 'connection');
  }

  close(): void {
    for (const c of this.connections) c.destroy();
    this.server?.close();
    this.watch.end();
  }
}
