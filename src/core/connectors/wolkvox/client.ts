/**
 * One HTTP GET of one report. Auth is the `wolkvox-token` header (seed 000); integrations also send
 * `wolkvox_server`, which is harmless. Timeouts run on the injected clock; network failures become
 * transient errors that say what to check. The body is returned raw: judging and parsing happen after.
 */
import { readTextCapped, formatBytes } from '../body';
import { transientError } from '../errors';
import type { FetchLike } from '../types';
import type { Clock } from '../../util/clock';
import { abortError } from '../../util/clock';
import { hostOf, reportUrl, type Report } from './url';

/** Responses above this size are cut off and treated as malformed. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** Zero-padded server code for the `wolkvox_server` header, when known. */
  server: string | null;
  fetch: FetchLike;
  clock: Clock;
  timeoutMs: number;
  /** The zone the account's dates and days are in (IANA name); absent: this computer's. */
  timeZone?: string;
}

export interface RawResponse {
  status: number;
  text: string;
  /** The decoded JSON body, or `undefined` when the body is not JSON. */
  body: unknown;
  /** Set when the body was longer than the client reads (`text` is then empty). */
  tooLarge?: string;
}

function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return e instanceof Error ? e.message : String(e);
}

/** GETs one report. Throws AbortError when `signal` aborts, a transient error on network trouble. */
export async function requestReport(opts: ClientOptions, report: Report, signal?: AbortSignal): Promise<RawResponse> {
  const host = hostOf(opts.baseUrl);
  // One controller per request, aborted by the session or the timeout (no listeners left behind on
  // the long-lived session signal).
  const controller = new AbortController();
  let timedOut = false;
  const timer = opts.clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const headers: Record<string, string> = { 'wolkvox-token': opts.token, accept: 'application/json' };
  if (opts.server) headers.wolkvox_server = opts.server;
  try {
    const res = await opts.fetch(reportUrl(opts.baseUrl, report), { method: 'GET', headers, signal: controller.signal });
    const read = await readTextCapped(res, MAX_BODY_BYTES);
    if (read === null) return { status: res.status, text: '', body: undefined, tooLarge: formatBytes(MAX_BODY_BYTES) };
    const text = read;
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    return { status: res.status, text, body };
  } catch (e) {
    if (signal?.aborted) throw abortError();
    if (timedOut) {
      const limit = opts.timeoutMs < 1000 ? `${opts.timeoutMs} ms` : `${Math.round(opts.timeoutMs / 1000)} s`;
      throw transientError(`Wolkvox did not answer the ${report} report within ${limit} (${host}): check this machine's network connection; retrying.`).as('timeout', {
        seconds: opts.timeoutMs / 1000,
      });
    }
    throw transientError(
      `Wolkvox server ${host} could not be reached (${causeCode(e)}): check this machine's network connection and the server code in the Sources view; retrying.`,
    ).as('unreachable', { host });
  } finally {
    opts.clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
