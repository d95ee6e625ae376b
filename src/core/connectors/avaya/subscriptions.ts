/**
 * The subscriptions this connector created, one per measure producer: created on demand, reused across
 * reconnects while valid, PENDING waited out with a bounded poll, renewed with a fresh token before
 * they expire, and deleted on clean shutdown. Subscriptions we did not create are never touched.
 */
import type { Clock, TimerHandle } from '../../util/clock';
import { sleep } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { ConnectorError, classify, transientError } from '../errors';
import type { SourceHealth } from '../types';
import { LABEL } from './config';
import type { AxpApi } from './api';
import type { Token, TokenManager } from './auth';
import type { SubscriptionWire } from './wire';

export interface OwnedSubscription {
  id: string;
  producerId: string;
  endpoint: string | null;
  pingIntervalSec: number | null;
  status: string | null;
  /** Epoch ms the subscription lapses unless renewed (null when unknown). */
  expiresAt: number | null;
  /** When `expiresAt` was last set (creation or renewal). */
  validFrom: number;
  /** Issue time of the token that created or last renewed it: a renewal needs a newer one. */
  tokenIssuedAt: number;
  renewals: number;
}

export interface SubscriptionEvents {
  /** The server no longer knows the subscription: the stream must reconnect with a new one. */
  lost(producerId: string, reason: string): void;
  /** Renewal hit an error retrying cannot fix (credentials, configuration). */
  fatal(error: ConnectorError): void;
  /** Waiting for PENDING to become ACTIVE. */
  pending(producerId: string): void;
}

export interface SubscriptionTimings {
  pendingPollMs: number;
  pendingMaxMs: number;
  stopBudgetMs: number;
}

const RENEW_RATIO = 0.8;
const MIN_RENEW_MS = 500;
const MAX_RETIRED = 20;

export class SubscriptionManager {
  readonly owned = new Map<string, OwnedSubscription>();
  /** Ours but replaced (expired/inactive): deleted at shutdown. */
  private readonly retired: string[] = [];
  private readonly timers = new Map<string, TimerHandle>();
  private events: SubscriptionEvents | null = null;
  /** Aborts background renewals when the session ends. */
  private renewals = new AbortController();
  created = 0;
  renewed = 0;

  constructor(
    private readonly api: AxpApi,
    private readonly tokens: TokenManager,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly health: SourceHealth,
    private readonly timings: SubscriptionTimings,
  ) {}

  /** Renewal timers run while a session is attached. */
  attach(events: SubscriptionEvents): void {
    this.events = events;
  }

  detach(): void {
    this.events = null;
    for (const h of this.timers.values()) this.clock.clearTimeout(h);
    this.timers.clear();
    this.renewals.abort();
    this.renewals = new AbortController();
  }

  /** The producer's subscription, ACTIVE, reusing ours when still valid; schedules its renewal. */
  async ensureActive(producerId: string, signal: AbortSignal): Promise<OwnedSubscription> {
    let sub = this.owned.get(producerId);
    if (sub && sub.expiresAt !== null && this.clock.now() >= sub.expiresAt) {
      this.retire(producerId);
      sub = undefined;
    }
    // Due for renewal (the session was down when its timer would have run): renew before connecting.
    if (sub && sub.expiresAt !== null && this.clock.now() >= this.renewAt(sub)) {
      sub = (await this.renew(sub, signal)) ?? undefined;
    }
    if (!sub) sub = await this.create(producerId, signal);
    if (sub.status !== 'ACTIVE') sub = await this.waitActive(sub, signal);
    this.schedule(sub);
    return sub;
  }

  /** Forgets a subscription the server says is unknown (not deleted: it is gone already). */
  forget(producerId: string): void {
    this.clock.clearTimeout(this.timers.get(producerId));
    this.timers.delete(producerId);
    this.owned.delete(producerId);
    this.health.setInfo(`subscription.${producerId}`, null);
  }

  private retire(producerId: string): void {
    const sub = this.owned.get(producerId);
    if (sub && this.retired.length < MAX_RETIRED) this.retired.push(sub.id);
    this.forget(producerId);
  }

  private async create(producerId: string, signal: AbortSignal): Promise<OwnedSubscription> {
    const { sub: wire, token } = await this.api.createSubscription(producerId, signal);
    const sub = this.adopt(producerId, wire, null, token);
    this.created++;
    this.log.info(`subscription ${sub.id} created for ${producerId} (${sub.status ?? 'no status'})`);
    return sub;
  }

  /** Records what the server said about a subscription (created, renewed or polled). */
  private adopt(producerId: string, wire: SubscriptionWire, prev: OwnedSubscription | null, token: Token | null): OwnedSubscription {
    const now = this.clock.now();
    const fresh = token !== null;
    const sub: OwnedSubscription = {
      id: wire.id ?? prev!.id,
      producerId,
      endpoint: wire.endpoint ?? prev?.endpoint ?? null,
      pingIntervalSec: wire.pingIntervalSec ?? prev?.pingIntervalSec ?? null,
      status: wire.status ?? prev?.status ?? 'ACTIVE',
      expiresAt: fresh || wire.expiresIn ? expiry(wire.expiresIn, token ?? null, now, prev?.expiresAt ?? null) : (prev?.expiresAt ?? null),
      validFrom: fresh || wire.expiresIn ? now : (prev?.validFrom ?? now),
      tokenIssuedAt: token?.issuedAt ?? prev!.tokenIssuedAt,
      renewals: prev?.renewals ?? 0,
    };
    this.owned.set(producerId, sub);
    this.health.setInfo(`subscription.${producerId}`, `${sub.id} (${sub.status})`);
    return sub;
  }

