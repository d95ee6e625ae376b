/**
 * Telphin's hourly request quota, as the `X-RateLimit-Limit/Remaining/Reset` headers of every answer
 * describe it. The connector never sends a request the quota does not allow, and paces its cycles so
 * that the remaining budget lasts until the reset.
 */

/** Requests kept in hand for a token retry or a manual check. */
const RESERVE = 2;
/** Slack after the announced reset before trusting a fresh window. */
const RESET_SLACK_MS = 500;
/** Without a Reset header, a spent quota is assumed to reset at the next full hour. */
const HOUR_MS = 3_600_000;

export interface QuotaView {
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
}

type HeaderGet = { get(name: string): string | null };

function headerNumber(h: HeaderGet, name: string): number | null {
  const raw = h.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : null;
}

/**
 * `X-RateLimit-Reset` is seen both as an epoch (seconds or ms) and as seconds until the reset:
 * values that look like an epoch are taken as one, small values as a delay.
 */
export function parseReset(value: number | null, now: number): number | null {
  if (value === null || value < 0) return null;
  if (value > 1e12) return value;
  if (value > 1e9) return value * 1000;
  return now + value * 1000;
}

export function nextHour(now: number): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
}

export class Quota implements QuotaView {
  limit: number | null = null;
  remaining: number | null = null;
  resetAt: number | null = null;

  /** Reads the headers of an answer. Returns true when they carried quota information. */
  update(headers: HeaderGet, now: number): boolean {
    const limit = headerNumber(headers, 'x-ratelimit-limit');
    const remaining = headerNumber(headers, 'x-ratelimit-remaining');
    const reset = parseReset(headerNumber(headers, 'x-ratelimit-reset'), now);
    if (limit === null && remaining === null && reset === null) return false;
    if (limit !== null) this.limit = limit;
    if (remaining !== null) this.remaining = Math.max(0, Math.floor(remaining));
    if (reset !== null) this.resetAt = reset;
    return true;
  }

  /** A 429 says the quota is spent, whatever the headers said before. */
  exhausted(now: number): number {
    this.remaining = 0;
    if (this.resetAt === null || this.resetAt <= now) this.resetAt = nextHour(now);
    return this.resetAt + RESET_SLACK_MS;
  }

  /** Counts a request about to be sent (the next answer's headers correct the figure). */
  spend(): void {
    if (this.remaining !== null) this.remaining = Math.max(0, this.remaining - 1);
  }

  private windowOpen(now: number): boolean {
    return this.resetAt === null || now < this.resetAt + RESET_SLACK_MS;
  }

  /** When the quota forbids a request now: the epoch ms it may be sent; null when it may go now. */
  blockedUntil(now: number): number | null {
    if (this.remaining === null || this.remaining > 0 || !this.windowOpen(now)) return null;
    return (this.resetAt ?? nextHour(now)) + RESET_SLACK_MS;
  }

  /** Whether a cycle of `cost` requests fits in what is left now (keeping the reserve). */
  affords(now: number, cost: number): boolean {
    if (this.remaining === null || !this.windowOpen(now)) return true;
    return this.remaining - RESERVE >= Math.max(1, cost);
  }

  /**
   * Delay before the next cycle of `cost` requests: never shorter than `baseMs`; longer when the
   * remaining budget spread until the reset requires it; until the reset when the budget is spent.
   */
  delay(now: number, baseMs: number, cost: number): number {
    if (this.remaining === null || this.resetAt === null || !this.windowOpen(now)) return baseMs;
    const untilReset = Math.max(0, this.resetAt - now) + RESET_SLACK_MS;
    const budget = this.remaining - RESERVE;
    const perCycle = Math.max(1, cost);
    if (budget < perCycle) return Math.max(baseMs, untilReset);
    const cycles = Math.floor(budget / perCycle);
    return Math.max(baseMs, Math.ceil(untilReset / (cycles + 1)));
  }

  view(): QuotaView {
    return { limit: this.limit, remaining: this.remaining, resetAt: this.resetAt };
  }
}
