/**
 * The Avaya AXP connector: one Supervisor session runs every producer's stream. The session is live
 * once every stream's WebSocket is confirmed; a stream that ends ends the session, and the next one
 * reuses the token and the subscriptions still valid (the new snapshots replace the old entities).
 * stop() closes the sockets and deletes our subscriptions within ~3 s.
 */
import type { AvayaSourceConfig } from '../../../shared/sources';
import { registerSecret } from '../../util/redact';
import { abortError } from '../../util/clock';
import { Supervisor } from '../supervisor';
import { transientError, type ConnectorError } from '../errors';
import type { Connector, ConnectorContext } from '../types';
import { AxpApi } from './api';
import { TokenManager, tokenUrl } from './auth';
import { LABEL, resolveSettings, type AvayaSettings } from './config';
import { Discovery } from './discovery';
import { defaultWebSocketFactory, type WebSocketFactory } from './socket';
import { ProducerStream } from './stream';
import { SubscriptionManager } from './subscriptions';
import { problem } from '../../../shared/problems';

export class AvayaConnector implements Connector {
  readonly settings: AvayaSettings;
  readonly tokens: TokenManager;
  readonly api: AxpApi;
  readonly subs: SubscriptionManager;
  private readonly discovery: Discovery;
  private readonly supervisor: Supervisor;
  private readonly webSocket: WebSocketFactory;
  private streams: ProducerStream[] = [];
  private readonly failures = new Set<string>();
  private stopping: Promise<void> | null = null;

  constructor(private readonly ctx: ConnectorContext<AvayaSourceConfig>) {
    this.settings = resolveSettings(ctx.config, ctx.factories);
    const s = this.settings;
    for (const secret of [s.clientSecret, s.appKey]) registerSecret(secret);
    const http = { fetch: ctx.fetch, clock: ctx.clock, appKey: s.appKey, timeoutMs: s.timings.requestTimeoutMs };
    this.tokens = new TokenManager(http, tokenUrl(s.baseUrl, s.accountId), s.clientId, s.clientSecret, (t) => {
      ctx.health.setInfo('tokenExpiresAt', t.expiresAt);
      ctx.health.setInfo('tokens', this.tokens.issued);
    });
    this.api = new AxpApi(http, this.tokens, s.baseUrl, s.accountId);
    this.subs = new SubscriptionManager(this.api, this.tokens, ctx.clock, ctx.log, ctx.health, s.timings);
    this.discovery = new Discovery(this.api, ctx.health, ctx.log);
    this.webSocket = (ctx.factories.avayaWebSocket as WebSocketFactory | undefined) ?? defaultWebSocketFactory;
    this.supervisor = new Supervisor(ctx, (signal, live) => this.session(signal, live), {
      vendorLabel: LABEL,
      baseMs: s.timings.backoffBaseMs,
      capMs: s.timings.backoffCapMs,
      stableMs: s.timings.stableMs,
    });
  }

  start(): void {
    this.ctx.health.setMode('WebSocket');
    this.ctx.health.setInfo('account', this.settings.accountId);
    this.supervisor.start();
  }

  check(): void {
    this.supervisor.check();
    for (const s of this.streams) s.check();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.supervisor.stop();
      const deleted = await this.subs.deleteAll();
      if (deleted.length) this.ctx.log.info(`deleted ${deleted.length} subscription(s)`);
    })();
    return this.stopping;
  }

  private async session(signal: AbortSignal, live: () => void): Promise<void> {
    const { ctx, settings } = this;
    await this.tokens.get(signal);
    await this.discovery.run(settings.producers, signal);
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const confirmed = new Set<string>();
    const pending = new Set<string>();
    const streams = settings.producers.map(
      (producerId) =>
        new ProducerStream(
          {
            ctx,
            settings,
            tokens: this.tokens,
            subs: this.subs,
            webSocket: this.webSocket,
            catalog: (p) => this.discovery.catalog(p),
            labels: (p) => this.discovery.labels(p),
            firstFailure: (kind) => {
              const first = !this.failures.has(kind);
              this.failures.add(kind);
              return first;
            },
            onConfirmed: (p) => {
              confirmed.add(p);
              pending.delete(p);
              if (confirmed.size === streams.length) {
                this.failures.clear();
                live();
              } else if (pending.size) {
                this.showPending(pending);
              }
            },
          },
          producerId,
        ),
    );
    this.streams = streams;
    // Renewal trouble ends the session like a failed stream does.
    let failSession: (e: unknown) => void = () => undefined;
    const failed = new Promise<never>((_resolve, reject) => {
      failSession = reject;
    });
    failed.catch(() => undefined);
    this.subs.attach({
      pending: (p) => {
        if (pending.has(p)) return;
        pending.add(p);
        this.showPending(pending);
      },
      lost: (_p, reason) => failSession(transientError(reason, ctx.clock.now(), true).as('subscription_renewing')),
      fatal: (err: ConnectorError) => failSession(err),
    });
    const runs = streams.map((s) => s.run(inner.signal));
    try {
      // Every run rejects; the first rejection ends the session.
      await Promise.race([...runs, failed]);
    } finally {
      inner.abort();
      signal.removeEventListener('abort', onAbort);
      await Promise.allSettled(runs);
      this.subs.detach();
      this.streams = [];
    }
    // Not reached: the race above always rejects.
    throw abortError();
  }

  private showPending(pending: Set<string>): void {
    this.ctx.health.setStatus('degraded', `${LABEL}: waiting for the subscription to become ACTIVE (${[...pending].join(', ')})`, problem('subscription_pending'));
  }
}
