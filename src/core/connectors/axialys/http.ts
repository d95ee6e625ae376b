/**
 * Small HTTP helpers for the Axialys auth calls: a clock-driven timeout (tests use a fake clock) and
 * error classification into messages that name the source, what failed and what to do.
 */
import type { Clock } from '../../util/clock';
import type { FetchLike } from '../types';
import { readTextCapped, tooLargeText } from '../body';
import { transientError } from '../errors';
import { hostOf } from '../host';
import { parseJsonText } from './wire';

export const HTTP_TIMEOUT_MS = 15_000;
/** The auth and token answers are a few hundred bytes; a longer one is not read. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
  retryAfterSec: number | null;
}

/** Performs a request with a timeout on the given clock; network trouble becomes a transient error. */
export async function request(
  fetchImpl: FetchLike,
  clock: Clock,
  url: string,
  init: RequestInit,
  what: string,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, HTTP_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await fetchImpl(url, { ...init, signal: controller.signal });
    const read = await readTextCapped(res, MAX_ANSWER_BYTES);
    const text = read ?? tooLargeText(MAX_ANSWER_BYTES);
    let body: unknown = null;
    try {
      body = read?.trim() ? parseJsonText(read) : null;
    } catch {
      body = null;
    }
    const ra = Number(res.headers.get('retry-after'));
    return { status: res.status, body, text, retryAfterSec: Number.isFinite(ra) && ra > 0 ? ra : null };
  } catch (e) {
    if (signal?.aborted) throw e;
    if (timedOut) throw transientError(`Axialys: ${what} at ${url} did not answer within ${HTTP_TIMEOUT_MS / 1000} s; retrying`).as('timeout', { seconds: HTTP_TIMEOUT_MS / 1000 });
    const reason = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    throw transientError(`Axialys: could not reach ${url} for ${what} (${reason}); check the network and the URL. Retrying`).as('unreachable', { host: hostOf(url) });
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A short, printable excerpt of what the server said (never the whole body). */
export function excerpt(answer: HttpAnswer): string {
  const b = answer.body;
  if (b && typeof b === 'object') {
    const o = b as Record<string, unknown>;
    const inner = o.msg && typeof o.msg === 'object' ? (o.msg as Record<string, unknown>) : {};
    for (const v of [o.error, o.erreur, o.message, o.msg, inner.error, inner.erreur, inner.message, o.status]) {
      if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 120);
    }
  }
  return answer.text.replace(/\s+/g, ' ').trim().slice(0, 120);
}
