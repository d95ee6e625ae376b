/**
 * The remote collector's picture as normalized events for this source: a snapshot replaces everything
 * (what it no longer lists is removed; what it lists but could not read keeps its last good copy), a
 * patch upserts and removes whole entities. It also keeps what the events alone cannot: the remote
 * sources (their statuses make this source live or degraded, and their outages are alerts here), which
 * of them the mirror holds anything of yet, the entities the last snapshot could not read, the vendor
 * alerts it raised here, and how far the remote Events log was read.
 *
 * What a remote *collector* source mirrors is not mirrored again: chains of collectors are not needed
 * (a tray app can read the first one directly), and this makes a loop of collectors harmless.
 */
import type { NormalizedEvent } from '../../state/events';
import {
  agentEvent,
  LINKED_VENDOR_ALERT_SEC,
  lineEvent,
  logEvent,
  MIRROR_SCOPE,
  queueEvent,
  siteEvent,
  UNLINKED_VENDOR_ALERT_SEC,
  unseenLog,
  upstreamEvent,
  upstreamGone,
  vendorAlertEvent,
  vendorAlertOf,
} from './mapping';
import type { MirrorFacts } from './remote-status';
import { noRejections, type Entities, type KeyedList, type Rejections, type RemoteAlert, type RemoteLog, type RemotePatch, type RemoteSnapshot, type RemoteSource } from './wire';

type VendorTarget = NonNullable<ReturnType<typeof vendorAlertOf>>;

/** The last remote Events entry mirrored. */
export interface LogCursor {
  at: number;
  id: number;
}

/**
 * Where the log cursor is kept. It belongs to the source, not to one connector: a connector started
 * again (the source switched off and on, its address edited) must not mirror again what the Events
 * log already holds.
 */
export interface LogCursorStore {
  get(): LogCursor | null;
  set(cursor: LogCursor): void;
}

export function memoryCursor(): LogCursorStore {
  let cursor: LogCursor | null = null;
  return { get: () => cursor, set: (c) => void (cursor = c) };
}

/** The cursor of source `sourceId` in the engine's shared map (`ctx.shared`), which outlives its connectors. */
export function sharedCursor(shared: Map<string, unknown>, sourceId: string): LogCursorStore {
  const key = `collector.logCursor:${sourceId}`;
  return { get: () => (shared.get(key) as LogCursor | undefined) ?? null, set: (c) => void shared.set(key, c) };
}

export interface PatchResult {
  events: NormalizedEvent[];
  /** The remote sources, what the mirror holds of them or its unreadable entities changed: the status may have to follow. */
  statusChanged: boolean;
}

/** Whether a remote source's health, as the alerts here tell it, differs. */
function healthChanged(prev: RemoteSource | undefined, next: RemoteSource): boolean {
  return (
    !prev ||
    prev.status !== next.status ||
    prev.lastError !== next.lastError ||
    prev.name !== next.name ||
    prev.vendor !== next.vendor ||
    prev.statusSince !== next.statusSince ||
    prev.problem?.code !== next.problem?.code
  );
}

const KEYED_LISTS: readonly KeyedList[] = ['sources', 'agents', 'queues', 'sites', 'lines'];

/** Whether the entities of a remote source are mirrored: all but a remote collector source's (see the file's comment). */
export function mirrors(sources: ReadonlyMap<string, RemoteSource>, remoteSourceId: string): boolean {
  return sources.get(remoteSourceId)?.vendor !== 'collector';
}

export class Mirror implements MirrorFacts {
  private sources = new Map<string, RemoteSource>();
  /** Remote alert id → the vendor alert it keeps raised here, and the remote alert as last heard. */
  private vendorAlerts = new Map<string, { target: VendorTarget; alert: RemoteAlert }>();
  /** Remote sources the mirror received an entity of since the last snapshot. */
  private holding = new Set<string>();
  /** Entities the last snapshot listed but could not read (`{list}|{key}`), not replaced since: their last good copies stand. */
  private unusableKeys = new Set<string>();
  /** …and those of them that named no key: only the next snapshot settles them. */
  private unusableUnnamed = 0;

