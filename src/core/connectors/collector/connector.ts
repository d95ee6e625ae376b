/**
 * Team mode: this source reads another collector's stream and mirrors its agents, queues, sites and
 * lines here, so that one collector polls the vendors and every team lead's tray app reads it. Alerts
 * are this engine's own, evaluated on the mirrored data with the lead's rules and notification
 * settings; only alerts the vendor raised itself (Axialys) are mirrored, since nothing here could
 * raise them again. A Supervisor session per connection: reconnect with backoff, stop on a refused
 * token or an address that must not carry it.
 */
import type { CollectorSourceConfig } from '../../../shared/sources';
import { registerSecret } from '../../util/redact';
import { Supervisor, type Session } from '../supervisor';
import type { Connector, ConnectorContext } from '../types';
import { LABEL, resolveSettings, streamHeaders, type CollectorSettings } from './config';
import type { LinkWatch } from './link';
import { Mirror, sharedCursor } from './mirror';
import { insecureAddress } from './insecure';
import { openStream } from './socket';
import { converse } from './stream';

export class CollectorConnector implements Connector {
  readonly settings: CollectorSettings;
  private readonly supervisor: Supervisor;
  private readonly mirror: Mirror;
  private link: LinkWatch | null = null;

  constructor(private readonly ctx: ConnectorContext<CollectorSourceConfig>) {
    this.settings = resolveSettings(ctx.config, ctx.factories);
    registerSecret(this.settings.accessToken);
    // How far the remote Events log was read outlives this connector: restarting it must not copy again what the log holds.
    this.mirror = new Mirror(ctx.sourceId, sharedCursor(ctx.shared, ctx.sourceId));
    const t = this.settings.timings;
    this.supervisor = new Supervisor(ctx, (signal, live) => this.session(signal, live), {
      vendorLabel: LABEL,
      baseMs: t.backoffBaseMs,
      capMs: t.backoffCapMs,
      stableMs: t.stableMs,
    });
  }

  start(): void {
    this.ctx.health.setMode('WebSocket');
    this.ctx.health.setInfo('host', this.settings.host);
    this.supervisor.start();
  }

  check(): void {
    this.supervisor.check();
    this.link?.checkNow();
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  private async session(signal: AbortSignal, live: Parameters<Session>[1]): Promise<void> {
    const { ctx, settings } = this;
    const insecure = insecureAddress(ctx.config);
    if (insecure) throw insecure;
    const ws = await openStream(settings, streamHeaders(settings.accessToken), ctx.clock, settings.timings.openTimeoutMs, signal);
    await converse(ws, { ctx, settings, mirror: this.mirror, onLink: (link) => (this.link = link) }, signal, live);
  }
}
