/**
 * One REST request to AXP: `appkey` header on every call, a timeout on the injected clock, the caller's
 * abort signal honoured, and failures turned into connector errors whose message shows the problem's
 * title/detail (RFC 7807 `application/problem+json`) and says what to do.
 */
import type { Clock } from '../../util/clock';
import { abortError } from '../../util/clock';
import { redactText } from '../../util/redact';
import { readTextCapped, tooLargeText } from '../body';
import { authError, configError, rateLimitError, transientError, type ConnectorError } from '../errors';
import type { FetchLike } from '../types';
import { LABEL } from './config';
import { ProblemSchema } from './wire';
import { hostOf } from '../host';

export interface HttpDeps {
  fetch: FetchLike;
  clock: Clock;
  appKey: string;
  timeoutMs: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  status: number;
  body: unknown;
  retryAfterMs: number | null;
}

/** Token, subscription and producer answers are a few KB; a longer one is not read. */
const MAX_BODY = 1024 * 1024;

export async function send(deps: HttpDeps, what: string, req: HttpRequest, signal?: AbortSignal): Promise<HttpResult> {
  if (signal?.aborted) throw abortError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = deps.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await deps.fetch(req.url, {
      method: req.method,
      headers: { accept: 'application/json, application/problem+json', appkey: deps.appKey, ...req.headers },
      body: req.body,
      signal: controller.signal,
    });
    const text = await readTextCapped(res, MAX_BODY);
    return { status: res.status, body: text === null ? tooLargeText(MAX_BODY) : parseBody(text), retryAfterMs: retryAfter(res.headers.get('retry-after')) };
  } catch (e) {
    if (signal?.aborted) throw abortError();
    if (timedOut) throw transientError(`${LABEL}: ${what} got no answer within ${Math.round(deps.timeoutMs / 1000)} s; retrying`).as('timeout', { seconds: Math.round(deps.timeoutMs / 1000) });
    throw transientError(`${LABEL}: ${what} failed: could not reach ${hostOf(req.url)} (${networkReason(e)}); check the network and the API base URL`).as('unreachable', {
      host: hostOf(req.url),
    });
  } finally {
    deps.clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 300);
  }
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return Math.min(s, 3600) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.min(at - Date.now(), 3_600_000)) : null;
}

function networkReason(e: unknown): string {
  const cause = e instanceof Error ? (e as Error & { cause?: { code?: string; message?: string } }).cause : undefined;
  return redactText(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)));
}

/** "403 Forbidden: Application key is not valid" from a problem or OAuth error body. */
export function describe(status: number, body: unknown): string {
  const parsed = ProblemSchema.safeParse(body);
  let text = '';
  if (parsed.success) {
    const p = parsed.data;
    const parts = [p.title ?? p.error, p.detail ?? p.error_description ?? p.message].filter((s): s is string => Boolean(s));
    text = [...new Set(parts)].join(': ');
  } else if (typeof body === 'string') {
    text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  }
  text = redactText(text).slice(0, 200);
  return text ? `${status} ${text}` : `HTTP ${status}`;
}

export type HttpAdvice = 'token' | 'api';

/** Classifies a failed response: credentials stop, configuration stops, quotas wait, the rest retries. */
export function httpError(what: string, res: HttpResult, advice: HttpAdvice, now: number): ConnectorError {
  const desc = describe(res.status, res.body);
  const s = res.status;
  if (s === 429) {
    const wait = res.retryAfterMs ?? 60_000;
    return rateLimitError(`${LABEL}: ${what} was rate-limited (${desc}); retrying in ${Math.ceil(wait / 1000)} s`, now + wait).as('rate_limited', { seconds: Math.ceil(wait / 1000) });
  }
  if (advice === 'token' && (s === 400 || s === 401 || s === 403)) {
    return authError(`${LABEL}: ${what} was refused (${desc}): check the client id, client secret and app key in the Sources view`).as('auth_refused');
  }
  if (s === 401 || s === 403) {
    return authError(`${LABEL}: ${what} was refused (${desc}): check the app key and that the client is allowed to use the Notification and Analytics APIs`).as('permission_refused');
  }
  if (s === 404) {
    return configError(`${LABEL}: ${what} was not found (${desc}): check the API base URL or region and the account id in the Sources view`).as('not_found');
  }
  if (s === 400 || s === 405 || s === 422) {
    return configError(`${LABEL}: ${what} was refused (${desc}): check the account id and the measure producers in the Sources view`).as('config_refused');
  }
  return transientError(`${LABEL}: ${what} failed (${desc}); retrying`).as(s >= 500 ? 'server_error' : 'request_failed', { status: s });
}
