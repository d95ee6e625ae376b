/**
 * The live state: applies normalized events to entities in O(1) per event (plus the calls of the one
 * queue touched), records what changed for the next coalesced patch, and tells listeners (alerts,
 * history) exactly which entity changed — never a full scan per event.
 */
import {
  entityKey,
  type Agent,
  type Collection,
  type EntityByCollection,
  type Line,
  type LogEntry,
  type Patch,
  type Queue,
  type Site,
  type Snapshot,
  type Source,
} from '../../shared/model';
import { shownText } from '../../shared/unsafe-text';
import type { NormalizedEvent } from './events';
import { EventLog } from './event-log';
import { WaitingCalls, fillWaiting } from './waiting-calls';
import { Scopes } from './scopes';
import { EntityKeys } from './keys';
import { Changes } from './changes';
import { merged, mergedAgent, mergedExtra, mergedQueue, sameAgent, sameQueue } from './merge';

export type EntityCollection = 'agents' | 'queues' | 'sites' | 'lines';
export type ChangeListener = <C extends Collection>(
  collection: C,
  next: EntityByCollection[C] | null,
  prev: EntityByCollection[C] | null,
) => void;


function emptyAgent(key: string, sourceId: string, vendorId: string): Agent {
  return {
    key,
    sourceId,
    vendorId,
    name: vendorId,
    state: 'unknown',
    stateSince: null,
    pauseReason: null,
    vendorState: null,
    call: null,
    network: null,
  };
}

function emptyQueue(key: string, sourceId: string, vendorId: string, kind: Queue['kind'] = 'queue'): Queue {
  return {
    key,
    sourceId,
    vendorId,
    name: vendorId,
    kind,
    waiting: 0,
    longestWaitSec: null,
    offered: null,
    answered: null,
    abandoned: null,
    serviceLevelPct: null,
    agentsAvailable: null,
    oldestSince: null,
  };
}

export class LiveState {
  readonly agents = new Map<string, Agent>();
  readonly queues = new Map<string, Queue>();
  readonly sites = new Map<string, Site>();
  readonly lines = new Map<string, Line>();
  readonly sources = new Map<string, Source>();
  private readonly calls = new WaitingCalls();
  /** Keys per source, per collection (to remove a source's entities without a scan). */
  private readonly bySource = new Map<string, Record<EntityCollection, Set<string>>>();
  private readonly scopes = new Scopes();
  private readonly changes = new Changes();
  /** An array, not a set: it is read for every change and changed about never. */
  private listeners: readonly ChangeListener[] = [];
  private readonly log = new EventLog();
  private readonly keys = new EntityKeys();
  private extraAlerts: () => EntityByCollection['alerts'][] = () => [];