  private async waitActive(sub: OwnedSubscription, signal: AbortSignal): Promise<OwnedSubscription> {
    const started = this.clock.now();
    let current = sub;
    for (;;) {
      if (current.status === 'ACTIVE') return current;
      if (current.status !== 'PENDING') {
        this.retire(current.producerId);
        throw transientError(`${LABEL}: the subscription for ${current.producerId} is ${current.status ?? 'in an unknown state'}; creating a new one`, this.clock.now()).as(
          'subscription_renewing',
        );
      }
      this.events?.pending(current.producerId);
      if (this.clock.now() - started >= this.timings.pendingMaxMs) {
        throw transientError(
          `${LABEL}: the subscription for ${current.producerId} stayed PENDING for ${Math.round(this.timings.pendingMaxMs / 1000)} s; still waiting for it to become ACTIVE`,
          null,
          true,
        ).as('subscription_pending');
      }
      await sleep(this.clock, this.timings.pendingPollMs, signal);
      const wire = await this.api.getSubscription(current.id, current.producerId, signal);
      if (!wire) {
        this.forget(current.producerId);
        throw transientError(`${LABEL}: the PENDING subscription for ${current.producerId} disappeared; creating a new one`, this.clock.now()).as('subscription_renewing');
      }
      current = this.adopt(current.producerId, { ...wire, id: current.id }, current, null);
    }
  }

  private renewAt(sub: OwnedSubscription): number {
    const lifetime = (sub.expiresAt ?? 0) - sub.validFrom;
    return sub.validFrom + Math.max(MIN_RENEW_MS, lifetime * RENEW_RATIO);
  }

  private schedule(sub: OwnedSubscription): void {
    this.clock.clearTimeout(this.timers.get(sub.producerId));
    this.timers.delete(sub.producerId);
    if (sub.expiresAt === null || !this.events) return;
    const delay = Math.max(0, this.renewAt(sub) - this.clock.now());
    this.timers.set(sub.producerId, this.clock.setTimeout(() => void this.renewInBackground(sub.producerId), delay));
  }

  private async renewInBackground(producerId: string): Promise<void> {
    this.timers.delete(producerId);
    const sub = this.owned.get(producerId);
    const events = this.events;
    if (!sub || !events) return;
    const signal = this.renewals.signal;
    try {
      const next = await this.renew(sub, signal);
      if (this.events !== events) return;
      if (!next) return events.lost(producerId, `${LABEL}: the subscription for ${producerId} could not be renewed (the server no longer knows it); creating a new one`);
      this.schedule(next);
    } catch (e) {
      if (this.events !== events || signal.aborted) return;
      const err = classify(e);
      if (err.kind === 'auth' || err.kind === 'config' || err.kind === 'fatal') return events.fatal(err);
      const now = this.clock.now();
      const left = (sub.expiresAt ?? now) - now;
      if (left <= 1000) return events.lost(producerId, `${err.message} (the subscription expired before it could be renewed)`);
      const wait = Math.max(MIN_RENEW_MS, Math.min(err.retryAt !== null ? err.retryAt - now : 10_000, left / 2));
      this.log.warn(`renewal failed, retrying in ${Math.round(wait / 1000)} s: ${err.message}`);
      this.timers.set(producerId, this.clock.setTimeout(() => void this.renewInBackground(producerId), wait));
    }
  }

  /** Renews now; null when the subscription is gone (then forgotten). */
  private async renew(sub: OwnedSubscription, signal?: AbortSignal): Promise<OwnedSubscription | null> {
    const out = await this.api.renewSubscription(sub.id, sub.producerId, sub.tokenIssuedAt, signal);
    if (!out) {
      this.forget(sub.producerId);
      return null;
    }
    const wire = out.sub ?? { id: sub.id, status: null, expiresIn: null, endpoint: null, pingIntervalSec: null };
    const next = this.adopt(sub.producerId, { ...wire, id: sub.id }, sub, out.token);
    next.renewals++;
    this.renewed++;
    this.health.setInfo('renewals', this.renewed);
    this.log.debug(`subscription ${sub.id} renewed for ${sub.producerId}`);
    return next;
  }

  /** Deletes every subscription we created, within the stop budget; never throws. */
  async deleteAll(): Promise<string[]> {
    this.detach();
    const ids = [...[...this.owned.values()].map((s) => s.id), ...this.retired];
    this.owned.clear();
    this.retired.length = 0;
    if (!ids.length) return [];
    const controller = new AbortController();
    const budget = this.clock.setTimeout(() => controller.abort(), this.timings.stopBudgetMs);
    const deleted: string[] = [];
    try {
      const token = this.tokens.peek() ?? (await this.tokens.get(controller.signal));
      await Promise.all(
        ids.map(async (id) => {
          try {
            if (await this.api.deleteSubscription(id, token, controller.signal)) deleted.push(id);
            else this.log.warn(`subscription ${id} could not be deleted; it will expire on its own`);
          } catch (e) {
            this.log.warn(`subscription ${id} could not be deleted (${classify(e).message}); it will expire on its own`);
          }
        }),
      );
    } catch (e) {
      this.log.warn(`subscriptions not deleted (${classify(e).message}); they will expire on their own`);
    } finally {
      this.clock.clearTimeout(budget);
    }
    return deleted;
  }
}

/**
 * `expiresIn` in seconds (values over 100 000 are taken as ms); without it the subscription lives as
 * long as the token that created or renewed it.
 */
function expiry(expiresIn: number | null, token: Token | null, now: number, prev: number | null): number | null {
  if (expiresIn === null || expiresIn <= 0) return token?.expiresAt ?? prev;
  const ms = expiresIn > 100_000 ? expiresIn : expiresIn * 1000;
  return now + ms;
}
