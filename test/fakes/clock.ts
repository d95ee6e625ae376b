/**
 * A deterministic clock for tests: timers run only when the test advances time.
 * `advance` is async and lets promise continuations run between timers, so async loops
 * (reconnect, polling) progress as they would in real time.
 */
import type { Clock, TimerHandle } from '../../src/core/util/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  every: number | null;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2026, 10, 21, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { id, at: this.t + Math.max(0, ms), fn, every: null });
    return { id } as TimerHandle;
  }

  clearTimeout(h: TimerHandle | null | undefined): void {
    if (h) this.timers.delete((h as { id: number }).id);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    const every = Math.max(1, ms);
    this.timers.set(id, { id, at: this.t + every, fn, every });
    return { id } as TimerHandle;
  }

  clearInterval(h: TimerHandle | null | undefined): void {
    this.clearTimeout(h);
  }

  /** Number of pending timers (leak checks). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running due timers in order and flushing microtasks between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flushMicrotasks();
    for (;;) {
      let next: Timer | null = null;
      for (const timer of this.timers.values()) if (timer.at <= end && (!next || timer.at < next.at)) next = timer;
      if (!next) break;
      this.t = next.at;
      if (next.every !== null) next.at += next.every;
      else this.timers.delete(next.id);
      next.fn();
      await flushMicrotasks();
    }
    this.t = end;
    await flushMicrotasks();
  }

  /** Jumps the wall clock without running timers in between (machine sleep), then runs what is due. */
  async jump(ms: number): Promise<void> {
    this.t += ms;
    for (const timer of this.timers.values()) if (timer.at < this.t) timer.at = this.t;
    await this.advance(0);
  }
}

export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
}
