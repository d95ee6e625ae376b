/**
 * The alerts themselves: tracks by rule and subject, the lifecycle (pending → firing → resolved),
 * suppression while a source (or the upstream source behind an entity) is down, and every change
 * published as a new immutable Alert (a new value of an open alert is built when the alert is next
 * read: see `Track.alert`).
 * Indexes (active by id, by source, snoozed, acknowledged) keep every operation proportional to the
 * alerts involved, never to all entities.
 */
import type { Alert, Severity, Source, Subject } from '../../shared/model';
import type { Said } from '../../shared/said';
import { alertMessage, sourceLabel, type SubjectNames } from './format';
import type { AlertHistory } from './history';
import type { Rule } from './rules';
import type { SnoozeBook } from './snooze';
import { thresholdFor, Track } from './track';
import { SNOOZE_UNTIL_RECOVERED, type AlertLookup } from './types';
import type { CarriedAlerts } from './carry';
import type { Dispatcher } from './dispatcher';

export interface BookDeps {
  lookup: AlertLookup;
  history: AlertHistory;
  snoozes: SnoozeBook;
  /** Acknowledgements and "until recovered" snoozes of the alerts open when the last run stopped. */
  carried?: CarriedAlerts;
  /** The alert with this id changed (read it with `get`). */
  changed(id: string): void;
}

const DROPPED_KEEP_MS = 10_000;

/** A source upstream of one of ours (a remote collector's own source), as its outage alert names it. */
export interface Upstream {
  id: string;
  vendor: string;
  name: string;
  status: string;
  lastError: string | null;
  /** As the collector upstream sent it (a code this version may not know: see `sourceErrorText`). */
  problem: Said | null;
}

/**
 * The upstream source an entity key comes from: `team:wv` for `team:wv:1001` (keys of a mirrored entity
 * are `{source}:{upstream}:{vendor id}`, and source ids hold no ":"), '' for a key with one ":".
 */
export function upstreamOf(key: string): string {
  const first = key.indexOf(':');
  const second = first < 0 ? -1 : key.indexOf(':', first + 1);
  return second < 0 ? '' : key.slice(0, second);
}

export class AlertBook {
  /** ruleId → subject key → track. */
  private readonly tracks = new Map<string, Map<string, Track>>();
  /** Tracks with a pending or firing alert, by alert id. */
  readonly active = new Map<string, Track>();
  private readonly bySource = new Map<string, Set<Track>>();
  private readonly badSources = new Set<string>();
  /** Upstream sources by key (`{source}:{upstream id}`), and those down now. */
  readonly upstreams = new Map<string, Upstream>();
  private readonly badUpstreams = new Set<string>();
  readonly snoozed = new Set<Track>();
  readonly acked = new Set<Track>();
  /** Pending alerts discarded recently (still answerable by id for the next patch). */
  private readonly dropped = new Map<string, { alert: Alert; at: number }>();
  dispatcher!: Dispatcher;

  constructor(private readonly deps: BookDeps) {}

  /** Tracks per subject key, so that a healthy entity's sample needs one lookup, not one per rule. */
  private readonly subjects = new Map<string, number>();

  find(ruleId: string, key: string): Track | undefined {
    return this.tracks.get(ruleId)?.get(key);
  }

  /** Whether any rule keeps a track for this subject key. */
  hasTracks(key: string): boolean {
    return this.subjects.has(key);
  }

  tracksOf(ruleId: string): Iterable<Track> {
    return this.tracks.get(ruleId)?.values() ?? [];
  }

  allTracks(): Track[] {
    const out: Track[] = [];
    for (const m of this.tracks.values()) for (const t of m.values()) out.push(t);
    return out;
  }

  create(rule: Rule, subject: Subject, sourceId: string): Track {
    let m = this.tracks.get(rule.id);
    if (!m) this.tracks.set(rule.id, (m = new Map()));
    const t = new Track(rule, subject, sourceId, this.build);
    if (!m.has(subject.key)) this.subjects.set(subject.key, (this.subjects.get(subject.key) ?? 0) + 1);
    m.set(subject.key, t);
    return t;
  }

  deleteTrack(t: Track): void {
    if (t.built) return;
    const m = this.tracks.get(t.rule.id);
    if (m?.get(t.subject.key) !== t) return;
    m.delete(t.subject.key);
    const n = (this.subjects.get(t.subject.key) ?? 1) - 1;
    if (n > 0) this.subjects.set(t.subject.key, n);
    else this.subjects.delete(t.subject.key);
  }

  isSourceBad(sourceId: string): boolean {
    return this.badSources.has(sourceId);
  }

  /** An alert by its id (live, or its latest lifecycle in the history), or one history entry by its own id. */
  get(id: string): Alert | undefined {
    return this.active.get(id)?.alert ?? this.dropped.get(id)?.alert ?? this.deps.history.latest(id) ?? this.deps.history.entry(id);
  }

