/**
 * Opening the AXP WebSocket (package `ws`) at the subscription's `transport.endpoint`, used verbatim once
 * the stream has checked it is on the API's own site (`endpointProblem`).
 * The factory is injectable (`ctx.factories.avayaWebSocket`); the open timeout runs on the injected
 * clock and the caller's abort signal closes a socket still connecting.
 */
import WebSocket from 'ws';
import type { Clock } from '../../util/clock';
import { abortError } from '../../util/clock';
import { redactText } from '../../util/redact';
import { transientError } from '../errors';
import { LABEL } from './config';

export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocket;

/** Frames are one measure set each; anything near a megabyte is hostile. */
export const MAX_FRAME = 1 << 20;

export const defaultWebSocketFactory: WebSocketFactory = (url, headers) =>
  new WebSocket(url, { headers, maxPayload: MAX_FRAME, perMessageDeflate: false });

export function openSocket(
  factory: WebSocketFactory,
  url: string,
  headers: Record<string, string>,
  clock: Clock,
  timeoutMs: number,
  what: string,
  signal: AbortSignal,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    let ws: WebSocket;
    try {
      ws = factory(url, headers);
    } catch (e) {
      return reject(transientError(`${LABEL}: the ${what} WebSocket address is unusable (${redactText(e instanceof Error ? e.message : String(e))}); retrying`).as('bad_answer'));
    }
    let lastError = '';
    const done = (err: Error | null) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      ws.off('open', onOpen);
      ws.off('close', onClose);
      if (err) {
        ws.removeAllListeners('error');
        ws.on('error', () => undefined);
        ws.terminate();
        reject(err);
      } else {
        resolve(ws);
      }
    };
    const onOpen = () => done(null);
    const onClose = () =>
      done(transientError(`${LABEL}: the ${what} WebSocket could not be opened${lastError ? ` (${redactText(lastError)})` : ''}; retrying`).as('feed_failed'));
    const onAbort = () => done(abortError());
    const timer = clock.setTimeout(
      () => done(transientError(`${LABEL}: the ${what} WebSocket did not open within ${Math.round(timeoutMs / 1000)} s; retrying`).as('feed_failed')),
      timeoutMs,
    );
    ws.on('error', (e: Error) => {
      lastError = e.message;
    });
    ws.once('open', onOpen);
    ws.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
