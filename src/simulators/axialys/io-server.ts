/**
 * A Socket.IO server of either generation on an existing HTTP server: `socket.io` (v4) or the npm
 * alias `socket.io-v2` (2.5.0), behind one small interface so the simulator speaks both.
 */
// The npm alias ships no types; the reference keeps its declaration beside its only user (and in every tsconfig).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./socket-io-v2.d.ts" />
import type { Server as HttpServer } from 'node:http';
import { Server as ServerV4 } from 'socket.io';
import createV2 from 'socket.io-v2';

export interface SimSocket {
  readonly id: string;
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  /** Server-side disconnect: the client sees `io server disconnect`. */
  disconnect(): void;
  /** Closes the underlying connection: the client sees `transport close` (network trouble, restart). */
  drop(): void;
}

export interface SimIo {
  onConnection(listener: (socket: SimSocket) => void): void;
  close(): Promise<void>;
}

/** Engine.IO heartbeat (both generations; the defaults are 25 s / 20 s in v4, 25 s / 5 s in v2). */
export interface Heartbeat {
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

export function attachIo(version: 'v2' | 'v4', http: HttpServer, path: string, heartbeat: Heartbeat = {}): SimIo {
  const ping = {
    ...(heartbeat.pingIntervalMs ? { pingInterval: heartbeat.pingIntervalMs } : {}),
    ...(heartbeat.pingTimeoutMs ? { pingTimeout: heartbeat.pingTimeoutMs } : {}),
  };
  if (version === 'v4') {
    const io = new ServerV4(http, { path, serveClient: false, ...ping });
    return {
      onConnection: (listener) =>
        io.on('connection', (s) =>
          listener({
            id: s.id,
            on: (e, l) => void s.on(e, l),
            emit: (e, ...a) => void s.emit(e, ...a),
            disconnect: () => void s.disconnect(true),
            drop: () => s.conn.close(),
          }),
        ),
      close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
    };
  }
  const io = createV2(http, { path, serveClient: false, ...ping });
  return {
    onConnection: (listener) =>
      io.on('connection', (s) =>
        listener({
          id: s.id,
          on: (e, l) => s.on(e, l as (...args: never[]) => void),
          emit: (e, ...a) => s.emit(e, ...a),
          disconnect: () => s.disconnect(true),
          drop: () => s.conn.close(),
        }),
      ),
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