  /** Source labels by source entity (a source entity changes at most once a second). */
  private readonly labels = new WeakMap<Source, string>();

  names(t: Track): SubjectNames {
    const { lookup } = this.deps;
    const src = lookup.source(t.sourceId);
    let source = src ? this.labels.get(src) : t.sourceId;
    if (source === undefined) this.labels.set(src!, (source = sourceLabel(src, t.sourceId)));
    const key = t.subject.key;
    const fallback = t.built?.subjectName ?? key.slice(key.indexOf(':') + 1);
    switch (t.subject.kind) {
      case 'agent': {
        const a = lookup.agent(key);
        return { subject: a?.name || fallback, source, ip: a?.network?.ip ?? null };
      }
      case 'queue':
        return { subject: lookup.queue(key)?.name || fallback, source, ip: null };
      case 'site':
        return { subject: lookup.site(key)?.ip || fallback, source, ip: null };
      default: {
        if (key === t.sourceId) return { subject: source, source, ip: null, status: src?.status, vendor: src?.vendor, error: src?.lastError ?? null, problem: src?.problem ?? null };
        // An upstream source's outage: about that source, as the collector upstream last told it.
        const up = this.upstreams.get(key);
        return { subject: up ? sourceLabel(up, up.id) : fallback, source, ip: null, status: up?.status, vendor: up?.vendor, error: up?.lastError ?? null, problem: up?.problem ?? null };
      }
    }
  }

  private publish(t: Track, fields: Partial<Alert>): Alert {
    notePeak(t);
    return this.emitNew(t, { ...t.built!, value: t.shownValue, threshold: t.shownThreshold, ...fields, peak: t.peak });
  }

  /** The alert of a track whose published value is newer than its built alert (see `Track.alert`). */
  private readonly build = (t: Track): Alert => {
    const a: Alert = { ...t.built! };
    a.value = t.shownValue;
    a.threshold = t.shownThreshold;
    a.peak = t.peak;
    return this.named(t, a);
  };

  /** Names the subject of `a` (a fresh copy of the track's alert) and writes its message. */
  private named(t: Track, a: Alert): Alert {
    const names = this.names(t);
    a.subjectName = names.subject;
    a.message = alertMessage(t.rule.def, a.value, a.threshold, names, a.peak ?? null);
    return a;
  }

  private emitNew(t: Track, a: Alert): Alert {
    t.alert = this.named(t, a);
    this.deps.changed(a.id);
    return a;
  }

  private start(t: Track, state: 'pending' | 'firing', severity: Severity, now: number, since = now): void {
    t.notified = false;
    t.queued = false;
    t.ackUntil = null;
    let snoozedUntil = this.deps.snoozes.untilFor(t.rule.id, t.subject.key, now);
    // Open when the last run stopped, and firing again just after the start: what the lead did to it holds.
    const carried = this.deps.carried?.take(t.id, now) ?? null;
    if (carried?.untilRecovered) snoozedUntil = SNOOZE_UNTIL_RECOVERED;
    const acknowledged = carried !== null && carried.acknowledged && (carried.ackUntil === null || carried.ackUntil > now);
    if (acknowledged) t.ackUntil = carried.ackUntil;
    t.peak = t.value;
    t.alert = {
      id: t.id,
      ruleId: t.rule.id,
      metric: t.rule.def.id,
      severity,
      state,
      subject: t.subject,
      value: t.value,
      threshold: thresholdFor(t.rule, severity),
      since,
      message: '',
      acknowledged,
      snoozedUntil,
      sourceId: t.sourceId,
      resolvedAt: null,
      firedAt: state === 'firing' ? now : null,
      suppressed: this.heldBack(t),
      peak: t.value,
    };
    this.active.set(t.id, t);
    let set = this.bySource.get(t.sourceId);
    if (!set) this.bySource.set(t.sourceId, (set = new Set()));
    set.add(t);
    if (snoozedUntil !== null) this.snoozed.add(t);
    if (t.ackUntil !== null) this.acked.add(t);
    this.dropped.delete(t.id);
  }

  pending(t: Track, severity: Severity, now: number): void {
    if (t.built) return void this.refresh(t);
    this.start(t, 'pending', severity, now);
    this.publish(t, {});
  }

  /** Starts firing (from pending or directly). `since`: when the trouble began, if before now. */
  fire(t: Track, severity: Severity, now: number, since = now): void {
    if (t.built?.state === 'firing') return void this.refresh(t);
    if (!t.built) this.start(t, 'firing', severity, now, since);
    this.publish(t, { state: 'firing', severity, firedAt: now, value: t.value, threshold: thresholdFor(t.rule, severity) });
    this.dispatcher.raise(t, now);
  }

