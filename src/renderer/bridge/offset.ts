/**
 * Estimates the host clock relative to this browser's, so that "time in state" ticks correctly when the
 * collector runs on another machine. A message stamped `at` by the host and received at local time
 * `recv` says offset ≥ at − recv (transit only makes it smaller), so the best estimate is the largest
 * sample of a recent window.
 */
const WINDOW_MS = 60_000;

export class ClockOffset {
  private best: number | null = null;
  private windowStart = 0;
  private windowBest: number | null = null;

  sample(hostAt: number, receivedAt: number, reset: boolean): void {
    if (!Number.isFinite(hostAt)) return;
    const s = hostAt - receivedAt;
    if (reset || this.best === null) {
      this.best = s;
      this.windowBest = s;
      this.windowStart = receivedAt;
      return;
    }
    this.windowBest = this.windowBest === null ? s : Math.max(this.windowBest, s);
    this.best = Math.max(this.best, s);
    if (receivedAt - this.windowStart > WINDOW_MS) {
      // Let the estimate follow a host clock that was stepped backwards.
      this.best = this.windowBest;
      this.windowBest = null;
      this.windowStart = receivedAt;
    }
  }

  /** Milliseconds to add to local time to get host time. */
  get value(): number {
    return this.best ?? 0;
  }

  hostNow(localNow: number): number {
    return localNow + this.value;
  }
}
