/**
 * What a connector is given and what it must provide. One connector per configured source; it speaks
 * one vendor's protocol and reports normalized events and its own health through the context.
 */
import type { SourceConfig, SourceConfigOf } from '../../shared/sources';
import type { SourceStatus } from '../../shared/model';
import type { Problem } from '../../shared/problems';
import type { TestResult } from '../../shared/bridge';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { NormalizedEvent } from '../state/events';
import type { WebhookRegistry } from '../webhooks';
import type { SampleCadence } from '../alerts/types';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** How a connector reports its health; the engine turns it into the Source entity. */
export interface SourceHealth {
  /**
   * `error`: what went wrong, in English with every detail (undefined: unchanged, null: none);
   * `problem`: the same in words every language can render, when the connector can name it.
   */
  setStatus(status: SourceStatus, error?: string | null, problem?: Problem | null): void;
  readonly status: SourceStatus;
  /** A short description of the mode ("webhook", "polling", "Socket.IO v2"…), shown with the status. */
  setMode(mode: string | null): void;
  /** Facts worth showing (token use, quota, subscription ids). Values must not be secrets. */
  setInfo(key: string, value: string | number | boolean | null): void;
  /**
   * A frame or request that could not be used (`count` of them at once, 1 by default): counted, and
   * logged (redacted) up to 20 a minute; never fatal.
   */
  rejected(reason: string, sample?: unknown, count?: number): void;
  /** An event type the connector does not know: counted and logged once per type. */
  unknown(what: string): void;
}

/** Socket factories that tests may replace (real sockets are still used in integration tests). */
export interface SocketFactories {
  [name: string]: unknown;
}

export interface ConnectorContext<C extends SourceConfig = SourceConfig> {
  /** The source config with every `env:` secret resolved. */
  readonly config: C;
  readonly sourceId: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly log: Logger;
  readonly health: SourceHealth;
  readonly fetch: FetchLike;
  readonly webhooks: WebhookRegistry;
  readonly factories: SocketFactories;
  /** Engine-wide resources shared between sources (e.g. Wolkvox's one-request-per-token queues). */
  readonly shared: Map<string, unknown>;
  /**
   * Delivers normalized events to the live state (in order, synchronously). `now`: the time the
   * connector read from `clock` for these events in this same synchronous turn, if it did (saves the
   * engine reading the clock again); otherwise the engine reads it.
   */
  emit(events: NormalizedEvent[], now?: number): void;
}

export interface Connector {
  /** Starts connecting; never throws (errors go to health). */
  start(): void;
  /** Stops cleanly (delete vendor subscriptions, close sockets) within a few seconds. */
  stop(): Promise<void>;
  /** Resume from sleep / manual refresh: check the connection now instead of waiting for a timer. */
  check(): void;
}

export interface ConnectorFactory<V extends SourceConfig['vendor'] = SourceConfig['vendor']> {
  vendor: V;
  create(ctx: ConnectorContext<SourceConfigOf<V>>): Connector;
  /** "Test connection": authenticate and fetch a little, without touching the live state. */
  test(ctx: ConnectorContext<SourceConfigOf<V>>): Promise<TestResult>;
  /**
   * Approximate seconds between samples of streamed/polled metrics (N-of-M defaults adapt to it): one
   * number for everything, or one per kind of sample where the source polls them at different paces.
   */
  sampleIntervalSec?(config: SourceConfigOf<V>): SampleCadence;
  /**
   * The user removed the source for good: undo what the connector registered at the vendor (e.g.
   * Telphin webhook subscriptions). Not called on ordinary stops and restarts.
   */
  retire?(config: SourceConfigOf<V>, deps: { fetch: FetchLike; clock: Clock; log: Logger }): Promise<void>;
}

export type ConnectorRegistry = { [V in SourceConfig['vendor']]?: ConnectorFactory<V> };
