/**
 * Name resolution that can fail on command. While `failing`, every HTTP request (the engine's
 * injected fetch) and every socket the connectors open (their injectable socket factories) fails the
 * way Node reports an unknown host: `getaddrinfo ENOTFOUND <host>`. No lookup ever leaves the machine;
 * otherwise requests and sockets are the real ones.
 */
import WebSocket from 'ws';
import type { FetchLike } from '../../src/core/connectors/types';
import { defaultSocketFactory, type AxSocket, type AxSocketFactory } from '../../src/core/connectors/axialys/socket';
import { defaultWebSocketFactory, type WebSocketFactory } from '../../src/core/connectors/avaya/socket';

export function notFound(url: string): Error {
  const host = hostOf(url);
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: host, errno: -3008 });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export class Resolver {
  failing = false;
  /** Requests and sockets refused while failing. */
  refused = 0;

  readonly fetch: FetchLike = (input, init) => {
    if (!this.failing) return fetch(input, init);
    this.refused++;
    return Promise.reject(new TypeError('fetch failed', { cause: notFound(input) }));
  };

  /** Axialys' Socket.IO factory: a socket that reports the lookup failure as its connect error. */
  readonly axialysSocket: AxSocketFactory = (version, origin, path) => {
    if (!this.failing) return defaultSocketFactory(version, origin, path);
    this.refused++;
    return unresolved(origin);
  };

  /** Avaya's WebSocket factory: the \`ws\` client errors and closes as on a failed lookup. */
  readonly avayaWebSocket: WebSocketFactory = (url, headers) => {
    if (!this.failing) return defaultWebSocketFactory(url, headers);
    this.refused++;
    const err = notFound(url);
    // Through a host name so that the lookup is consulted (an IP literal skips it), and a lookup that fails.
    const named = url.replace('//127.0.0.1', '//localhost');
    const lookup = (_host: string, _opts: unknown, cb: (e: Error) => void) => setImmediate(() => cb(err));
    return new WebSocket(named, { headers, perMessageDeflate: false, lookup: lookup as never });
  };
}

function unresolved(origin: string): AxSocket {
  const err = notFound(origin);
  const handlers = new Map<string, ((...a: never[]) => void)[]>();
  let closed = false;
  setTimeout(() => {
    if (closed) return;
    for (const fn of handlers.get('connect_error') ?? []) (fn as (e: Error) => void)(err);
  }, 5).unref();
  return {
    on: (event: string, fn: (...a: never[]) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), fn]);
    },
    emit: () => undefined,
    close: () => {
      closed = true;
    },
  } as AxSocket;
}
