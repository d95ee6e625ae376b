/**
 * Turns alert transitions into notifications a lead can trust: nothing while paused, suppressed,
 * acknowledged, snoozed or in quiet hours (criticals may pass); the same alert at most once per
 * cooldown, and its step up to critical at most once per cooldown; raises of one rule within the group
 * window become one notification; a recovery only when its raise was notified. What a pause, quiet
 * hours, a snooze or a source outage held back is delayed, not lost: once nothing holds it, an alert
 * still firing is notified (raised, "now critical" or "still …"). The notifier is called without
 * awaiting and never breaks the engine.
 */
import type { Alert, Severity } from '../../shared/model';
import type { AlertSettings, Language } from '../../shared/settings';
import type { Logger } from '../util/logger';
import type { MetricDef } from './catalog';
import type { SubjectNames } from './format';
import { alertWords, type AlertWords, type GroupMember } from './words';
import { quietSilences, type LocalTimeFn } from './quiet';
import type { Track } from './track';
import type { AlertNotification, Notifier } from './types';

type Kind = 'raise' | 'escalate' | 'renotify' | 'recover';

/** Reasons that hold a notification back for a while: when they end, the alert is notified then. */
const PASSING = new Set(['notifications paused', 'source down', 'snoozed', 'quiet hours']);
/** Of two notifications held back for one alert, the one to send: a step up to critical says most. */
const RANK: Record<Exclude<Kind, 'recover'>, number> = { renotify: 0, raise: 1, escalate: 2 };

interface Recovery {
  alert: Alert;
  names: SubjectNames;
  /** The value that ended the alert. */
  value: number | null;
}

interface Group {
  def: MetricDef;
  kind: Kind;
  deadline: number;
  tracks: Set<Track>;
  /** By alert id: a flapping alert recovers at most once per group. */
  recoveries: Map<string, Recovery>;
}

export interface DispatcherDeps {
  notifier?: Notifier;
  logger: Logger;
  settings: () => AlertSettings;
  localTime: LocalTimeFn;
  names: (t: Track) => SubjectNames;
  /** The language notifications speak, read when one is sent (settings may change it). */
  language: () => Language;
}

/** Acknowledge and snooze-for-an-hour buttons, labelled in the notification's language. */
function actions(words: AlertWords): NonNullable<AlertNotification['actions']> {
  const { ack, snooze1h } = words.actionLabels();
  return [
    { label: ack, action: { kind: 'ack' } },
    { label: snooze1h, action: { kind: 'snooze', minutes: 60 } },
  ];
}

export class Dispatcher {
  private readonly groups = new Map<string, Group>();
  private readonly lastNotified = new Map<string, number>();
  /** When each alert last stepped up to critical in a notification (one such step per cooldown). */
  private readonly lastEscalated = new Map<string, number>();
  /** Raises and steps up held by the cooldown until `heldUntil`, with what they were. */
  private readonly held = new Map<Track, Exclude<Kind, 'recover'>>();
  /** Notifications a passing reason held back (see PASSING), sent once nothing holds them. */
  private readonly missed = new Map<Track, Exclude<Kind, 'recover'>>();
  private lastPrune = 0;

  constructor(private readonly deps: DispatcherDeps) {}

  /** When each alert was last notified and last stepped up, within the cooldown (saved across a restart). */
  saveCooldowns(now: number): { notified: [string, number][]; escalated: [string, number][] } {
    const cooldownMs = this.deps.settings().cooldownMin * 60_000;
    const recent = (m: Map<string, number>) => [...m].filter(([, at]) => now - at < cooldownMs);
    return { notified: recent(this.lastNotified), escalated: recent(this.lastEscalated) };
  }

  restoreCooldowns(saved: { notified: readonly (readonly [string, number])[]; escalated: readonly (readonly [string, number])[] }, now: number): void {
    for (const [id, at] of saved.notified) if (at <= now) this.lastNotified.set(id, Math.max(this.lastNotified.get(id) ?? 0, at));
    for (const [id, at] of saved.escalated) if (at <= now) this.lastEscalated.set(id, Math.max(this.lastEscalated.get(id) ?? 0, at));
  }

  /** Why a firing alert may not be notified now (null: it may). */
  blocked(t: Track, severity: Severity, now: number): string | null {
    const s = this.deps.settings();
    const a = t.alert;
    if (s.notificationsPaused) return 'notifications paused';
    if (!a || a.state !== 'firing') return 'not firing';
    if (a.suppressed) return 'source down';
    if (a.acknowledged) return 'acknowledged';
    if (a.snoozedUntil !== null && a.snoozedUntil > now) return 'snoozed';
    // The local time (a time-zone lookup) only when there are quiet hours to check it against.
    if (s.quietHours && quietSilences(s.quietHours, severity, this.deps.localTime(now))) return 'quiet hours';
    return null;
  }

