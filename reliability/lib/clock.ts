/**
 * A real-time clock that can jump: timers run on Node's timers, but `jump(ms)` moves the wall clock
 * forward at once, the way a laptop's clock does when it wakes from sleep. Timers that fell due during
 * the jump run right away (an interval runs once, not once per missed period), later ones keep their
 * deadline. Engines, connectors and simulators that read this clock see one consistent time.
 */
import type { Clock, TimerHandle } from '../../src/core/util/clock';

interface Timer {
  id: number;
  at: number;
  every: number | null;
  fn: () => void;
  handle: NodeJS.Timeout | null;
}

export class JumpClock implements Clock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  /** Total time jumped (ms). */
  jumped = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, Math.max(0, ms), null);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, Math.max(1, ms), Math.max(1, ms));
  }

  clearTimeout(h: TimerHandle | null | undefined): void {
    if (!h) return;
    const t = this.timers.get((h as { id: number }).id);
    if (!t) return;
    if (t.handle) clearTimeout(t.handle);
    this.timers.delete(t.id);
  }

  clearInterval(h: TimerHandle | null | undefined): void {
    this.clearTimeout(h);
  }

  /** Timers still pending (leak checks). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves the wall clock forward by `ms`; what fell due runs now, in deadline order. */
  jump(ms: number): void {
    this.offset += ms;
    this.jumped += ms;
    const list = [...this.timers.values()].sort((a, b) => a.at - b.at);
    for (const t of list) {
      if (t.handle) clearTimeout(t.handle);
      this.arm(t);
    }
  }

  private add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const t: Timer = { id: ++this.seq, at: this.now() + ms, every, fn, handle: null };
    this.timers.set(t.id, t);
    this.arm(t);
    return { id: t.id } as TimerHandle;
  }

  private arm(t: Timer): void {
    t.handle = setTimeout(() => this.fire(t), Math.max(0, t.at - this.now()));
    t.handle.unref();
  }

  private fire(t: Timer): void {
    if (this.timers.get(t.id) !== t) return;
    if (t.every === null) this.timers.delete(t.id);
    else {
      t.at += t.every;
      if (t.at <= this.now()) t.at = this.now() + t.every;
      this.arm(t);
    }
    t.fn();
  }
}
