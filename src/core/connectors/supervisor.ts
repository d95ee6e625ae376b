/**
 * The common connector lifecycle: run a session, classify how it ended, and either retry with capped
 * jittered backoff (reset after a stable period), wait for a rate-limit reset, or stop for good on
 * auth/config errors with a message that says what to do. `check()` (resume from sleep) cuts a
 * backoff wait short instead of starting a second loop.
 */
import { Backoff, type BackoffOptions } from './backoff';
import { classify, transientError, type ConnectorError } from './errors';
import type { ConnectorContext } from './types';
import { isAbortError } from '../util/clock';
import type { Problem } from '../../shared/problems';

/**
 * `live` says the session works; with `degraded`, it works in part (shown as degraded with that
 * message) — either way the session counts as established for the backoff.
 */
export type Session = (signal: AbortSignal, live: (degraded?: { message: string; problem?: Problem }) => void) => Promise<void>;

export interface SupervisorOptions extends BackoffOptions {
  /** Label used in messages ("Wolkvox", "Axialys"…). */
  vendorLabel: string;
}

export class Supervisor {
  private readonly backoff: Backoff;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** The last classified error (tests and the UI read it). */
  lastError: ConnectorError | null = null;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly session: Session,
    private readonly opts: SupervisorOptions,
  ) {
    this.backoff = new Backoff({ random: ctx.random, ...opts });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
    await this.running;
    this.running = null;
    this.ctx.health.setStatus('stopped', null);
  }

  /** Retry now if waiting (resume from sleep, "reconnect" button). */
  check(): void {
    this.wake?.();
  }

  get attempts(): number {
    return this.backoff.attempts;
  }

  private async loop(): Promise<void> {
    const { health, clock, log } = this.ctx;
    while (!this.stopped) {
      this.controller = new AbortController();
      const started = clock.now();
      let wasLive = false;
      if (health.status !== 'degraded' || this.lastError === null) health.setStatus('connecting', this.lastError?.message ?? null, this.lastError?.problem);
      try {
        await this.session(this.controller.signal, (degraded) => {
          wasLive = true;
          this.lastError = null;
          if (degraded) health.setStatus('degraded', degraded.message, degraded.problem);
          else health.setStatus('live', null);
        });
        if (this.stopped) break;
        this.lastError = transientError(`${this.opts.vendorLabel}: the connection closed; reconnecting`).as('feed_closed');
      } catch (e) {
        if (this.stopped || (isAbortError(e) && this.stopped)) break;
        this.lastError = classify(e);
      }
      const err = this.lastError!;
      this.backoff.sessionEnded(wasLive ? clock.now() - started : 0);
      if (err.kind === 'auth') {
        log.warn(`authentication failed: ${err.message}`);
        health.setStatus('auth_failed', err.message, err.problem);
        break;
      }
      if (err.kind === 'config' || err.kind === 'fatal') {
        log.error(`stopped: ${err.message}`);
        health.setStatus('down', err.message, err.problem);
        break;
      }
      const delay = err.retryAt !== null ? Math.max(0, err.retryAt - clock.now()) : this.backoff.next();
      const status = err.degraded ? 'degraded' : 'down';
      // A change of status logs the error (or that it is the same one); otherwise it goes here.
      const logged = health.status !== status;
      health.setStatus(status, err.message, err.problem);
      log.info(`retrying in ${Math.round(delay / 1000)} s${logged ? '' : `: ${err.message}`}`);
      await this.waitOrWake(delay);
    }
  }

  private waitOrWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const h = this.ctx.clock.setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.ctx.clock.clearTimeout(h);
        this.wake = null;
        resolve();
      };
    });
  }
}