  /** An alert started firing (or came back from suppression). */
  raise(t: Track, now: number): void {
    if (t.notified || t.queued || !t.alert || this.isBlocked(t, 'raise', t.alert.severity, now)) return;
    const cooldownMs = this.deps.settings().cooldownMin * 60_000;
    const last = this.lastNotified.get(t.id);
    if (last !== undefined && now - last < cooldownMs) return this.hold(t, 'raise', last + cooldownMs);
    this.enqueue(t, 'raise', now);
  }

  /** A firing alert became critical. */
  escalate(t: Track, now: number): void {
    if (!t.notified) return this.raise(t, now);
    if (t.queued || this.isBlocked(t, 'escalate', 'critical', now)) return;
    // A value flapping across the critical threshold steps up once per cooldown, not at every crossing.
    const last = this.lastEscalated.get(t.id);
    const cooldownMs = this.deps.settings().cooldownMin * 60_000;
    if (last !== undefined && now - last < cooldownMs) return this.hold(t, 'escalate', last + cooldownMs);
    this.enqueue(t, 'escalate', now);
  }

  /** A snooze or acknowledgement expired on a still-firing alert. */
  remind(t: Track, now: number): void {
    if (!t.notified) return this.raise(t, now);
    if (t.queued || !t.alert || this.isBlocked(t, 'renotify', t.alert.severity, now)) return;
    this.enqueue(t, 'renotify', now);
  }

  /** `blocked`, remembering what a passing reason held back (sent when it ends: see `tick`). */
  private isBlocked(t: Track, kind: Exclude<Kind, 'recover'>, severity: Severity, now: number): boolean {
    const why = this.blocked(t, severity, now);
    if (why !== null && PASSING.has(why)) this.note(this.missed, t, kind);
    return why !== null;
  }

  private note(into: Map<Track, Exclude<Kind, 'recover'>>, t: Track, kind: Exclude<Kind, 'recover'>): void {
    const was = into.get(t);
    if (was === undefined || RANK[kind] > RANK[was]) into.set(t, kind);
  }

  private hold(t: Track, kind: Exclude<Kind, 'recover'>, until: number): void {
    t.heldUntil = t.heldUntil === null ? until : Math.min(t.heldUntil, until);
    this.note(this.held, t, kind);
  }

  /** An alert resolved; `resolved` is its final state, `value` the good value that ended it. */
  recover(t: Track, resolved: Alert, value: number | null, now: number): void {
    this.forget(t);
    if (!t.notified) return;
    this.dismiss(resolved.id);
    if (resolved.suppressed) return;
    if ((resolved.snoozedUntil !== null && resolved.snoozedUntil > now) || this.recoverySilenced(resolved, now)) return;
    const g = this.group(t.rule.def, t.rule.id, 'recover', now);
    g.recoveries.set(resolved.id, { alert: resolved, names: this.deps.names(t), value });
    if (this.deps.settings().groupWindowSec <= 0) this.flush(`${t.rule.id}|recover`, now);
  }

  /** Paused, or quiet hours that silence this severity: no recovery either. */
  private recoverySilenced(a: Alert, now: number): boolean {
    const s = this.deps.settings();
    return s.notificationsPaused || (!!s.quietHours && quietSilences(s.quietHours, a.severity, this.deps.localTime(now)));
  }

  /** A lifecycle ended (resolved, dropped, removed): nothing more is sent for it. */
  forget(t: Track): void {
    this.held.delete(t);
    this.missed.delete(t);
    t.heldUntil = null;
    t.queued = false;
  }

  tick(now: number): void {
    for (const [t, kind] of this.held) {
      if (t.heldUntil !== null && now < t.heldUntil) continue;
      this.held.delete(t);
      t.heldUntil = null;
      // Released by the cooldown: a raise reads "still …", a step up "now critical" if it still is.
      const a = t.alert;
      if (a?.state !== 'firing' || t.queued) continue;
      const next = kind === 'escalate' ? (a.severity === 'critical' ? 'escalate' : null) : t.notified ? null : 'renotify';
      if (next && !this.isBlocked(t, next, a.severity, now)) this.enqueue(t, next, now);
    }
    for (const [t, kind] of this.missed) {
      const a = t.alert;
      if (a?.state !== 'firing') {
        this.missed.delete(t);
        continue;
      }
      if (t.queued || this.blocked(t, a.severity, now) !== null) continue;
      this.missed.delete(t);
      // Nothing holds it any more: the notification it was kept from, as the alert is now.
      if (!t.notified) this.raise(t, now);
      else if (kind === 'escalate' && a.severity === 'critical') this.escalate(t, now);
      else this.enqueue(t, 'renotify', now);
    }
    for (const [key, g] of this.groups) if (g.deadline <= now) this.flush(key, now);
    if (now - this.lastPrune >= 60_000) {
      this.lastPrune = now;
      const cooldownMs = this.deps.settings().cooldownMin * 60_000;
      for (const [id, at] of this.lastNotified) if (now - at >= cooldownMs) this.lastNotified.delete(id);
      for (const [id, at] of this.lastEscalated) if (now - at >= cooldownMs) this.lastEscalated.delete(id);
    }
  }

