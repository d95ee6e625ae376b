/**
 * Axialys authentication. Supervisor mode: `POST {authUrl}` with no body and the request in the
 * `X-JSON` header (`requete: init`); the doc's field list says `count_type`, its curl example says
 * `account_type`: we send `account_type` and retry once with `count_type` when refused. API-account
 * mode: `POST {tokenUrl}`, HTTP Basic, JSON body `{"user_type":"api"}`. Both give `id_session`
 * (2 h, bound to the caller's IP) and `expire`; refresh with `requete: refresh_token`.
 */
import type { AxialysSourceConfig } from '../../../shared/sources';
import { registerSecret, registerSessionSecret } from '../../util/redact';
import type { Clock } from '../../util/clock';
import type { FetchLike } from '../types';
import { authError, configError, rateLimitError, transientError } from '../errors';
import { parseDirectory, type Directory } from './directory';
import { tokenLifetime } from './expire';
import { excerpt, request, type HttpAnswer } from './http';

export const DEFAULT_AUTH_URL = 'https://voice-management.axialys.com/ws/';
export const DEFAULT_TOKEN_URL = 'https://api.axialys.com/vm/token';

export interface AuthSession {
  idSession: string;
  /** The supervisor (or client) id sent in `init`, as the server gave it. */
  target: string | number | null;
  expiresAt: number;
  lifetimeMs: number;
  /** True when `expire` was unreadable and 2 h was assumed. */
  expireFallback: boolean;
  receivedAt: number;
  directory: Directory | null;
}

export interface AuthDeps {
  config: AxialysSourceConfig;
  fetch: FetchLike;
  clock: Clock;
}

type TypeField = 'account_type' | 'count_type';
type Outcome = { ok: true; body: Record<string, unknown> } | { ok: false; refused: true; detail: string };

/** Flattens `{msg: {...}}` / `{header: {...}}` envelopes the reply may use. */
function unwrap(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  const inner = [o.msg, o.header, o.data].filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
  return Object.assign({}, ...inner.reverse(), o);
}

const sessionOf = (b: Record<string, unknown>) => {
  const v = b.id_session ?? b.token ?? b.access_token ?? b.session;
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
};

export class AxialysAuth {
  private field: TypeField = 'account_type';
  private target: string | number | null = null;
  /** Auth requests sent (shown in the source info). */
  requests = 0;

  constructor(private readonly deps: AuthDeps) {
    registerSecret(deps.config.password);
  }

  get authUrl(): string {
    return this.deps.config.authUrl ?? DEFAULT_AUTH_URL;
  }

  get tokenUrl(): string {
    return this.deps.config.tokenUrl ?? DEFAULT_TOKEN_URL;
  }

  /** A full login (names directory included in supervisor mode). */
  async login(signal?: AbortSignal): Promise<AuthSession> {
    return this.deps.config.mode === 'api' ? this.apiToken(signal) : this.supervisorInit(signal);
  }

  /** Renews the session; API accounts have no documented refresh, so they ask for a new token. */
  async refresh(current: AuthSession, signal?: AbortSignal): Promise<AuthSession> {
    if (this.deps.config.mode === 'api') return this.apiToken(signal);
    const xjson = JSON.stringify({ requete: 'refresh_token', header: { id_session: current.idSession }, msg: {} });
    const answer = await this.post(this.authUrl, { 'X-JSON': xjson }, undefined, 'the token refresh', signal);
    const outcome = this.judge(answer, 'the token refresh');
    if (!outcome.ok) throw transientError(`Axialys refused to refresh the session (${outcome.detail}); logging in again`).as('session_expired');
    return this.toSession(outcome.body, current.target);
  }

  private async supervisorInit(signal?: AbortSignal): Promise<AuthSession> {
    const { login, password } = this.deps.config;
    let detail = '';
    for (const field of [this.field, this.field === 'account_type' ? 'count_type' : 'account_type'] as const) {
      const xjson = JSON.stringify({ requete: 'init', header: { login, password, [field]: 'supervisor' }, msg: {} });
      const answer = await this.post(this.authUrl, { 'X-JSON': xjson }, undefined, 'the supervisor login', signal);
      const outcome = this.judge(answer, 'the supervisor login');
      if (outcome.ok) {
        this.field = field;
        return this.toSession(outcome.body, null);
      }
      detail = outcome.detail;
    }
    throw authError(
      `Axialys refused the supervisor login "${login}" (${detail}): check the login and password in the Sources view and that the account is a supervisor account`,
    ).as('auth_refused');
  }

