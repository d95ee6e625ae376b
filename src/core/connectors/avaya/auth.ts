/**
 * OAuth2 client credentials for AXP (`POST {base}/api/auth/v1/{accountId}/protocol/openid-connect/token`,
 * form-encoded). One token at a time, shared by REST calls and WebSocket authentication; a token is
 * replaced after ~80 % of its lifetime, when a caller needs one newer than a given issue time (renewing
 * a subscription), or when the server refused it.
 */
import { abortError } from '../../util/clock';
import { registerSessionSecret } from '../../util/redact';
import { transientError } from '../errors';
import { LABEL } from './config';
import { httpError, send, type HttpDeps } from './http';
import { TokenResponseSchema } from './wire';

export interface Token {
  value: string;
  issuedAt: number;
  expiresAt: number;
  /** Replace the token from this instant on (~80 % of its lifetime). */
  refreshAt: number;
}

export interface TokenOptions {
  /** The token must have been issued after this instant (a fresh token for a subscription renewal). */
  newerThan?: number;
}

const DEFAULT_LIFETIME_SEC = 900;
const REFRESH_RATIO = 0.8;

export class TokenManager {
  private current: Token | null = null;
  private inflight: Promise<Token> | null = null;
  /** Tokens obtained since start (shown as source info). */
  issued = 0;

  constructor(
    private readonly http: HttpDeps,
    private readonly url: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly onToken: (token: Token) => void = () => undefined,
  ) {}

  /** A valid, not yet expired token without fetching one (used when stopping). */
  peek(): Token | null {
    const t = this.current;
    return t && this.http.clock.now() < t.expiresAt - 5_000 ? t : null;
  }

  /** Forgets a token the server refused, so that the next `get` fetches a new one. */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = null;
  }

  async get(signal?: AbortSignal, opts: TokenOptions = {}): Promise<Token> {
    const now = this.http.clock.now();
    const t = this.current;
    if (t && now < t.refreshAt && (opts.newerThan === undefined || t.issuedAt > opts.newerThan)) return t;
    // Concurrent callers share one request; a caller that aborts leaves it to the others.
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = null;
      });
    }
    return raceAbort(this.inflight, signal);
  }

  private async fetchToken(): Promise<Token> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret });
    const what = 'getting an access token';
    const res = await send(this.http, what, {
      method: 'POST',
      url: this.url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    const now = this.http.clock.now();
    if (res.status < 200 || res.status >= 300) throw httpError(what, res, 'token', now);
    const parsed = TokenResponseSchema.safeParse(res.body);
    if (!parsed.success) throw transientError(`${LABEL}: the token endpoint answered without an access_token; retrying`).as('bad_answer');
    registerSessionSecret(parsed.data.access_token);
    const lifetimeSec = parsed.data.expires_in !== null && parsed.data.expires_in > 0 ? parsed.data.expires_in : DEFAULT_LIFETIME_SEC;
    const token: Token = {
      value: parsed.data.access_token,
      issuedAt: now,
      expiresAt: now + lifetimeSec * 1000,
      refreshAt: now + lifetimeSec * 1000 * REFRESH_RATIO,
    };
    this.current = token;
    this.issued++;
    this.onToken(token);
    return token;
  }
}

export function tokenUrl(baseUrl: string, accountId: string): string {
  return `${baseUrl}/api/auth/v1/${encodeURIComponent(accountId)}/protocol/openid-connect/token`;
}

function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
