/**
 * The remote collector's picture as normalized events for this source: a snapshot replaces everything
 * (what it no longer lists is removed), a patch upserts and removes whole entities. It also keeps what
 * the events alone cannot: the remote sources (their statuses make this source live or degraded), the
 * vendor alerts it raised here, and how far the remote Events log was read.
 *
 * What a remote *collector* source mirrors is not mirrored again: chains of collectors are not needed
 * (a tray app can read the first one directly), and this makes a loop of collectors harmless.
 */
import type { NormalizedEvent } from '../../state/events';
import { agentEvent, lineEvent, logEvent, MIRROR_SCOPE, MIRRORED_VENDOR_ALERT_SEC, queueEvent, siteEvent, unseenLog, vendorAlertEvent, vendorAlertOf } from './mapping';
import type { Entities, RemoteAlert, RemoteLog, RemotePatch, RemoteSnapshot, RemoteSource } from './wire';

type VendorTarget = NonNullable<ReturnType<typeof vendorAlertOf>>;

export class Mirror {
  private sources = new Map<string, RemoteSource>();
  /** Remote alert id → the vendor alert it keeps raised here. */
  private vendorAlerts = new Map<string, VendorTarget>();
  private lastLog: { at: number; id: number } | null = null;

  constructor(private readonly sourceId: string) {}

  remoteSources(): RemoteSource[] {
    return [...this.sources.values()];
  }

  snapshot(s: RemoteSnapshot): NormalizedEvent[] {
    this.sources = new Map(s.sources.map((src) => [src.id, src]));
    const events = this.upserts(s);
    const ids = (list: { key: string; sourceId: string }[]) => list.filter((e) => this.mirrored(e.sourceId)).map((e) => e.key);
    events.push(
      { type: 'sync', collection: 'agents', scope: MIRROR_SCOPE, ids: ids(s.agents) },
      { type: 'sync', collection: 'queues', scope: MIRROR_SCOPE, ids: ids(s.queues) },
      { type: 'sync', collection: 'sites', scope: MIRROR_SCOPE, ids: ids(s.sites) },
      { type: 'sync', collection: 'lines', scope: MIRROR_SCOPE, ids: ids(s.lines) },
    );
    // Vendor alerts the collector no longer has firing ended while this source was not listening.
    const before = this.vendorAlerts;
    this.vendorAlerts = new Map();
    events.push(...this.alertEvents(s.alerts));
    const raised = new Set([...this.vendorAlerts.values()].map(targetKey));
    for (const t of before.values()) if (!raised.has(targetKey(t))) events.push(vendorAlertEvent(t, 0));
    events.push(...this.logEvents(unseenLog(s.log, this.lastLog)));
    return events;
  }

  /** The patch as events, and whether the remote sources changed (the status may have to follow). */
  patch(p: RemotePatch): { events: NormalizedEvent[]; sourcesChanged: boolean } {
    for (const src of p.sources) this.sources.set(src.id, src);
    for (const id of p.remove.sources) this.sources.delete(id);
    const events = this.upserts(p);
    events.push(...this.alertEvents(p.alerts));
    for (const id of p.remove.agents) events.push({ type: 'agent.remove', id });
    for (const id of p.remove.queues) events.push({ type: 'queue.remove', id });
    for (const ip of p.remove.sites) events.push({ type: 'site.remove', ip });
    for (const user of p.remove.lines) events.push({ type: 'line.remove', user });
    for (const id of p.remove.alerts) {
      const t = this.vendorAlerts.get(id);
      if (!t) continue;
      this.vendorAlerts.delete(id);
      events.push(vendorAlertEvent(t, 0));
    }
    events.push(...this.logEvents(p.log));
    return { events, sourcesChanged: p.sources.length > 0 || p.remove.sources.length > 0 };
  }

  /** Entities of a remote source that is itself a collector are not mirrored (see the file's comment). */
  private mirrored(remoteSourceId: string): boolean {
    return this.sources.get(remoteSourceId)?.vendor !== 'collector';
  }

  private upserts(e: Entities): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const q of e.queues) if (this.mirrored(q.sourceId)) events.push(queueEvent(q));
    for (const a of e.agents) if (this.mirrored(a.sourceId)) events.push(agentEvent(this.sourceId, a));
    for (const s of e.sites) if (this.mirrored(s.sourceId)) events.push(siteEvent(s));
    for (const l of e.lines) if (this.mirrored(l.sourceId)) events.push(lineEvent(l));
    return events;
  }

  private alertEvents(alerts: RemoteAlert[]): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const a of alerts) {
      const target = vendorAlertOf(a);
      if (!target || (a.sourceId !== undefined && !this.mirrored(a.sourceId))) continue;
      if (a.state === 'firing') {
        this.vendorAlerts.set(a.id, target);
        events.push(vendorAlertEvent(target, MIRRORED_VENDOR_ALERT_SEC, a));
      } else if (this.vendorAlerts.delete(a.id)) {
        events.push(vendorAlertEvent(target, 0));
      }
    }
    return events;
  }

  /** Log entries not mirrored yet (a patch's are always new), each saying which remote source it is from. */
  private logEvents(entries: RemoteLog[]): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const entry of entries) {
      this.lastLog = { at: entry.at, id: entry.id };
      if (!this.mirrored(entry.sourceId)) continue;
      events.push(logEvent(entry, this.sources.get(entry.sourceId)?.name || entry.sourceId));
    }
    return events;
  }
}

const targetKey = (t: VendorTarget) => `${t.metric}|${t.queueId}`;
