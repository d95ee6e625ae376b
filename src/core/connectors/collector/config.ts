/**
 * A collector source's settings: where its stream is, how it authenticates, and the timings of the
 * link. Timings are injectable through `ctx.factories.collectorTimings` so that tests run the real
 * protocol with short waits; the WebSocket through `ctx.factories.collectorWebSocket`.
 */
import WebSocket from 'ws';
import type { CollectorSourceConfig } from '../../../shared/sources';
import type { SocketFactories } from '../types';
import { hostOf } from '../host';

export const LABEL = 'Collector';
/** CONTRACT.md: the collector's live stream. */
export const STREAM_PATH = '/api/stream';

export interface CollectorTimings {
  /** Wait for the WebSocket handshake. */
  openTimeoutMs: number;
  /** Wait for the first snapshot after the handshake (a large floor's snapshot is megabytes). */
  snapshotTimeoutMs: number;
  /** Ping when nothing was heard for this long… */
  pingIntervalMs: number;
  /** …and give the link up when nothing answers within this long after the ping. */
  pongTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A session that stayed live this long resets the backoff. */
  stableMs: number;
}

export const DEFAULT_TIMINGS: CollectorTimings = {
  openTimeoutMs: 15_000,
  snapshotTimeoutMs: 30_000,
  // The collector pings its clients every 30 s and drops those that do not answer: a quieter link
  // than that is already suspect, so ours pings at half that.
  pingIntervalMs: 15_000,
  pongTimeoutMs: 10_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  stableMs: 60_000,
};

export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocket;

/**
 * Snapshots and patches of a large floor run to megabytes (the collector sends them whole to clients
 * that do not ask for parts); past this, the frame is hostile rather than large.
 */
export const MAX_FRAME = 64 * 1024 * 1024;

export const defaultWebSocketFactory: WebSocketFactory = (url, headers) => new WebSocket(url, { headers, maxPayload: MAX_FRAME, perMessageDeflate: false });

export interface CollectorSettings {
  /** `ws(s)://host[:port][/prefix]/api/stream`. */
  streamUrl: string;
  /** The host shown in messages (never the path or query). */
  host: string;
  accessToken: string | null;
  timings: CollectorTimings;
  webSocket: WebSocketFactory;
}

/**
 * The stream address for what a user typed: the collector's dashboard address (`https://host:8787`,
 * maybe under a reverse proxy's prefix, maybe pasted with `?token=…`) or the stream itself. The
 * query and fragment are dropped: a token belongs in `accessToken`, sent as a header, never in a URL.
 */
export function streamUrl(url: string): string {
  const u = new URL(url.trim());
  u.protocol = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  u.search = '';
  u.hash = '';
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = path.endsWith(STREAM_PATH) ? path : `${path}${STREAM_PATH}`;
  return u.toString();
}

/** The handshake's headers: the token as a bearer credential when one is configured. */
export function streamHeaders(accessToken: string | null): Record<string, string> {
  return accessToken ? { authorization: `Bearer ${accessToken}` } : {};
}

export function resolveSettings(cfg: CollectorSourceConfig, factories: SocketFactories): CollectorSettings {
  const override = factories.collectorTimings;
  const webSocket = factories.collectorWebSocket;
  return {
    streamUrl: streamUrl(cfg.url),
    host: hostOf(cfg.url.trim()),
    accessToken: cfg.accessToken?.length ? cfg.accessToken : null,
    timings: { ...DEFAULT_TIMINGS, ...(override && typeof override === 'object' ? (override as Partial<CollectorTimings>) : {}) },
    webSocket: typeof webSocket === 'function' ? (webSocket as WebSocketFactory) : defaultWebSocketFactory,
  };
}
