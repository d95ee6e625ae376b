/**
 * Capped exponential backoff with jitter ("equal jitter"), reset only after a stable period
 * (socket.io-client Manager and Signal's BackOff do the same). Randomness is injected for tests.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A session that stayed up this long resets the attempt counter. */
  stableMs?: number;
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  readonly baseMs: number;
  readonly capMs: number;
  readonly stableMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 1000;
    this.capMs = opts.capMs ?? 60_000;
    this.stableMs = opts.stableMs ?? 60_000;
    this.random = opts.random ?? Math.random;
  }

  /** Delay before the next attempt; grows until the cap. Half fixed, half random. */
  next(): number {
    const exp = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(exp / 2 + (exp / 2) * this.random());
  }

  /** Call when a session ends: resets the counter only when it lasted at least `stableMs`. */
  sessionEnded(durationMs: number): void {
    if (durationMs >= this.stableMs) this.attempt = 0;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
