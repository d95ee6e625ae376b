/**
 * Opening the collector's stream, and what each way of failing means. The collector answers a wrong or
 * missing token by completing the handshake and closing with 4401 (browsers cannot read HTTP statuses);
 * a reverse proxy in front of it may answer 401 itself. Either stops the source (`auth_failed`): the
 * token will not become right by retrying. An unreachable collector is retried with backoff.
 */
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { Clock } from '../../util/clock';
import { abortError } from '../../util/clock';
import { redactText } from '../../util/redact';
import { authError, configError, transientError, type ConnectorError } from '../errors';
import { LABEL, type CollectorSettings } from './config';

/** The close code of the collector's stream for an unauthorized client (src/server/stream.ts). */
export const CLOSE_UNAUTHORIZED = 4401;

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT']);

/** The token was refused, or none was given to a collector that needs one. */
export function tokenRefused(host: string, hasToken: boolean, how: string): ConnectorError {
  return hasToken
    ? authError(`${LABEL} at ${host} refused the access token (${how}): check the access token in the Sources view`).as('auth_refused')
    : authError(`${LABEL} at ${host} requires an access token (${how}): enter the collector's access token (its server.accessToken) in the Sources view`).as('collector_token_missing');
}

/** An HTTP answer instead of the WebSocket handshake. */
export function handshakeError(status: number, host: string, hasToken: boolean): ConnectorError {
  if (status === 401) return tokenRefused(host, hasToken, 'HTTP 401');
  if (status === 403) {
    return authError(
      `${LABEL} at ${host} refused the connection (HTTP 403): a collector without an access token only answers on its own computer; set server.accessToken on the collector and enter the same token in the Sources view`,
    ).as('collector_forbidden');
  }
  if (status === 404) return configError(`${host} has no collector stream (HTTP 404 for /api/stream): check the address in the Sources view (the collector's dashboard address)`).as('not_found');
  if (status >= 500) return transientError(`${LABEL} at ${host} answered HTTP ${status}; retrying`).as('server_error', { status });
  return transientError(`${LABEL} at ${host} answered HTTP ${status} instead of opening the stream; retrying`).as('request_failed', { status });
}

/** A socket error before the handshake completed (no route, refused, TLS…). */
export function connectError(e: Error & { code?: string }, host: string): ConnectorError {
  const detail = redactText(e.code ?? e.message);
  if (e.code && UNREACHABLE.has(e.code)) return transientError(`${LABEL}: could not reach ${host} (${detail}); retrying`).as('unreachable', { host });
  return transientError(`${LABEL}: the stream at ${host} could not be opened (${redactText(e.message)}); retrying`).as('feed_failed');
}

/** The stream closed: why, and what to do next. `live`: it had delivered its snapshot. */
export function closeError(code: number, reason: string, host: string, hasToken: boolean, live: boolean): ConnectorError {
  if (code === CLOSE_UNAUTHORIZED) return tokenRefused(host, hasToken, `close code ${code}`);
  const why = reason ? `: ${redactText(reason.slice(0, 120))}` : '';
  if (code === 1001) return transientError(`${LABEL} at ${host} is shutting down (close code 1001${why}); retrying`).as('feed_closed');
  return transientError(`${LABEL}: the stream from ${host} closed (code ${code}${why}); retrying`).as(live ? 'feed_closed' : 'feed_failed');
}

/** The connection under each stream opened here (from its handshake's answer), to hear its bytes. */
const connections = new WeakMap<WebSocket, Duplex>();

/**
 * Calls `listener` for every chunk of bytes the stream receives: a frame of megabytes arrives over a
 * slow link for long before it is whole, and those bytes are news that the link is alive. Returns the
 * way to stop listening. A stream whose connection is not known (a test's socket) reports nothing.
 */
export function onBytes(ws: WebSocket, listener: () => void): () => void {
  const connection = connections.get(ws);
  if (!connection) return () => undefined;
  // The stream is paused (see openStream): listening does not make it flow before `resume()`.
  connection.on('data', listener);
  return () => void connection.off('data', listener);
}

/** Opens the stream; it resolves with the socket paused, so that no frame is missed before `resume()`. */
export function openStream(settings: CollectorSettings, headers: Record<string, string>, clock: Clock, timeoutMs: number, signal: AbortSignal): Promise<WebSocket> {
  const { host } = settings;
  const hasToken = settings.accessToken !== null;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    let ws: WebSocket;
    try {
      ws = settings.webSocket(settings.streamUrl, headers);
    } catch (e) {
      return reject(configError(`${LABEL}: the address ${host} cannot be used (${redactText(e instanceof Error ? e.message : String(e))}): check it in the Sources view`).as('not_found'));
    }
    let failure: ConnectorError | null = null;
    const done = (err: Error | null) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      ws.off('open', onOpen);
      ws.off('close', onClose);
      ws.off('unexpected-response', onResponse);
      if (!err) return resolve(ws);
      ws.removeAllListeners('error');
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    };
    // The collector sends its snapshot right away, maybe in the very packet that completes the
    // handshake: the socket waits, paused, until the caller listens (and calls `resume()`).
    const onOpen = () => {
      ws.pause();
      done(null);
    };
    const onClose = () => done(failure ?? transientError(`${LABEL}: the stream at ${host} could not be opened; retrying`).as('feed_failed'));
    const onAbort = () => done(abortError());
    // With this listener, `ws` leaves the answer to us: note it, and let terminate() end the attempt.
    const onResponse = (_req: unknown, res: { statusCode?: number; resume(): void }) => {
      res.resume();
      done(handshakeError(res.statusCode ?? 0, host, hasToken));
    };
    const timer = clock.setTimeout(
      () => done(transientError(`${LABEL}: ${host} did not open the stream within ${Math.round(timeoutMs / 1000)} s; retrying`).as('timeout', { seconds: Math.round(timeoutMs / 1000) })),
      timeoutMs,
    );
    ws.on('error', (e: Error & { code?: string }) => {
      failure ??= connectError(e, host);
    });
    ws.once('upgrade', (res: { socket?: Duplex | null }) => {
      if (res.socket) connections.set(ws, res.socket);
    });
    ws.once('open', onOpen);
    ws.once('close', onClose);
    ws.on('unexpected-response', onResponse);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
