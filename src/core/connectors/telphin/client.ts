/**
 * Telphin HTTP client: OAuth2 client credentials ("trusted" application), bearer requests to the API
 * under `/client/{clientRef}/…`, one fresh token on a 401, and the hourly quota obeyed (no request is
 * sent that the quota does not allow; a 429 waits for the reset). Errors are classified for the
 * Supervisor and say what failed and what to do; secrets never appear in them.
 */
import type { TelphinSourceConfig } from '../../../shared/sources';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/logger';
import { registerSecret, registerSessionSecret } from '../../util/redact';
import { readTextCapped, tooLargeText } from '../body';
import { authError, configError, ConnectorError, rateLimitError, transientError } from '../errors';
import type { FetchLike } from '../types';
import { Quota } from './quota';
import { ErrorBodySchema, TokenSchema } from './wire';
import { hostOf } from '../host';

export const DEFAULT_API_BASE = 'https://apiproxy.telphin.ru/api/ver1.0';
export const DEFAULT_TOKEN_URL = 'https://apiproxy.telphin.ru/oauth/token';
const DEFAULT_TOKEN_TTL_SEC = 3600;
const TIMEOUT_MS = 15_000;

export interface ClientDeps {
  config: TelphinSourceConfig;
  fetch: FetchLike;
  clock: Clock;
  log: Logger;
  quota?: Quota;
  timeoutMs?: number;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** `@me` stays readable in paths; anything else is encoded. */
export function clientPath(ref: string): string {
  return `/client/${encodeURIComponent(ref).replace(/%40/g, '@')}`;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

function minutesUntil(at: number, now: number): string {
  const min = Math.max(1, Math.round((at - now) / 60_000));
  return `${min} min (${new Date(at).toISOString().slice(11, 16)} UTC)`;
}

export class TelphinClient {
  readonly quota: Quota;
  readonly apiBase: string;
  readonly tokenUrl: string;
  readonly clientRef: string;
  /** API requests sent (token requests excluded); the connector measures cycle cost with it. */
  sent = 0;
  tokenRequests = 0;
  private token: { value: string; refreshAt: number } | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly deps: ClientDeps) {
    const c = deps.config;
    this.quota = deps.quota ?? new Quota();
    this.apiBase = trimSlash(c.apiBaseUrl ?? DEFAULT_API_BASE);
    this.tokenUrl = c.tokenUrl ?? DEFAULT_TOKEN_URL;
    this.clientRef = c.clientRef ?? '@me';
    this.timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
    registerSecret(c.clientSecret);
  }

  /** Path under the client, e.g. `/agent/local/` → `/client/@me/agent/local/`. */
  path(sub: string): string {
    return `${clientPath(this.clientRef)}${sub}`;
  }

  /** A valid access token, fetched when missing or near expiry. */
  async ensureToken(signal?: AbortSignal): Promise<string> {
    const now = this.deps.clock.now();
    if (this.token && now < this.token.refreshAt) return this.token.value;
    return this.fetchToken(signal);
  }

  invalidateToken(): void {
    this.token = null;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const { config } = this.deps;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret });
    this.tokenRequests++;
    const res = await this.send(this.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() }, signal, 'the token endpoint');
    const body = await readBody(res);
    if (res.status === 429) throw this.rateLimited(res, 'POST /oauth/token');
    if (!res.ok) {
      const err = ErrorBodySchema.parse(body);
      const code = err.error ?? err.message ?? '';
      const detail = `${res.status}${code ? ` ${code}` : ''}`;
      if (res.status === 401 || res.status === 403 || code === 'invalid_client') {
        throw authError(`Telphin refused the application credentials (${detail}): check the client id and client secret of the trusted application in the Sources view.`).as(
          'auth_refused',
        );
      }
      if (code === 'unauthorized_client' || code === 'unsupported_grant_type' || code === 'invalid_grant') {
        throw authError(`Telphin refused the client-credentials grant (${detail}): the application must be a "trusted" application in the Telphin account.`).as(
          'telphin_not_trusted',
        );
      }
      if (res.status >= 500) throw transientError(`Telphin token endpoint failed (${detail}); retrying.`).as('server_error', { status: res.status });
      throw configError(`Telphin token request failed (${detail}) at ${this.tokenUrl}: check the token URL in the Sources view.`).as('config_refused');
    }
    const parsed = TokenSchema.safeParse(body);
    if (!parsed.success) throw transientError(`Telphin token endpoint answered without an access_token (${this.tokenUrl}); retrying.`).as('bad_answer');
    const ttl = parsed.data.expires_in && parsed.data.expires_in > 0 ? parsed.data.expires_in : DEFAULT_TOKEN_TTL_SEC;
    registerSessionSecret(parsed.data.access_token);
    this.token = { value: parsed.data.access_token, refreshAt: this.deps.clock.now() + ttl * 800 };
    this.deps.log.debug(`access token obtained (valid ${ttl} s)`);
    return parsed.data.access_token;
  }

  /**
   * One API request. A 401 fetches a new token once and repeats the request; a second 401 is an
   * authentication failure. Throws classified errors for everything but 2xx (and 404 when allowed).
   */
  async api(method: string, path: string, opts: { body?: unknown; signal?: AbortSignal; allow404?: boolean } = {}): Promise<ApiAnswer> {
    let retried = false;
    for (;;) {
      const token = await this.ensureToken(opts.signal);
      const blocked = this.quota.blockedUntil(this.deps.clock.now());
      if (blocked !== null) throw this.quotaWait(blocked);
      this.quota.spend();
      this.sent++;
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await this.send(`${this.apiBase}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }, opts.signal, `${method} ${path}`);
      this.quota.update(res.headers, this.deps.clock.now());
      const body = await readBody(res);
      if (res.ok || (res.status === 404 && opts.allow404)) return { status: res.status, body };
      const what = `${method} ${path}`;
      if (res.status === 401 && !retried) {
        retried = true;
        this.invalidateToken();
        continue;
      }
      throw this.failure(res, body, what);
    }
  }

  private failure(res: Response, body: unknown, what: string): ConnectorError {
    const err = ErrorBodySchema.parse(body);
    const code = err.error ?? err.message ?? '';
    const detail = `${res.status}${code ? ` ${code}` : ''}`;
    if (res.status === 429) return this.rateLimited(res, what);
    if (res.status === 401) {
      return authError(`Telphin rejected a fresh access token (${detail}) for ${what}: check that the application may access client "${this.clientRef}" in the Sources view.`).as(
        'permission_refused',
      );
    }
    if (res.status === 403) {
      return authError(`Telphin refused ${what} (${detail}): give the trusted application access to queue agents, agent events and calls, or check clientRef "${this.clientRef}".`).as(
        'permission_refused',
      );
    }
    if (res.status === 404) {
      return configError(`Telphin does not know ${what} (404): check clientRef (now "${this.clientRef}", default "@me") and the API URL ${this.apiBase}.`).as('not_found');
    }
    if (res.status >= 500) return transientError(`Telphin API error (${detail}) on ${what}; retrying.`).as('server_error', { status: res.status });
    return transientError(`Telphin refused ${what} (${detail}); retrying.`).as('request_failed', { status: res.status });
  }

  private rateLimited(res: Response, what: string): ConnectorError {
    const now = this.deps.clock.now();
    this.quota.update(res.headers, now);
    const until = this.quota.exhausted(now);
    const limit = this.quota.limit !== null ? `, limit ${this.quota.limit} requests per hour` : '';
    return rateLimitError(`Telphin request quota used up (429 rate_limit_exceeded on ${what}${limit}): waiting ${minutesUntil(until, now)} for it to reset.`, until).as('quota');
  }

  private quotaWait(until: number): ConnectorError {
    const now = this.deps.clock.now();
    const limit = this.quota.limit !== null ? ` of ${this.quota.limit} per hour` : '';
    return rateLimitError(`Telphin request quota used up (0 requests left${limit}): waiting ${minutesUntil(until, now)} for it to reset before the next request.`, until).as(
      'quota',
    );
  }

  private async send(url: string, init: RequestInit, signal: AbortSignal | undefined, what: string): Promise<Response> {
    const { clock } = this.deps;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort();
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      return await this.deps.fetch(url, { ...init, signal: controller.signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      const host = hostOf(url);
      if (timedOut) throw transientError(`Telphin did not answer ${what} within ${Math.round(this.timeoutMs / 1000)} s (${host}); retrying.`).as('timeout', { seconds: Math.round(this.timeoutMs / 1000) });
      const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw transientError(`Telphin is unreachable for ${what} (${host}: ${cause}); check the network or the URL in the Sources view. Retrying.`).as('unreachable', { host });
    } finally {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Tokens and subscriptions are small, an agent list of 10,000 a few MB; a longer answer is not read. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** The answer's body as JSON when it is JSON, as text otherwise (a note when it is too long to read); never throws. */
export async function readBody(res: Response): Promise<unknown> {
  let text: string | null;
  try {
    text = await readTextCapped(res, MAX_ANSWER_BYTES);
  } catch {
    return null;
  }
  if (text === null) return tooLargeText(MAX_ANSWER_BYTES);
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