  /**
   * New value (and thresholds, which settings may have changed) on a live alert. A new value alone is
   * published as a change whose alert is built when read (source alerts: their message follows the
   * source's status, so the same value is news too).
   */
  refresh(t: Track, extra?: Partial<Alert>): void {
    const a = t.built;
    if (!a) return;
    notePeak(t);
    const threshold = thresholdFor(t.rule, a.severity);
    const more = extra !== undefined && hasKeys(extra);
    if (t.shownValue === t.value && t.shownThreshold === threshold && !more && t.rule.def.sampling !== 'source') return;
    if (more) {
      this.publish(t, { value: t.value, threshold, ...extra });
      return;
    }
    t.shownValue = t.value;
    t.shownThreshold = threshold;
    t.stale = true;
    this.deps.changed(t.id);
  }

  setSeverity(t: Track, severity: Severity, now: number): void {
    const a = t.built;
    if (!a || a.severity === severity) return this.refresh(t);
    this.publish(t, { severity, value: t.value, threshold: thresholdFor(t.rule, severity) });
    if (severity === 'critical' && a.state === 'firing') this.dispatcher.escalate(t, now);
  }

  /** Ends a lifecycle. `silent`: no recovery notification (subject removed, rule disabled, source stopped). */
  resolve(t: Track, now: number, silent = false): void {
    const a = t.alert;
    if (!a) return;
    if (a.state === 'pending') return this.drop(t, now);
    const resolved: Alert = { ...a, state: 'resolved', resolvedAt: now };
    if (silent) this.dispatcher.forget(t);
    else this.dispatcher.recover(t, resolved, t.value, now);
    t.notified = false;
    this.end(t);
    this.deps.history.add(resolved);
    this.deps.changed(resolved.id);
  }

  /** A pending alert that never fired: gone, without history or notification. */
  drop(t: Track, now: number): void {
    const a = t.alert;
    if (!a) return;
    const gone: Alert = { ...a, state: 'resolved', resolvedAt: now };
    this.end(t);
    this.dropped.set(gone.id, { alert: gone, at: now });
    this.dispatcher.forget(t);
    this.deps.changed(gone.id);
  }

  private end(t: Track): void {
    t.alert = null;
    t.ackUntil = null;
    this.active.delete(t.id);
    this.bySource.get(t.sourceId)?.delete(t);
    this.snoozed.delete(t);
    this.acked.delete(t);
  }

  /** Publishes operator changes (ack, snooze) on a live alert. */
  patch(t: Track, fields: Partial<Alert>): Alert | null {
    return t.built ? this.publish(t, fields) : null;
  }

  /** A source went down (entity alerts suppressed) or came back (unsuppressed; unnotified raises go out). */
  setSourceBad(sourceId: string, bad: boolean, now: number): void {
    if (bad === this.badSources.has(sourceId)) return;
    if (bad) this.badSources.add(sourceId);
    else this.badSources.delete(sourceId);
    this.resuppress(sourceId, now);
  }

  /** The same for a source upstream of `sourceId` (`key`: `{sourceId}:{upstream id}`): the alerts of what it reported. */
  setUpstreamBad(key: string, sourceId: string, bad: boolean, now: number): void {
    if (bad === this.badUpstreams.has(key)) return;
    if (bad) this.badUpstreams.add(key);
    else this.badUpstreams.delete(key);
    this.resuppress(sourceId, now);
  }

  /**
   * Whether an alert's data is frozen, so that one outage alert speaks for it: its source is down, or
   * the upstream source that reported its subject. A source's own outage alert is never held back; an
   * upstream source's is while the source it is seen through is down (what it says is frozen too).
   */
  private heldBack(t: Track): boolean {
    const key = t.subject.key;
    if (t.subject.kind === 'source' && key === t.sourceId) return false;
    if (this.badSources.has(t.sourceId)) return true;
    return this.badUpstreams.size > 0 && this.badUpstreams.has(upstreamOf(key));
  }

  /** Follows a change of what is down among the alerts of one source (those of its upstream sources included). */
  private resuppress(sourceId: string, now: number): void {
    for (const t of this.bySource.get(sourceId) ?? []) {
      if (!t.built) continue;
      const held = this.heldBack(t);
      if (t.built.suppressed === held) continue;
      this.publish(t, { suppressed: held });
      if (!held && t.built!.state === 'firing') this.dispatcher.raise(t, now);
    }
  }

  prune(now: number): void {
    for (const [id, d] of this.dropped) if (now - d.at >= DROPPED_KEEP_MS) this.dropped.delete(id);
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Keeps the worst value of a live alert's lifecycle (every metric is worse when higher). */
function notePeak(t: Track): void {
  if (t.value !== null && (t.peak === null || t.value > t.peak)) t.peak = t.value;
}
