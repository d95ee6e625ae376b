/**
 * Is the link to the collector still there? Anything heard proves it (bytes of a frame still coming, a
 * frame, the collector's own ping, the pong to ours — which waits behind a large snapshot's bytes on a
 * slow link); after `intervalMs` of silence we ping, and silence for `timeoutMs` more
 * means a half-open connection (a laptop that slept, a NAT that forgot us): the caller drops it and
 * reconnects. A busy feed costs one clock read per frame and no timer churn. Timers run on the
 * injected clock; `checkNow` (resume from sleep) pings at once.
 */
import type { Clock, TimerHandle } from '../../util/clock';

export class LinkWatch {
  private timer: TimerHandle | null = null;
  private lastHeard: number;
  /** A ping is out: whether anything was heard since it was sent (times could tie within a millisecond). */
  private pinged = false;
  private answered = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly ping: () => void,
    readonly intervalMs: number,
    readonly timeoutMs: number,
    private readonly onDead: () => void,
  ) {
    this.lastHeard = clock.now();
  }

  start(): void {
    this.stopped = false;
    this.lastHeard = this.clock.now();
    this.arm(this.intervalMs);
  }

  /** Call for every chunk of bytes, frame, ping and pong received. */
  heard(): void {
    this.lastHeard = this.clock.now();
    this.answered = true;
  }

  checkNow(): void {
    if (this.stopped || this.pinged) return;
    this.clock.clearTimeout(this.timer);
    this.sendPing();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.due(), Math.max(0, ms));
  }

  private due(): void {
    this.timer = null;
    if (this.stopped) return;
    const now = this.clock.now();
    if (this.pinged) {
      if (this.answered) {
        this.pinged = false;
        return this.arm(this.lastHeard + this.intervalMs - now);
      }
      this.stop();
      return this.onDead();
    }
    const quiet = now - this.lastHeard;
    if (quiet < this.intervalMs) return this.arm(this.intervalMs - quiet);
    this.sendPing();
  }

  private sendPing(): void {
    this.pinged = true;
    this.answered = false;
    try {
      this.ping();
    } catch {
      // The socket is closing: its close ends the session.
    }
    this.arm(this.timeoutMs);
  }
}

/**
 * A deadline counted from the last sign of life, not from the start: a snapshot of megabytes over a
 * slow link keeps it off for as long as its bytes keep coming, and a stream that sends nothing meets
 * it. Like LinkWatch, a byte heard costs a clock read and no timer churn: the timer, when due, re-arms
 * itself for what is left.
 */
export class QuietDeadline {
  private timer: TimerHandle | null = null;
  private lastHeard = 0;

  constructor(
    private readonly clock: Clock,
    readonly ms: number,
    private readonly onExpired: () => void,
  ) {}

  start(): void {
    this.lastHeard = this.clock.now();
    this.arm(this.ms);
  }

  heard(): void {
    this.lastHeard = this.clock.now();
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.due(), Math.max(0, ms));
  }

  private due(): void {
    this.timer = null;
    const quiet = this.clock.now() - this.lastHeard;
    if (quiet < this.ms) return this.arm(this.ms - quiet);
    this.onExpired();
  }
}