  constructor(
    private readonly sourceId: string,
    private readonly logCursor: LogCursorStore = memoryCursor(),
  ) {}

  remoteSources(): RemoteSource[] {
    return [...this.sources.values()];
  }

  holds(remoteSourceId: string): boolean {
    return this.holding.has(remoteSourceId);
  }

  get unusable(): number {
    return this.unusableKeys.size + this.unusableUnnamed;
  }

  snapshot(s: RemoteSnapshot, rejected: Rejections = noRejections()): NormalizedEvent[] {
    const before = this.sources;
    this.sources = new Map(s.sources.map((src) => [src.id, src]));
    const events = this.snapshotUpstreams(before);
    this.holding = new Set();
    events.push(...this.upserts(s));
    // An entity listed but unreadable is still there: its last good copy stays rather than vanish.
    const ids = (list: { key: string; sourceId: string }[], unreadable: string[]) => [...list.filter((e) => this.mirrored(e.sourceId)).map((e) => e.key), ...unreadable];
    events.push(
      { type: 'sync', collection: 'agents', scope: MIRROR_SCOPE, ids: ids(s.agents, rejected.keys.agents) },
      { type: 'sync', collection: 'queues', scope: MIRROR_SCOPE, ids: ids(s.queues, rejected.keys.queues) },
      { type: 'sync', collection: 'sites', scope: MIRROR_SCOPE, ids: ids(s.sites, rejected.keys.sites) },
      { type: 'sync', collection: 'lines', scope: MIRROR_SCOPE, ids: ids(s.lines, rejected.keys.lines) },
    );
    this.unusableKeys = new Set(KEYED_LISTS.flatMap((list) => rejected.keys[list].map((key) => `${list}|${key}`)));
    this.unusableUnnamed = rejected.unnamed;
    // Vendor alerts the collector no longer has firing ended while this source was not listening.
    const held = [...this.vendorAlerts.values()];
    this.vendorAlerts = new Map();
    events.push(...this.alertEvents(s.alerts));
    for (const { target } of held) if (!this.raising(target)) events.push(vendorAlertEvent(target, 0));
    events.push(...this.logEvents(unseenLog(s.log, this.logCursor.get())));
    return events;
  }

  patch(p: RemotePatch): PatchResult {
    const events = this.patchUpstreams(p);
    const held = this.holding.size;
    const unusable = this.unusable;
    events.push(...this.upserts(p));
    events.push(...this.alertEvents(p.alerts));
    for (const id of p.remove.agents) events.push({ type: 'agent.remove', id });
    for (const id of p.remove.queues) events.push({ type: 'queue.remove', id });
    for (const ip of p.remove.sites) events.push({ type: 'site.remove', ip });
    for (const user of p.remove.lines) events.push({ type: 'line.remove', user });
    for (const id of p.remove.alerts) {
      const v = this.vendorAlerts.get(id);
      if (!v) continue;
      this.vendorAlerts.delete(id);
      if (!this.raising(v.target)) events.push(vendorAlertEvent(v.target, 0));
    }
    if (this.unusableKeys.size) this.settleUnusable(p);
    events.push(...this.logEvents(p.log));
    const sourcesChanged = p.sources.length > 0 || p.remove.sources.length > 0;
    return { events, statusChanged: sourcesChanged || this.holding.size !== held || this.unusable !== unusable };
  }

  /**
   * The link is lost: the collector can no longer say when the vendor alerts kept up here end, so each
   * now lasts at most `UNLINKED_VENDOR_ALERT_SEC` (the next snapshot raises again those still firing).
   */
  linkLost(): NormalizedEvent[] {
    return [...this.vendorAlerts.values()].map(({ target, alert }) => vendorAlertEvent(target, UNLINKED_VENDOR_ALERT_SEC, alert));
  }

