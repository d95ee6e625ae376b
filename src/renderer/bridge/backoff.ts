/** Capped exponential backoff with jitter for the dashboard's reconnects. */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 15_000;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 16));
  // "Equal jitter": at least half the ceiling, so a flapping host is not hammered.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
