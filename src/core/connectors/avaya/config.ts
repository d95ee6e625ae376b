/**
 * Avaya AXP source settings resolved from the config (defaults of VENDORS.md §3 and CONTRACT.md), plus
 * the protocol timings. Timings are injectable through `ctx.factories.avayaTimings` so that tests run
 * the real protocol with short waits.
 */
import { isLoopbackHost, urlParts, type AvayaSourceConfig } from '../../../shared/sources';
import type { SocketFactories } from '../types';

export const DEFAULT_PRODUCERS = ['Agent_itd_1.0.0', 'Queue_itd_1.0.0'];
export const DEFAULT_REGION = 'eu';
export const LABEL = 'Avaya AXP';

export interface AvayaTimings {
  /** No pong within this long after a ping → the socket is dead (capped by the ping interval). */
  pongTimeoutMs: number;
  /** Wait for `authenticationResponse` after sending the authentication message. */
  authTimeoutMs: number;
  /** Wait for the WebSocket to open. */
  openTimeoutMs: number;
  /** Any REST request. */
  requestTimeoutMs: number;
  /** PENDING subscriptions are polled this often… */
  pendingPollMs: number;
  /** …for at most this long per attempt. */
  pendingMaxMs: number;
  /** The INITIALIZING snapshot ends after this long without a snapshot frame… */
  snapshotQuietMs: number;
  /** …or, when no snapshot frame came at all, after this long. */
  emptySnapshotMs: number;
  /** Budget for deleting our subscriptions when stopping (stop() must end within ~3 s). */
  stopBudgetMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A session that stayed live this long resets the backoff. */
  stableMs: number;
}

export const DEFAULT_TIMINGS: AvayaTimings = {
  pongTimeoutMs: 10_000,
  authTimeoutMs: 10_000,
  openTimeoutMs: 15_000,
  requestTimeoutMs: 15_000,
  pendingPollMs: 2_000,
  pendingMaxMs: 60_000,
  snapshotQuietMs: 2_000,
  emptySnapshotMs: 15_000,
  stopBudgetMs: 2_500,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  stableMs: 60_000,
};

export interface AvayaSettings {
  /** REST base without a trailing slash, e.g. `https://eu.api.avayacloud.com`. */
  baseUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  producers: string[];
  pingSec: number;
  timings: AvayaTimings;
  /** The source allows plain ws:// beyond loopback (`allowInsecure`). */
  allowInsecure: boolean;
}

/** `apiBaseUrl` wins over `region`; without either the EU region is used. */
export function apiBase(cfg: Pick<AvayaSourceConfig, 'apiBaseUrl' | 'region'>): string {
  const raw = cfg.apiBaseUrl?.trim() || `https://${(cfg.region || DEFAULT_REGION).toLowerCase()}.api.avayacloud.com`;
  return raw.replace(/\/+$/, '').replace(/\/api$/i, '');
}

export function resolveSettings(cfg: AvayaSourceConfig, factories: SocketFactories): AvayaSettings {
  const override = factories.avayaTimings;
  const producers = [...new Set((cfg.producers?.length ? cfg.producers : DEFAULT_PRODUCERS).map((p) => p.trim()).filter(Boolean))];
  return {
    baseUrl: apiBase(cfg),
    accountId: cfg.accountId,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    appKey: cfg.appKey,
    producers: producers.length ? producers : DEFAULT_PRODUCERS,
    pingSec: typeof cfg.pingSec === 'number' && cfg.pingSec > 0 ? cfg.pingSec : 30,
    allowInsecure: cfg.allowInsecure === true,
    timings: { ...DEFAULT_TIMINGS, ...(override && typeof override === 'object' ? (override as Partial<AvayaTimings>) : {}) },
  };
}

/** The site a host belongs to: loopback, an address itself, or a name's last two labels (`avayacloud.com`). */
function siteOf(host: string): string {
  if (isLoopbackHost(host)) return 'loopback';
  if (host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return host;
  return host.split('.').slice(-2).join('.');
}

/**
 * Why the WebSocket endpoint a subscription names is not opened, or null when it may be. The socket
 * carries the access token, so it goes only where the API is: a ws(s):// address on the API's own
 * site (`*.avayacloud.com` for AXP's regions, loopback for a local test server), plain ws:// only
 * where http:// would be allowed.
 */
export function endpointProblem(endpoint: string, apiBaseUrl: string, allowInsecure: boolean): { host: string; reason: string } | null {
  const e = urlParts(endpoint);
  if (!e || (e.scheme !== 'ws' && e.scheme !== 'wss')) return { host: e?.host ?? '?', reason: 'it is not a ws:// or wss:// address' };
  if (e.scheme === 'ws' && !allowInsecure && !isLoopbackHost(e.host)) return { host: e.host, reason: 'plain ws:// is only allowed for loopback hosts' };
  const api = urlParts(apiBaseUrl);
  if (api && siteOf(e.host) !== siteOf(api.host)) return { host: e.host, reason: `it is not on the API's site (${siteOf(api.host)})` };
  return null;
}
