/**
 * The notification socket, over either Socket.IO client: `socket.io-client` (v4) or the npm alias
 * `socket.io-client-v2` (2.5.0). Both use the websocket transport and no built-in reconnection: the
 * connector reconnects on its own clock so that tests are deterministic and every connect re-inits.
 * Tests may inject another factory as `ctx.factories.axialysSocket`.
 */
// The npm alias ships no types; the reference keeps its declaration beside its only user (and in every tsconfig).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./socket-io-client-v2.d.ts" />
import { io as ioV4 } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import { urlParts } from '../../../shared/sources';
import type { SioVersion } from './probe';
import { isEio3Socket, keepPingDeadline } from './ping-deadline';

export const DEFAULT_SOCKET_URL = 'https://voice-management.axialys.com';
export const DEFAULT_SOCKET_PATH = '/socket.io/';
const CONNECT_TIMEOUT_MS = 10_000;

export interface AxSocket {
  on(event: 'connect', fn: () => void): void;
  on(event: 'disconnect', fn: (reason: string) => void): void;
  on(event: 'connect_error', fn: (err: Error) => void): void;
  on(event: 'update', fn: (data: unknown) => void): void;
  emit(event: string, ...args: unknown[]): void;
  close(): void;
}

export type AxSocketFactory = (version: SioVersion, origin: string, path: string) => AxSocket;

/** Real sockets. */
export const defaultSocketFactory: AxSocketFactory = (version, origin, path) => {
  const opts = { path, transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS };
  if (version === 'v4') {
    const s = ioV4(origin, opts);
    return {
      on: (event: string, fn: (...a: never[]) => void) => void s.on(event, fn as never),
      emit: (event, ...args) => void s.emit(event, ...args),
      close: () => void s.close(),
    };
  }
  const s = ioV2(origin, opts);
  // Created by the manager at once (autoConnect), handshaken later: see ping-deadline.ts.
  const engine = s.io?.engine;
  if (isEio3Socket(engine)) keepPingDeadline(engine);
  return {
    on: (event: string, fn: (...a: never[]) => void) => {
      s.on(event, fn);
      // Socket.IO 2 reports failed connects as `connect_timeout` / `error` as well.
      if (event === 'connect_error') {
        s.on('connect_timeout', () => (fn as (e: Error) => void)(new Error('connection timed out')));
        s.on('error', (e: unknown) => (fn as (e: Error) => void)(e instanceof Error ? e : new Error(String(e))));
      }
    },
    emit: (event, ...args) => void s.emit(event, ...args),
    close: () => void s.close(),
  };
};

/** Splits `socketUrl` into the origin Socket.IO connects to and the path (default `/socket.io/`). */
export function socketEndpoint(socketUrl: string | undefined): { origin: string; path: string } {
  const url = socketUrl ?? DEFAULT_SOCKET_URL;
  const parts = urlParts(url);
  if (!parts) return { origin: DEFAULT_SOCKET_URL, path: DEFAULT_SOCKET_PATH };
  const scheme = parts.scheme === 'wss' ? 'https' : parts.scheme === 'ws' ? 'http' : parts.scheme;
  const origin = `${scheme}://${parts.host}${parts.port ? `:${parts.port}` : ''}`;
  const rest = url.trim().replace(/^[a-z]+:\/\/[^/?#]+/i, '').replace(/[?#].*$/, '');
  const path = rest && rest !== '/' ? (rest.endsWith('/') ? rest : `${rest}/`) : DEFAULT_SOCKET_PATH;
  return { origin, path };
}
