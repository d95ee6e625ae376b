/**
 * AXP REST calls the connector makes: producer discovery and the Notification API subscriptions.
 * Every call carries `Authorization: Bearer` and `appkey`; a 401 gets one retry with a new token.
 */
import { authError, transientError } from '../errors';
import { LABEL } from './config';
import { httpError, send, describe, type HttpDeps, type HttpResult } from './http';
import type { Token, TokenManager, TokenOptions } from './auth';
import { SubscriptionSchema, type SubscriptionWire } from './wire';

export interface Authed {
  res: HttpResult;
  token: Token;
}

export class AxpApi {
  constructor(
    private readonly http: HttpDeps,
    private readonly tokens: TokenManager,
    private readonly baseUrl: string,
    private readonly accountId: string,
  ) {}

  private get subscriptionsUrl(): string {
    return `${this.baseUrl}/api/notification/v1/accounts/${encodeURIComponent(this.accountId)}/subscriptions`;
  }

  subscriptionUrl(id: string, suffix = ''): string {
    return `${this.subscriptionsUrl}/${encodeURIComponent(id)}${suffix}`;
  }

  producerUrl(producerId: string): string {
    return `${this.baseUrl}/api/analytics/producer-management/v1/accounts/${encodeURIComponent(this.accountId)}/measure-producers/${encodeURIComponent(producerId)}`;
  }

  /** Sends with a token; a 401 invalidates it and retries once with a new one. */
  async authed(what: string, method: 'GET' | 'POST' | 'DELETE', url: string, body: unknown, signal?: AbortSignal, opts?: TokenOptions): Promise<Authed> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(signal, attempt === 0 ? opts : undefined);
      const res = await send(
        this.http,
        what,
        {
          method,
          url,
          headers: { authorization: `Bearer ${token.value}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        signal,
      );
      if (res.status !== 401) return { res, token };
      this.tokens.invalidate(token.value);
      if (attempt >= 1) {
        throw authError(`${LABEL}: ${what} was refused with a new access token (${describe(res.status, res.body)}): check the app key and the client's permissions in AXP`).as(
          'permission_refused',
        );
      }
    }
  }

  /** The producer's definition, or null when discovery is not available for it. */
  async producer(producerId: string, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
    const { res } = await this.authed(`reading measure producer ${producerId}`, 'GET', this.producerUrl(producerId), undefined, signal);
    return { status: res.status, body: res.body };
  }

  async createSubscription(producerId: string, signal?: AbortSignal): Promise<{ sub: SubscriptionWire; token: Token }> {
    const what = `creating the subscription for ${producerId}`;
    const body = { family: 'ANALYTICS', events: ['ALL'], transport: { type: 'WEBSOCKET' }, extensions: { measureProducerId: producerId } };
    const { res, token } = await this.authed(what, 'POST', this.subscriptionsUrl, body, signal);
    if (res.status < 200 || res.status >= 300) throw httpError(what, res, 'api', this.http.clock.now());
    return { sub: parseSubscription(what, res.body), token };
  }

  /** The subscription's current state, or null when the server no longer knows it (404/410). */
  async getSubscription(id: string, producerId: string, signal?: AbortSignal): Promise<SubscriptionWire | null> {
    const what = `checking the subscription for ${producerId}`;
    const { res } = await this.authed(what, 'GET', this.subscriptionUrl(id), undefined, signal);
    if (res.status === 404 || res.status === 410) return null;
    if (res.status < 200 || res.status >= 300) throw httpError(what, res, 'api', this.http.clock.now());
    return parseSubscription(what, res.body);
  }

  /** Renews with a token issued after `newerThan`; null when the subscription is gone. */
  async renewSubscription(id: string, producerId: string, newerThan: number, signal?: AbortSignal): Promise<{ sub: SubscriptionWire | null; token: Token } | null> {
    const what = `renewing the subscription for ${producerId}`;
    const { res, token } = await this.authed(what, 'POST', this.subscriptionUrl(id, ':renew'), undefined, signal, { newerThan });
    if (res.status === 404 || res.status === 410) return null;
    if (res.status < 200 || res.status >= 300) throw httpError(what, res, 'api', this.http.clock.now());
    const parsed = SubscriptionSchema.safeParse(res.body);
    return { sub: parsed.success ? parsed.data : null, token };
  }

  /** Deletes one of our subscriptions; true when it is gone (404 counts as gone). */
  async deleteSubscription(id: string, token: Token, signal?: AbortSignal): Promise<boolean> {
    const res = await send(this.http, 'deleting a subscription', { method: 'DELETE', url: this.subscriptionUrl(id), headers: { authorization: `Bearer ${token.value}` } }, signal);
    return (res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 410;
  }
}

function parseSubscription(what: string, body: unknown): SubscriptionWire {
  const parsed = SubscriptionSchema.safeParse(body);
  if (!parsed.success || !parsed.data.id) throw transientError(`${LABEL}: ${what} returned no subscription id; retrying`).as('bad_answer');
  return parsed.data;
}