  private group(def: MetricDef, ruleId: string, kind: Kind, now: number): Group {
    const key = `${ruleId}|${kind}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { def, kind, deadline: now + this.deps.settings().groupWindowSec * 1000, tracks: new Set(), recoveries: new Map() }));
    return g;
  }

  private enqueue(t: Track, kind: Kind, now: number): void {
    this.missed.delete(t);
    t.queued = true;
    this.group(t.rule.def, t.rule.id, kind, now).tracks.add(t);
    if (this.deps.settings().groupWindowSec <= 0) this.flush(`${t.rule.id}|${kind}`, now);
  }

  private flush(key: string, now: number): void {
    const g = this.groups.get(key);
    if (!g) return;
    this.groups.delete(key);
    if (g.kind === 'recover') return this.sendRecoveries(g, now);
    const live: Track[] = [];
    for (const t of g.tracks) {
      if (!t.queued) continue;
      t.queued = false;
      if (t.alert && !this.blocked(t, t.alert.severity, now) && !(g.kind === 'raise' && t.notified)) live.push(t);
    }
    if (!live.length) return;
    const severity: Severity = live.some((t) => t.alert!.severity === 'critical') ? 'critical' : 'warning';
    for (const t of live) {
      t.notified = true;
      this.lastNotified.set(t.id, now);
      if (g.kind === 'escalate') this.lastEscalated.set(t.id, now);
    }
    const def = g.def;
    const words = alertWords(this.deps.language());
    const titled = g.kind === 'escalate' || g.kind === 'renotify' ? g.kind : 'raise';
    // The lifecycle each button acts on: an alert that ends and fires again keeps its id.
    const lifecycles: Record<string, number> = {};
    for (const t of live) lifecycles[t.id] = t.alert!.since;
    if (live.length === 1) {
      const t = live[0]!;
      const a = t.alert!;
      const names = this.deps.names(t);
      const peak = a.peak ?? null;
      const texts = (w: AlertWords) => ({ title: w.title(titled, def, a.severity), body: w.raiseBody(def, a.value, a.threshold, now - a.since, names, peak) });
      return this.send({ id: a.id, kind: g.kind as AlertNotification['kind'], severity, ...texts(words), inLanguage: (l) => texts(alertWords(l)), alertIds: [a.id], lifecycles, sound: this.sound(severity), actions: actions(words) });
    }
    const members: GroupMember[] = live.map((t) => ({ severity: t.alert!.severity, threshold: t.alert!.threshold, names: this.deps.names(t) }));
    const texts = (w: AlertWords) => ({ title: w.title(titled, def, severity, live.length), body: w.groupBody(def, members) });
    this.send({
      id: `group|${key}|${now}`,
      kind: 'group',
      severity,
      ...texts(words),
      inLanguage: (l) => texts(alertWords(l)),
      alertIds: live.map((t) => t.id),
      lifecycles,
      sound: this.sound(severity),
      actions: actions(words),
    });
  }

  private sendRecoveries(g: Group, now: number): void {
    // Paused or silenced since they were grouped: as if they had resolved then.
    const list = [...g.recoveries.values()].filter((r) => !this.recoverySilenced(r.alert, now));
    if (!list.length) return;
    const severity: Severity = list.some((r) => r.alert.severity === 'critical') ? 'critical' : 'warning';
    const first = list[0]!.alert;
    const one = list.length === 1;
    const texts = (w: AlertWords) => ({
      title: w.title('recover', g.def, severity, list.length),
      body: one
        ? w.recoverBody(g.def, list[0]!.value, (first.resolvedAt ?? first.since) - first.since, list[0]!.names)
        : w.groupRecoverBody(g.def, list.map((r) => ({ severity: r.alert.severity, threshold: r.alert.threshold, names: r.names }))),
    });
    this.send({
      id: one ? first.id : `recover|${first.ruleId}|${first.resolvedAt ?? 0}`,
      kind: 'recover',
      severity,
      ...texts(alertWords(this.deps.language())),
      inLanguage: (l) => texts(alertWords(l)),
      alertIds: list.map((r) => r.alert.id),
      sound: false,
      actions: [],
    });
  }

  private sound(severity: Severity): boolean {
    return this.deps.settings().sound[severity];
  }

  private dismiss(alertId: string): void {
    try {
      this.deps.notifier?.dismiss?.([alertId]);
    } catch (e) {
      this.deps.logger.warn('could not take a notification away', e);
    }
  }

  private send(n: AlertNotification): void {
    const notifier = this.deps.notifier;
    if (!notifier) return;
    try {
      const r = notifier.notify(n);
      if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => this.deps.logger.warn('notification failed', e));
    } catch (e) {
      this.deps.logger.warn('notification failed', e);
    }
  }
}
