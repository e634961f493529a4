import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { PyEvent } from './events.js';

/** Where one run's events go, and how to send it commands. */
export interface ReportSink {
  onEvent(event: PyEvent): void;
  onConnection(socket: Socket): void;
  onClosed(): void;
  /** a standard stream of a forked run (see forkserver.ts): fd 0, 1 or 2, raw bytes from here on */
  onStdio?(fd: 0 | 1 | 2, socket: Socket): void;
}

/**
 * One loopback TCP server per checker process that every injected module reports to. The address
 * goes to the child in TPRC_REPORT; the module's first line (hello) carries the run's token, which
 * routes the connection to its run. A TCP connection works on every OS, where inherited fds or extra
 * pipes do not (Windows). The server listens on port 0: the OS picks a free port and we read it back
 * before any child starts, so there is no race to avoid.
 */
class ReportHub {
  private server?: Server;
  private address?: Promise<string>;
  private sinks = new Map<string, ReportSink>();
  private sockets = new Set<Socket>();
  /** connections held back while paused (see pause()) */
  private held?: Socket[];

  start(): Promise<string> {
    this.address ??= new Promise<string>((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const a = server.address();
        if (a && typeof a === 'object') resolve(`127.0.0.1:${a.port}`);
      });
      // Never keep the checker alive just for this server.
      server.unref();
      this.server = server;
    });
    return this.address;
  }

  register(sink: ReportSink): string {
    const token = randomBytes(8).toString('hex');
    this.sinks.set(token, sink);
    return token;
  }

  unregister(token: string): void {
    this.sinks.delete(token);
  }

  /**
   * Hold back new connections until resume(), as a checker too busy to accept them would: what a
   * run reports must reach it whenever its channel is accepted (the tests of late accepts use it).
   */
  pause(): void {
    this.held ??= [];
  }

  resume(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const socket of held) {
      this.accept(socket);
      socket.resume();
    }
  }

  private accept(socket: Socket): void {
    if (this.held) {
      socket.pause();
      this.held.push(socket);
      return;
    }
    socket.setNoDelay(true);
    socket.unref();
    this.sockets.add(socket);
    let sink: ReportSink | undefined;
    let buffer = '';
    const decoder = new StringDecoder('utf8');
    let first = true;
    let head = Buffer.alloc(0);
    const onData = (bytes: Buffer) => {
      if (first) {
        // The first line says what the connection is: a run's events (hello) or one of its stdio
        // streams, which carry raw bytes after that line.
        head = Buffer.concat([head, bytes]);
        const nl = head.indexOf(10);
        if (nl < 0) {
          if (head.length > 4096) socket.destroy();
          return;
        }
        first = false;
        const line = head.subarray(0, nl).toString('utf8');
        let hello: { ev?: string; token?: string; fd?: number } | undefined;
        try {
          hello = JSON.parse(line) as typeof hello;
        } catch {
          hello = undefined;
        }
        if (hello?.ev === 'stdio') {
          const target = this.sinks.get(hello.token ?? '');
          const fd = hello.fd;
          socket.off('data', onData);
          socket.off('close', closed);
          this.sockets.delete(socket);
          if (!target?.onStdio || (fd !== 0 && fd !== 1 && fd !== 2)) {
            socket.destroy();
            return;
          }
          socket.pause();
          if (nl + 1 < head.length) socket.unshift(head.subarray(nl + 1));
          target.onStdio(fd, socket);
          return;
        }
        onText(decoder.write(head));
        return;
      }
      onText(decoder.write(bytes));
    };
    const onText = (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let event: PyEvent;
        try {
          event = JSON.parse(line) as PyEvent;
        } catch {
          continue; // not ours: ignore rather than trust
        }
        if (!sink) {
          if (event.ev !== 'hello') continue;
          sink = this.sinks.get(event.token);
          if (!sink) {
            socket.destroy();
            return;
          }
          sink.onConnection(socket);
        }
        sink.onEvent(event);
      }
    };
    socket.on('data', onData);
    const closed = () => {
      this.sockets.delete(socket);
      sink?.onClosed();
      sink = undefined;
    };
    socket.on('close', closed);
    socket.on('error', () => socket.destroy());
  }
}

export const reportHub = new ReportHub();
