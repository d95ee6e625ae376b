/**
 * The tray app's optional local webhook receiver (settings.app.webhookPort > 0), on loopback: Telphin
 * reaches it through the user's reverse proxy or tunnel. Restarted when the port setting changes.
 */
import type { Server } from 'node:http';
import type { WebhookRegistry } from '../core/webhooks';
import type { Logger } from '../core/util/logger';

export type StartReceiver = (opts: { registry: WebhookRegistry; host?: string; port: number; logger: Logger }) => Promise<{ server: Server; port: number; close(): Promise<void> }>;

export class WebhookPort {
  private current: { port: number; close(): Promise<void> } | null = null;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly start: StartReceiver,
    private readonly registry: WebhookRegistry,
    private readonly log: Logger,
  ) {}

  /** Listens on `port` (0: off); a port already in use is logged with what to do, never fatal. */
  apply(port: number): Promise<void> {
    this.pending = this.pending.then(async () => {
      if ((this.current?.port ?? 0) === port) return;
      await this.close();
      if (port <= 0) return;
      try {
        const receiver = await this.start({ registry: this.registry, host: '127.0.0.1', port, logger: this.log });
        this.current = { port, close: receiver.close };
        this.log.info(`webhook receiver listening on http://127.0.0.1:${receiver.port}/hooks/`);
      } catch (e) {
        this.log.error(`the webhook receiver could not listen on port ${port}: choose another port in Settings → App`, e);
      }
    });
    return this.pending;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.close();
  }
}