  onChange(listener: ChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The alert engine owns alerts; the store includes them in snapshots. */
  setAlertProvider(provider: () => EntityByCollection['alerts'][]): void {
    this.extraAlerts = provider;
  }

  // ---- sources -------------------------------------------------------------------------------
  upsertSource(source: Source): void {
    const prev = this.sources.get(source.id) ?? null;
    this.sources.set(source.id, source);
    this.markDirty('sources', source.id);
    this.notify('sources', source, prev);
  }

  /** Removes a source and every entity it reported. */
  removeSource(sourceId: string): void {
    this.clearSourceEntities(sourceId);
    this.keys.forget(sourceId);
    const prev = this.sources.get(sourceId);
    if (prev) {
      this.sources.delete(sourceId);
      this.markRemoved('sources', sourceId);
      this.notify('sources', null, prev);
    }
  }

  /** Removes every entity a source reported (its feed is being reset). */
  clearSourceEntities(sourceId: string): void {
    const idx = this.bySource.get(sourceId);
    if (!idx) return;
    for (const collection of ['agents', 'queues', 'sites', 'lines'] as const) {
      for (const key of [...idx[collection]]) this.removeEntity(collection, key);
    }
    this.bySource.delete(sourceId);
  }

  // ---- events --------------------------------------------------------------------------------
  apply(sourceId: string, ev: NormalizedEvent, now: number): void {
    switch (ev.type) {
      case 'agent':
        return this.applyAgent(sourceId, ev, now);
      case 'agent.remove':
        return this.removeReported('agents', sourceId, ev.id, ev.scope);
      case 'queue':
        return this.applyQueue(sourceId, ev, now);
      case 'queue.remove':
        return this.removeReported('queues', sourceId, ev.id, ev.scope);
      case 'call.enter':
        return this.callEnter(sourceId, ev.queueId, ev.callId, ev.enteredAt, ev.kind, ev.name, now);
      case 'call.leave':
        return this.callLeave(sourceId, ev.queueId, ev.callId, now);
      case 'calls.replace':
        return this.callsReplace(sourceId, ev.queueId, ev.calls, now);
      case 'site':
        return this.applySite(sourceId, ev.id ?? ev.ip, ev.ip, ev.set, ev.scope);
      case 'site.remove':
        return this.removeEntity('sites', this.keys.of(sourceId, ev.ip));
      case 'line':
        return this.applyLine(sourceId, ev.user, ev.set, ev.scope);
      case 'line.remove':
        return this.removeEntity('lines', this.keys.of(sourceId, ev.user));
      case 'sync':
        return this.sync(sourceId, ev.collection, ev.scope, ev.ids);
      case 'log':
        this.log.append({
          at: ev.at ?? now,
          sourceId,
          kind: ev.kind,
          level: ev.level ?? 'info',
          text: ev.text,
          subjectKey: ev.subjectId ? entityKey(sourceId, ev.subjectId) : null,
          // Undefined when the connector gave no words (left out of JSON): every entry has one shape.
          said: ev.said,
        });
        return;
      case 'vendor.alert':
      case 'upstream':
        return; // routed to the alert engine by the engine
    }
  }

  /**
   * The entity under a key (`this.keys.of`: the string the entity was created with, so the lookup
   * matches it by identity). By its key in the collection's map: on a big floor that entry is cold,
   * and the update writes the same entry right after.
   */
  private find<C extends EntityCollection>(collection: C, key: string): EntityByCollection[C] | null {
    return this.map(collection).get(key) ?? null;
  }

  private applyAgent(sourceId: string, ev: Extract<NormalizedEvent, { type: 'agent' }>, now: number): void {
    const key = this.keys.of(sourceId, ev.id);
    const prev = this.find('agents', key);
    const base = prev ?? emptyAgent(key, sourceId, ev.id);
    const set = ev.set;
    const next = mergedAgent(base, set);
    if (ev.whole) wholeOptionals(next, set);
    else if (set.extra) next.extra = mergedExtra(base.extra, set.extra);
    if (set.state !== undefined && set.state !== base.state && set.stateSince === undefined) {
      next.stateSince = ev.at ?? now;
    }
    if (!next.name) next.name = ev.id;
    // Names (not state words, which change with nearly every event) are cleaned when they change.
    if (next.name !== base.name) next.name = shownText(next.name);
    this.track(sourceId, 'agents', key, ev.scope, prev !== null);
    // An update that changes nothing is no change: no new entity, nothing to evaluate or send.
    if (prev !== null && sameAgent(prev, next)) return;
    this.put('agents', key, next, prev);
  }

  private applyQueue(sourceId: string, ev: Extract<NormalizedEvent, { type: 'queue' }>, now: number): void {
    const { id, set: setIn, scope } = ev;
    const key = this.keys.of(sourceId, id);
    const prev = this.find('queues', key);
    const base = prev ?? emptyQueue(key, sourceId, id, setIn.kind);
    const next = mergedQueue(base, setIn);
    next.waiting = base.waiting;
    if (ev.whole) wholeOptionals(next, setIn);
    else if (setIn.extra) next.extra = mergedExtra(base.extra, setIn.extra);
    // An unusable vendor value (null, negative, NaN) keeps the last good one (CONTRACT.md).
    const waiting = setIn.waiting;
    if (typeof waiting === 'number' && Number.isFinite(waiting) && waiting >= 0 && waiting <= Number.MAX_SAFE_INTEGER) next.waiting = Math.floor(waiting);
    this.calls.fill(next, now); // a no-op for queues without call tracking
    if (!next.name) next.name = id;
    if (next.name !== base.name) next.name = shownText(next.name);
    this.track(sourceId, 'queues', key, scope, prev !== null);
    if (prev !== null && sameQueue(prev, next)) return;
    this.put('queues', key, next, prev);
  }

  private ensureQueue(sourceId: string, id: string, key: string, prev: Queue | null, kind: Queue['kind'] | undefined, name: string | undefined): Queue {
    if (prev) return prev;
    const q = emptyQueue(key, sourceId, id, kind);
    if (name) q.name = shownText(name);
    this.track(sourceId, 'queues', q.key, undefined, false);
    return q;
  }

  private callEnter(sourceId: string, queueId: string, callId: string, enteredAt: number, kind: Queue['kind'] | undefined, name: string | undefined, now: number): void {
    const key = this.keys.of(sourceId, queueId);
    const prev = this.find('queues', key);
    const q = this.ensureQueue(sourceId, queueId, key, prev, kind, name);
    const calls = this.calls.enter(q.key, callId, enteredAt);
    const next = { ...q };
    fillWaiting(next, calls, now);
    this.put('queues', q.key, next, prev);
  }

  private callLeave(sourceId: string, queueId: string, callId: string, now: number): void {
    const key = this.keys.of(sourceId, queueId);
    const prev = this.find('queues', key);
    if (!prev) return;
    const calls = this.calls.leave(key, callId);
    if (!calls) return;
    const next = { ...prev };
    fillWaiting(next, calls, now);
    this.put('queues', key, next, prev);
  }

  private callsReplace(sourceId: string, queueId: string, list: { callId: string; enteredAt: number }[], now: number): void {
    const key = this.keys.of(sourceId, queueId);
    const prev = this.find('queues', key);
    const q = this.ensureQueue(sourceId, queueId, key, prev, undefined, undefined);
    this.calls.replace(q.key, list);
    const next = { ...q };
    this.calls.fill(next, now);
    this.put('queues', q.key, next, prev);
  }

  /** Advances longest-wait of queues with waiting calls (the value keeps growing between events). */
  tick(now: number): void {
    for (const key of this.calls.busyQueues()) {
      const prev = this.queues.get(key);
      if (!prev) continue;
      const next = { ...prev };
      this.calls.fill(next, now);
      if (next.longestWaitSec !== prev.longestWaitSec) this.put('queues', key, next, prev);
    }
  }

  /** `id`: what the site is keyed by under its source (its IP unless the event named another). */
  private applySite(sourceId: string, id: string, ip: string, set: Extract<NormalizedEvent, { type: 'site' }>['set'], scope?: string): void {
    const key = this.keys.of(sourceId, id);
    const prev = this.find('sites', key);
    const base: Site = prev ?? { key, sourceId, ip, agents: null, avgLatencyMs: null, maxLatencyMs: null, minLatencyMs: null, rejectionPct: null };
    this.track(sourceId, 'sites', key, scope, prev !== null);
    this.put('sites', key, merged(base, set), prev);
  }

  private applyLine(sourceId: string, user: string, set: Extract<NormalizedEvent, { type: 'line' }>['set'], scope?: string): void {
    const key = this.keys.of(sourceId, user);
    const prev = this.find('lines', key);
    const base: Line = prev ?? { key, sourceId, user, status: null, txJitterMs: null, rxJitterMs: null, txLossPct: null, rxLossPct: null };
    this.track(sourceId, 'lines', key, scope, prev !== null);
    this.put('lines', key, merged(base, set), prev);
  }

  /**
   * `ids` as the feed's events name its entities: compared as keys, so that an entity keyed by an id of
   * its own (a mirrored site) is matched by that id and not by a field of it.
   */
  private sync(sourceId: string, collection: EntityCollection, scope: string, ids: string[]): void {
    const members = this.scopes.reportedBy(collection, sourceId, scope);
    if (!members) return;
    const keep = new Set<string>();
    for (const id of ids) keep.add(this.keys.of(sourceId, id));
    for (const key of members) {
      if (keep.has(key)) continue;
      if (this.scopes.drop(collection, sourceId, key, scope)) this.removeEntity(collection, key);
    }
  }

  /** A feed (`scope`) removed an entity: it goes when no other feed of its source still reports it. */
  private removeReported(collection: 'agents' | 'queues', sourceId: string, id: string, scope: string | undefined): void {
    const key = this.keys.of(sourceId, id);
    if (scope === undefined || this.scopes.drop(collection, sourceId, key, scope)) this.removeEntity(collection, key);
  }

  /** `known`: the entity exists, so its source index already holds it (only its scopes may be new). */
  private track(sourceId: string, collection: EntityCollection, key: string, scope: string | undefined, known: boolean): void {
    if (!known) {
      let idx = this.bySource.get(sourceId);
      if (!idx) this.bySource.set(sourceId, (idx = { agents: new Set(), queues: new Set(), sites: new Set(), lines: new Set() }));
      idx[collection].add(key);
    }
    if (scope !== undefined) this.scopes.add(collection, sourceId, key, scope);
  }

  private removeEntity(collection: EntityCollection, key: string): void {
    const map = this.map(collection);
    const prev = map.get(key);
    if (!prev) return;
    map.delete(key);
    if (collection === 'queues') this.calls.forget(key);
    this.scopes.forget(collection, prev.sourceId, key);
    this.bySource.get(prev.sourceId)?.[collection].delete(key);
    this.markRemoved(collection, key);
    this.notify(collection, null, prev as never);
  }

  private map<C extends EntityCollection>(collection: C): Map<string, EntityByCollection[C]> {
    return this[collection] as unknown as Map<string, EntityByCollection[C]>;
  }

  private put<C extends EntityCollection>(collection: C, key: string, next: EntityByCollection[C], prev: EntityByCollection[C] | null): void {
    this.map(collection).set(key, next);
    this.markDirty(collection, key);
    this.notify(collection, next, prev);
  }

  private notify<C extends Collection>(collection: C, next: EntityByCollection[C] | null, prev: EntityByCollection[C] | null): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(collection, next, prev);
  }

