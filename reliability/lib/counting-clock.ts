/**
 * The system clock with a count of what is pending on it. The engine and every connector take their
 * timers from the clock they are given, and most are unref'd (they never show among the process's
 * active resources), so a timer leak is counted here: pending timers must stay flat over a long run
 * and drop to none once everything has stopped.
 */
import { systemClock, type Clock, type TimerHandle } from '../../src/core/util/clock';

export class CountingClock implements Clock {
  private readonly live = new Set<TimerHandle>();
  /** Timers and intervals ever created. */
  created = 0;

  now(): number {
    return systemClock.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    this.created++;
    const h: TimerHandle = systemClock.setTimeout(() => {
      this.live.delete(h);
      fn();
    }, ms);
    this.live.add(h);
    return h;
  }

  clearTimeout(h: TimerHandle | null | undefined): void {
    if (!h) return;
    this.live.delete(h);
    systemClock.clearTimeout(h);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    this.created++;
    const h = systemClock.setInterval(fn, ms);
    this.live.add(h);
    return h;
  }

  clearInterval(h: TimerHandle | null | undefined): void {
    if (!h) return;
    this.live.delete(h);
    systemClock.clearInterval(h);
  }

  /** Timers and intervals not yet fired or cleared. */
  get pending(): number {
    return this.live.size;
  }
}
