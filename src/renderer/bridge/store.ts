/**
 * The client-side picture: one Map per collection keyed by entity key, fed by the host's snapshot and
 * patches. Changes are applied at once (O(changes)) but published to React at most once per animation
 * frame, so a burst of patches costs one render.
 */
import type { Alert, Collection, EntityByCollection, LogEntry, Patch, Snapshot } from '../../shared/model';
import { COLLECTIONS } from '../../shared/model';
import { trimLog } from '../../shared/log-trim';
import { ClockOffset } from './offset';

export type Topic = Collection | 'log' | 'meta';
const TOPICS: Topic[] = [...COLLECTIONS, 'log', 'meta'];
/** Event log lines kept: as many as the host keeps. */
export const LOG_CAPACITY = 2000;
const MAX_BUFFERED = 500;

export type Scheduler = (fn: () => void) => void;

/** requestAnimationFrame while visible; a timer otherwise (hidden tabs get no frames). */
export const frameScheduler: Scheduler = (fn) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
    requestAnimationFrame(() => fn());
  } else {
    setTimeout(fn, 16);
  }
};

export class ClientStore {
  readonly agents = new Map<string, EntityByCollection['agents']>();
  readonly queues = new Map<string, EntityByCollection['queues']>();
  readonly sites = new Map<string, EntityByCollection['sites']>();
  readonly lines = new Map<string, EntityByCollection['lines']>();
  readonly sources = new Map<string, EntityByCollection['sources']>();
  readonly alerts = new Map<string, Alert>();
  /** Event log, oldest first, bounded. */
  log: LogEntry[] = [];
  /** Host time of the last snapshot; null until the first one arrives. */
  loadedAt: number | null = null;
  readonly offset = new ClockOffset();

  private readonly pending = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  private readonly published = { ...this.pending };
  private readonly listeners = new Set<() => void>();
  private readonly raisedListeners = new Set<(alert: Alert) => void>();
  private buffered: Patch[] = [];
  private scheduled = false;

  constructor(private readonly schedule: Scheduler = frameScheduler) {}

  private map<C extends Collection>(c: C): Map<string, EntityByCollection[C]> {
    return this[c] as unknown as Map<string, EntityByCollection[C]>;
  }

  /** Replaces everything (first connection and every reconnect). */
  applySnapshot(s: Snapshot, receivedAt = Date.now()): void {
    this.offset.sample(s.at, receivedAt, true);
    for (const c of COLLECTIONS) {
      const m = this.map(c);
      m.clear();
      const list = (c === 'lines' ? (s.lines ?? []) : s[c]) as EntityByCollection[typeof c][];
      for (const e of list) m.set(entityId(c, e), e);
      this.pending[c]++;
    }
    this.log = (s.log ?? []).slice(-LOG_CAPACITY);
    this.pending.log++;
    this.loadedAt = s.at;
    this.pending.meta++;
    const early = this.buffered.filter((p) => p.at >= s.at);
    this.buffered = [];
    for (const p of early) this.applyPatch(p, receivedAt);
    this.request();
  }

  /**
   * Lines older than the first one held (a snapshot carries the last 200; the host keeps more), put
   * before it, within the capacity (trimmed as the host trims). Lines already held, or newer, are ignored.
   */
  prependLog(older: readonly LogEntry[]): void {
    if (this.loadedAt === null) return;
    const first = this.log[0]?.id ?? Infinity;
    const before = older.filter((e) => e.id < first).sort((a, b) => a.id - b.id);
    if (!before.length) return;
    this.log = trimLog(before.concat(this.log), LOG_CAPACITY);
    this.pending.log++;
    this.request();
  }

  applyPatch(p: Patch, receivedAt = Date.now()): void {
    if (this.loadedAt === null) {
      if (this.buffered.length < MAX_BUFFERED) this.buffered.push(p);
      return;
    }
    this.offset.sample(p.at, receivedAt, false);
    for (const c of COLLECTIONS) {
      const up = p.upsert?.[c] as EntityByCollection[typeof c][] | undefined;
      const rm = p.remove?.[c];
      if (!up?.length && !rm?.length) continue;
      const m = this.map(c);
      if (rm) for (const k of rm) m.delete(k);
      if (up) {
        for (const e of up) {
          const id = entityId(c, e);
          if (c === 'alerts') this.checkRaised(e as Alert, m.get(id) as Alert | undefined);
          m.set(id, e);
        }
      }
      this.pending[c]++;
    }
    if (p.log?.length) {
      const next = this.log.concat(p.log);
      this.log = next.length > LOG_CAPACITY ? trimLog(next, LOG_CAPACITY) : next;
      this.pending.log++;
    }
    this.request();
  }

  private checkRaised(next: Alert, prev: Alert | undefined): void {
    if (next.severity !== 'critical' || next.state !== 'firing' || next.suppressed || next.acknowledged) return;
    if (prev && prev.state === 'firing') return;
    for (const l of this.raisedListeners) l(next);
  }

  /** Applies a command's answer at once (the host's next patch carries the same entity). */
  upsertLocal<C extends Collection>(c: C, entities: EntityByCollection[C][]): void {
    if (!entities.length) return;
    const m = this.map(c);
    for (const e of entities) m.set(entityId(c, e), e);
    this.pending[c]++;
    this.request();
  }

  /** Called for every critical alert that starts firing after the first snapshot. */
  onCriticalRaised(listener: (alert: Alert) => void): () => void {
    this.raisedListeners.add(listener);
    return () => this.raisedListeners.delete(listener);
  }

  /** Marks local state (connection, settings) as changed. */
  touch(topic: Topic = 'meta'): void {
    this.pending[topic]++;
    this.request();
  }

  private request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Publishes pending changes to subscribers now. */
  flush(): void {
    this.scheduled = false;
    let changed = false;
    for (const t of TOPICS) {
      if (this.published[t] !== this.pending[t]) {
        this.published[t] = this.pending[t];
        changed = true;
      }
    }
    if (changed) for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Published version of a topic: changes once per frame at most. */
  version(topic: Topic): number {
    return this.published[topic];
  }

  /** Current time on the host's clock (entity timestamps are host times). */
  now(): number {
    return this.offset.hostNow(Date.now());
  }
}

function entityId(c: Collection, e: unknown): string {
  const rec = e as { key?: string; id?: string };
  return (c === 'sources' || c === 'alerts' ? rec.id : rec.key) ?? '';
}