  /** Marks an entity (e.g. an alert owned elsewhere) as changed for the next patch. */
  markDirty(collection: Collection, key: string): void {
    this.changes.markDirty(collection, key);
  }

  markRemoved(collection: Collection, key: string): void {
    this.changes.markRemoved(collection, key);
  }

  // ---- log -----------------------------------------------------------------------------------
  appendLog(entry: Omit<LogEntry, 'id'>): LogEntry {
    return this.log.append(entry);
  }

  recentLog(limit = 500): LogEntry[] {
    return this.log.recent(limit);
  }

  // ---- output --------------------------------------------------------------------------------
  snapshot(now: number, alerts = this.extraAlerts()): Snapshot {
    return {
      at: now,
      sources: [...this.sources.values()],
      agents: [...this.agents.values()],
      queues: [...this.queues.values()],
      sites: [...this.sites.values()],
      lines: [...this.lines.values()],
      alerts,
      log: this.recentLog(200),
    };
  }

  hasChanges(): boolean {
    return this.log.hasPending || this.changes.any();
  }

  /** Takes the changes since the last call as one patch (whole entities), or null when none. */
  takePatch(now: number, lookupAlert: (id: string) => EntityByCollection['alerts'] | undefined): Patch | null {
    if (!this.hasChanges()) return null;
    const patch: Patch = { type: 'patch', at: now, upsert: {}, remove: {} };
    this.changes.takeInto(patch, (c, key) => (c === 'alerts' ? lookupAlert(key) : (this[c] as Map<string, unknown>).get(key)));
    if (this.log.hasPending) patch.log = this.log.takePending();
    return patch;
  }
}

/**
 * An entity updated by a whole copy of itself (`whole` events): the optional fields the copy has,
 * and none it left out — its `extra` replaces the old one rather than adding to it.
 */
function wholeOptionals(next: Agent | Queue, set: { extra?: Agent['extra']; queues?: Agent['queues'] }): void {
  if (set.extra === undefined) delete next.extra;
  if ('queues' in next && set.queues === undefined) delete (next as Agent).queues;
}
