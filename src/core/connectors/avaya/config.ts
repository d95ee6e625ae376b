/**
 * Avaya AXP source settings resolved from the config (defaults of VENDORS.md §3 and CONTRACT.md), plus
 * the protocol timings. Timings are injectable through `ctx.factories.avayaTimings` so that tests run
 * the real protocol with short waits.
 */
import type { AvayaSourceConfig } from '../../../shared/sources';
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
    timings: { ...DEFAULT_TIMINGS, ...(override && typeof override === 'object' ? (override as Partial<AvayaTimings>) : {}) },
  };
}