  /** Entities of a remote source that is itself a collector are not mirrored (see the file's comment). */
  private mirrored(remoteSourceId: string): boolean {
    return mirrors(this.sources, remoteSourceId);
  }

  /** The health of each remote source whose health changed, and the end of those no longer listed. */
  private snapshotUpstreams(before: Map<string, RemoteSource>): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const src of this.sources.values()) if (src.vendor !== 'collector' && healthChanged(before.get(src.id), src)) events.push(upstreamEvent(src));
    for (const [id, src] of before) if (!this.sources.has(id) && src.vendor !== 'collector') events.push(upstreamGone(id));
    return events;
  }

  private patchUpstreams(p: RemotePatch): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const src of p.sources) {
      const prev = this.sources.get(src.id);
      this.sources.set(src.id, src);
      if (src.vendor !== 'collector' && healthChanged(prev, src)) events.push(upstreamEvent(src));
    }
    for (const id of p.remove.sources) {
      const prev = this.sources.get(id);
      if (!prev) continue;
      this.sources.delete(id);
      if (prev.vendor !== 'collector') events.push(upstreamGone(id));
    }
    return events;
  }

  private upserts(e: Entities): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const q of e.queues) if (this.take(q.sourceId)) events.push(queueEvent(q));
    for (const a of e.agents) if (this.take(a.sourceId)) events.push(agentEvent(this.sourceId, a));
    for (const s of e.sites) if (this.take(s.sourceId)) events.push(siteEvent(s));
    for (const l of e.lines) if (this.take(l.sourceId)) events.push(lineEvent(l));
    return events;
  }

  /** Whether an entity of this remote source is mirrored, noting that the mirror now holds something of it. */
  private take(remoteSourceId: string): boolean {
    if (!this.mirrored(remoteSourceId)) return false;
    this.holding.add(remoteSourceId);
    return true;
  }

  /** Unreadable entities of the last snapshot that a patch replaced or removed are settled. */
  private settleUnusable(p: RemotePatch): void {
    const settle = (list: KeyedList, key: string) => this.unusableKeys.delete(`${list}|${key}`);
    for (const s of p.sources) settle('sources', s.id);
    for (const list of ['agents', 'queues', 'sites', 'lines'] as const) {
      for (const e of p[list]) settle(list, e.key);
      for (const key of p.remove[list]) settle(list, key);
    }
    for (const id of p.remove.sources) settle('sources', id);
  }

  private alertEvents(alerts: RemoteAlert[]): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const a of alerts) {
      const target = vendorAlertOf(a);
      if (!target || (a.sourceId !== undefined && !this.mirrored(a.sourceId))) continue;
      if (a.state === 'firing') {
        this.vendorAlerts.set(a.id, { target, alert: a });
        events.push(vendorAlertEvent(target, LINKED_VENDOR_ALERT_SEC, a));
      } else if (this.vendorAlerts.delete(a.id) && !this.raising(target)) {
        events.push(vendorAlertEvent(target, 0));
      }
    }
    return events;
  }

  /** Whether another remote alert (of another rule there) still keeps this vendor alert raised here. */
  private raising(target: VendorTarget): boolean {
    for (const v of this.vendorAlerts.values()) if (v.target.metric === target.metric && v.target.queueId === target.queueId) return true;
    return false;
  }

  /** Log entries not mirrored yet (a patch's are always new), each saying which remote source it is from. */
  private logEvents(entries: RemoteLog[]): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const entry of entries) {
      if (!this.mirrored(entry.sourceId)) continue;
      events.push(logEvent(entry, this.sources.get(entry.sourceId)?.name || entry.sourceId));
    }
    const last = entries[entries.length - 1];
    if (last) this.logCursor.set({ at: last.at, id: last.id });
    return events;
  }
}
