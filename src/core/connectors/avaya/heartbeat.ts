/**
 * WebSocket protocol pings (the seed's "Heartbeat": the client pings, the server pongs). A ping left
 * unanswered past the timeout means a half-open connection: the caller terminates and reconnects.
 * Timers run on the injected clock; `checkNow` (resume from sleep) pings at once.
 */
import type { Clock, TimerHandle } from '../../util/clock';

export interface PingTarget {
  ping(): void;
}

export class Heartbeat {
  private interval: TimerHandle | null = null;
  private waiting: TimerHandle | null = null;
  private stopped = false;
  /** Pings sent (tests and source info). */
  sent = 0;

  constructor(
    private readonly clock: Clock,
    private readonly target: PingTarget,
    readonly intervalMs: number,
    readonly timeoutMs: number,
    private readonly onTimeout: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.interval = this.clock.setInterval(() => this.ping(), this.intervalMs);
  }

  /** Call on every pong. */
  pong(): void {
    this.clock.clearTimeout(this.waiting);
    this.waiting = null;
  }

  /** Pings now unless a ping is already waiting for its pong. */
  checkNow(): void {
    if (!this.stopped && this.waiting === null) this.ping();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearInterval(this.interval);
    this.clock.clearTimeout(this.waiting);
    this.interval = null;
    this.waiting = null;
  }

  private ping(): void {
    if (this.stopped) return;
    // A ping is already outstanding: its own timeout decides.
    if (this.waiting !== null) return;
    try {
      this.target.ping();
      this.sent++;
    } catch {
      // The socket is closing; its close handler ends the stream.
      return;
    }
    this.waiting = this.clock.setTimeout(() => {
      this.waiting = null;
      if (this.stopped) return;
      this.stop();
      this.onTimeout();
    }, this.timeoutMs);
  }
}

/**
 * Ping every `pingSec` (at most half the server's `pingInterval`, after which it closes idle sockets);
 * a pong is due within `pongTimeoutMs`, never longer than the ping interval itself.
 */
export function heartbeatTimings(pingSec: number, serverPingIntervalSec: number | null, pongTimeoutMs: number): { intervalMs: number; timeoutMs: number } {
  let intervalMs = Math.max(1000, pingSec * 1000);
  if (serverPingIntervalSec !== null && serverPingIntervalSec > 0) {
    const serverMs = serverPingIntervalSec > 100_000 ? serverPingIntervalSec : serverPingIntervalSec * 1000;
    intervalMs = Math.max(1000, Math.min(intervalMs, serverMs / 2));
  }
  return { intervalMs, timeoutMs: Math.min(pongTimeoutMs, intervalMs) };
}