  private async apiToken(signal?: AbortSignal): Promise<AuthSession> {
    const { login, password } = this.deps.config;
    const basic = Buffer.from(`${login}:${password}`, 'utf8').toString('base64');
    registerSecret(basic);
    const headers = { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' };
    const answer = await this.post(this.tokenUrl, headers, JSON.stringify({ user_type: 'api' }), 'the API token request', signal);
    const outcome = this.judge(answer, 'the API token request');
    if (!outcome.ok) {
      throw authError(`Axialys refused the API account "${login}" (${outcome.detail}): check the API login and password in the Sources view`).as('auth_refused');
    }
    return this.toSession(outcome.body, null);
  }

  private async post(url: string, headers: Record<string, string>, body: string | undefined, what: string, signal?: AbortSignal): Promise<HttpAnswer> {
    this.requests++;
    return request(this.deps.fetch, this.deps.clock, url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) }, what, signal);
  }

  /** Success, a refusal (credentials), or a thrown transient/config error. */
  private judge(answer: HttpAnswer, what: string): Outcome {
    const { status } = answer;
    if (status === 429) {
      const wait = (answer.retryAfterSec ?? 60) * 1000;
      throw rateLimitError(`Axialys is limiting requests (HTTP 429 on ${what}); retrying in ${Math.round(wait / 1000)} s`, this.deps.clock.now() + wait).as('rate_limited', {
        seconds: Math.round(wait / 1000),
      });
    }
    if (status >= 500) throw transientError(`Axialys answered HTTP ${status} to ${what}; the service may be down. Retrying`).as('server_error', { status });
    if (status === 404 || status === 405) {
      throw configError(`Axialys answered HTTP ${status} to ${what}: check the ${this.deps.config.mode === 'api' ? 'tokenUrl' : 'authUrl'} of this source`).as('not_found');
    }
    if (status === 401 || status === 403 || status === 400) return { ok: false, refused: true, detail: `HTTP ${status}${excerptSuffix(answer)}` };
    if (status < 200 || status >= 300) throw transientError(`Axialys answered HTTP ${status} to ${what}; retrying`).as('request_failed', { status });
    const body = unwrap(answer.body);
    if (!body) throw transientError(`Axialys answered ${what} with something that is not a JSON object; retrying`).as('bad_answer');
    if (!sessionOf(body)) return { ok: false, refused: true, detail: excerpt(answer) || 'no session in the answer' };
    return { ok: true, body };
  }

  private toSession(body: Record<string, unknown>, knownTarget: string | number | null): AuthSession {
    const idSession = sessionOf(body)!;
    registerSessionSecret(idSession);
    const { mode, clientId } = this.deps.config;
    // API accounts: the token answer holds the session only; the feed opens with the client id Axialys gave.
    const configured = mode === 'api' && clientId !== undefined ? (typeof clientId === 'string' && /^\d+$/.test(clientId) ? Number(clientId) : clientId) : undefined;
    const rawTarget = body.target ?? body.id_sup ?? body.id_client ?? configured ?? knownTarget ?? this.target;
    const target = typeof rawTarget === 'number' || (typeof rawTarget === 'string' && rawTarget.trim()) ? (rawTarget as string | number) : null;
    if (target === null && mode === 'supervisor') {
      throw transientError('Axialys answered the login without a supervisor id (target), so the notification feed cannot be opened; retrying').as('bad_answer');
    }
    if (target === null) {
      throw configError('Axialys API mode needs the client id Axialys gave with the API account, which opens the notification feed: enter it as the Client id of this source').as('axialys_client_id');
    }
    this.target = target;
    const now = this.deps.clock.now();
    const life = tokenLifetime(body.expire ?? body.expires ?? body.expiration, now);
    return {
      idSession,
      target,
      expiresAt: life.expiresAt,
      lifetimeMs: life.lifetimeMs,
      expireFallback: life.fallback,
      receivedAt: now,
      directory: parseDirectory(body),
    };
  }
}

function excerptSuffix(answer: HttpAnswer): string {
  const e = excerpt(answer);
  return e ? `: ${e}` : '';
}
