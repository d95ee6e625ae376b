/**
 * Error classes that drive the connector lifecycle (STYLE.md: reconnection classified by error).
 * Messages are for people: name what failed and what to do. They never contain secrets.
 */
import { problem, type Problem, type ProblemCode } from '../../shared/problems';
import type { Params } from '../../shared/i18n';
import type { TestResult } from '../../shared/bridge';

export type ErrorClass = 'auth' | 'transient' | 'fatal' | 'rate_limit' | 'config';

export class ConnectorError extends Error {
  /** What went wrong in words every language can render (the message is the English detail). */
  problem: Problem | null = null;

  constructor(
    readonly kind: ErrorClass,
    message: string,
    /** For `rate_limit`/`transient`: do not retry before this epoch ms. */
    readonly retryAt: number | null = null,
    /** For `transient`: show the source as `degraded` (not `down`) while waiting. */
    readonly degraded = false,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  /** Names the problem (shared/problems.ts) that the dashboard, tray and notifications translate. */
  as(code: ProblemCode, params?: Params): this {
    this.problem = problem(code, params);
    return this;
  }
}

/** Wrong credentials: stop retrying, status `auth_failed`. */
export const authError = (message: string) => new ConnectorError('auth', message);
/** Network trouble, 5xx, timeouts: retry with backoff (or at `retryAt`). */
export const transientError = (message: string, retryAt: number | null = null, degraded = false) =>
  new ConnectorError('transient', message, retryAt, degraded);
/** Vendor quota or rate limit: status `degraded`, retry at `retryAt`. */
export const rateLimitError = (message: string, retryAt: number) => new ConnectorError('rate_limit', message, retryAt, true);
/** Configuration the vendor refuses (unknown report, constraint violation): stop, status `down`. */
export const configError = (message: string) => new ConnectorError('config', message);
/** Anything else that retrying cannot fix. */
export const fatalError = (message: string) => new ConnectorError('fatal', message);

/** Classifies any thrown value; unknown errors are transient (retry) but keep their message. */
export function classify(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return transientError(message);
}

/** What a running source's error says it does next ("; retrying in 5 s", ". Retrying"): nothing retries a test. */
const RETRY_TAIL = /\s*[;.]\s*retrying(?: in \d+ s| with (?:a new token|backoff)| later)?\.?$/i;

/**
 * A failed "Test connection": the error's English text (without the retry a running source would
 * make) and, when the connector named it, its problem.
 */
export function failedTest(e: unknown, details?: TestResult['details']): TestResult {
  const err = classify(e);
  const message = RETRY_TAIL.test(err.message) ? `${err.message.replace(RETRY_TAIL, '')}.` : err.message;
  return { ok: false, message, ...(err.problem ? { problem: err.problem } : {}), ...(details ? { details } : {}) };
}
