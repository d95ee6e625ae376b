/**
 * The tray app's optional local webhook receiver (settings.app.webhookPort > 0), on loopback: Telphin
 * reaches it through the user's reverse proxy or tunnel. Restarted when the port setting changes; what
 * it last did (listening, or the port it could not take) is shown under the setting.
 */
import type { Server } from 'node:http';
import type { WebhookReceiverState } from '../shared/bridge';
import type { WebhookRegistry } from '../core/webhooks';
import type { Logger } from '../core/util/logger';
import { systemClock, type Clock, type TimerHandle } from '../core/util/clock';

export type StartReceiver = (opts: { registry: WebhookRegistry; host?: string; port: number; logger: Logger }) => Promise<{ server: Server; port: number; close(): Promise<void> }>;

/** A port another program holds is tried again this often: it may be freed (a restart of that program). */
export const RETRY_PORT_MS = 60_000;

export class WebhookPort {
  private current: { port: number; close(): Promise<void> } | null = null;
  private pending: Promise<void> = Promise.resolve();
  private last: WebhookReceiverState = { port: 0, listening: false, error: null };
  private retry: TimerHandle | null = null;

  constructor(
    private readonly start: StartReceiver,
    private readonly registry: WebhookRegistry,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    registry.setReceiver({ listening: false, port: 0, error: null });
  }

  /**
   * Listens on `port` (0: off); a port already in use is logged with what to do, never fatal, and
   * tried again every minute. Telphin sources that wait for webhooks are told (see `setReceiver`).
   */
  apply(port: number): Promise<void> {
    this.pending = this.pending.then(async () => {
      this.cancelRetry();
      if (port <= 0) {
        await this.close();
        this.set({ port: 0, listening: false, error: null });
        return;
      }
      if (this.current?.port === port) return;
      await this.close();
      try {
        const receiver = await this.start({ registry: this.registry, host: '127.0.0.1', port, logger: this.log });
        this.current = { port, close: receiver.close };
        this.set({ port, listening: true, error: null });
        this.log.info(`webhook receiver listening on http://127.0.0.1:${receiver.port}/hooks/`);
      } catch (e) {
        const code = (e as { code?: unknown } | null)?.code;
        const retried = this.last.port === port && this.last.error !== null;
        this.set({ port, listening: false, error: typeof code === 'string' ? code : 'failed' });
        if (!retried) this.log.error(`the webhook receiver could not listen on port ${port}: choose another port in Settings → Application; trying it again every minute`, e);
        this.retry = this.clock.setTimeout(() => {
          this.retry = null;
          void this.apply(port);
        }, RETRY_PORT_MS);
      }
    });
    return this.pending;
  }

  private set(state: WebhookReceiverState): void {
    this.last = state;
    this.registry.setReceiver(state.listening ? { listening: true } : { listening: false, port: state.port, error: state.error });
  }

  private cancelRetry(): void {
    this.clock.clearTimeout(this.retry);
    this.retry = null;
  }

  /** What the receiver last did: listening on its port, off, or the error that kept it from listening. */
  state(): WebhookReceiverState {
    return { ...this.last };
  }

  async close(): Promise<void> {
    this.cancelRetry();
    const current = this.current;
    this.current = null;
    await current?.close();
  }
}
