/**
 * The Axialys connector: one Supervisor-run session after another (capped jittered backoff, auth
 * failures stop with a message), with the names directory, memory and event counter kept across them
 * so reconnects neither duplicate nor lose what the stream reported.
 */
import type { AxialysSourceConfig } from '../../../shared/sources';
import { Supervisor } from '../supervisor';
import type { Connector, ConnectorContext } from '../types';
import { AxialysAuth } from './auth';
import { Feed } from './feed';
import { AxialysSession } from './session';
import { defaultSocketFactory, type AxSocketFactory } from './socket';

/** The socket factory: real Socket.IO clients unless the context provides `axialysSocket` (tests). */
export function socketFactoryOf(ctx: ConnectorContext<AxialysSourceConfig>): AxSocketFactory {
  const injected = ctx.factories.axialysSocket;
  return typeof injected === 'function' ? (injected as AxSocketFactory) : defaultSocketFactory;
}

export class AxialysConnector implements Connector {
  private readonly supervisor: Supervisor;
  private readonly auth: AxialysAuth;
  private readonly feed: Feed;
  private current: AxialysSession | null = null;

  constructor(private readonly ctx: ConnectorContext<AxialysSourceConfig>) {
    this.auth = new AxialysAuth({ config: ctx.config, fetch: ctx.fetch, clock: ctx.clock });
    this.feed = new Feed(ctx);
    const factory = socketFactoryOf(ctx);
    this.supervisor = new Supervisor(
      ctx,
      async (signal, live) => {
        const session = new AxialysSession(ctx, this.auth, this.feed, factory);
        this.current = session;
        try {
          await session.run(signal, live);
        } finally {
          if (this.current === session) this.current = null;
        }
      },
      { vendorLabel: 'Axialys', baseMs: 1000, capMs: 60_000, stableMs: 60_000 },
    );
  }

  start(): void {
    this.ctx.health.setInfo('authMode', this.ctx.config.mode);
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.feed.dispose();
  }

  check(): void {
    this.current?.check();
    this.supervisor.check();
  }
}
