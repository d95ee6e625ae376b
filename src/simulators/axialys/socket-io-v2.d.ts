// Types for the npm alias `socket.io-v2` (socket.io 2.5.0 ships no declarations).
declare module 'socket.io-v2' {
  import type { Server as HttpServer } from 'node:http';
  interface V2ServerSocket {
    id: string;
    on(event: string, listener: (...args: never[]) => void): void;
    emit(event: string, ...args: unknown[]): void;
    disconnect(close?: boolean): void;
    /** The Engine.IO connection underneath. */
    conn: { close(): void };
  }
  interface V2Server {
    on(event: 'connection', listener: (socket: V2ServerSocket) => void): void;
    close(callback?: () => void): void;
  }
  function createServer(server: HttpServer, options?: { path?: string; serveClient?: boolean; pingInterval?: number; pingTimeout?: number }): V2Server;
  export default createServer;
}
