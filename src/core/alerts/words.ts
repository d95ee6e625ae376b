/**
 * Alerts in the user's language, for what the host shows itself: OS notifications and the tray's
 * alert list. Each text says the rule, the value, the threshold, how long, the subject and its source,
 * and what to look at ("Latency 412 ms ≥ 400 ms for 3 min — Ana (Wolkvox Bogotá) · check the agent's
 * network or public IP 190.1.2.3"). An alert's own `message` (API, history) stays English: see format.ts.
 */
import type { Severity } from '../../shared/model';
import type { Language } from '../../shared/settings';
import { sourceErrorText } from '../../shared/problems';
import { adviceKey } from '../../shared/advice';
import { capitalized as cap } from '../../shared/i18n';
import { hostMessages, type HostKey, type HostMessages } from '../i18n/host';
import type { MetricDef, Unit } from './catalog';
import type { SubjectNames } from './format';

export interface GroupMember {
  severity: Severity;
  threshold: number | null;
  names: SubjectNames;
}

export class AlertWords {
  private readonly m: HostMessages;

  constructor(lang: Language) {
    this.m = hostMessages(lang);
  }

  private metric(def: MetricDef, part: 'title' | 'label' | 'hint' | 'hintIp' | 'groupHint' | 'count', params?: Record<string, string | number>): string {
    return this.m.t(`metric.${def.id}.${part}` as HostKey, params);
  }

  severity(s: Severity): string {
    return this.m.t(s === 'critical' ? 'severity.critical' : 'severity.warning');
  }

  /** "Critical: Agent latency", "Now critical: …", "Still warning: …", "Recovered: …", with a count for groups. */
  title(kind: 'raise' | 'escalate' | 'renotify' | 'recover', def: MetricDef, severity: Severity, count = 1): string {
    const title = this.metric(def, 'title');
    if (kind === 'recover') return count > 1 ? this.m.t('notify.recoveredGroup', { title, count }) : this.m.t('notify.recovered', { title });
    const many = count > 1;
    if (kind === 'escalate') return many ? this.m.t('notify.escalateGroup', { title, count }) : this.m.t('notify.escalate', { title });
    if (kind === 'renotify') {
      if (severity === 'critical') return many ? this.m.t('notify.stillCriticalGroup', { title, count }) : this.m.t('notify.stillCritical', { title });
      return many ? this.m.t('notify.stillWarningGroup', { title, count }) : this.m.t('notify.stillWarning', { title });
    }
    return many ? this.m.t('notify.group', { severity: this.severity(severity), title, count }) : this.m.t('notify.raise', { severity: this.severity(severity), title });
  }

  /** The buttons of a raise notification. */
  actionLabels(): { ack: string; snooze1h: string } {
    return { ack: this.m.t('notify.ack'), snooze1h: this.m.t('notify.snooze1h') };
  }

  duration(ms: number): string {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return this.m.t('duration.s', { s });
    const m = Math.floor(s / 60);
    if (m < 60) return s % 60 && m < 10 ? this.m.t('duration.minS', { m, s: s % 60 }) : this.m.t('duration.min', { m });
    const h = Math.floor(m / 60);
    return m % 60 ? this.m.t('duration.hMin', { h, m: m % 60 }) : this.m.t('duration.h', { h });
  }

  value(unit: Unit, v: number): string {
    switch (unit) {
      case 'ms':
        return this.m.t('unit.ms', { value: Math.round(v) });
      case '%':
        return this.m.t('unit.pct', { value: Math.round(v * 10) / 10 });
      case 's':
        return this.duration(v * 1000);
      default:
        return this.m.n(Math.round(v * 10) / 10);
    }
  }

  /** "Latency 412 ms ≥ 400 ms", "12 calls waiting ≥ 10", "Not enough agents (raised by the vendor)". */
  describe(def: MetricDef, value: number | null, threshold: number | null, peak: number | null = null): string {
    const label = this.metric(def, 'label');
    if (def.sampling === 'vendor') return cap(this.m.t('text.vendorRaised', { label }));
    if (value === null) return cap(label);
    const what = def.unit === 'calls' ? this.metric(def, 'count', { count: Math.round(value * 10) / 10 }) : cap(this.m.t('text.value', { label, value: this.value(def.unit, value) }));
    if (threshold === null) return what;
    if (value >= threshold) return this.m.t('text.atLeast', { what, threshold: this.value(def.unit, threshold) });
    // Back under the threshold of an alert not over yet: how bad it got, too.
    if (peak !== null && peak >= threshold && peak > value) return this.m.t('text.belowThresholdPeak', { what, threshold: this.value(def.unit, threshold), peak: this.value(def.unit, peak) });
    return this.m.t('text.belowThreshold', { what, threshold: this.value(def.unit, threshold) });
  }

  /** What to look at for one subject. */
  hint(def: MetricDef, names: SubjectNames): string {
    if (def.sampling === 'source') return this.sourceHint(names.status, names.vendor);
    if (def.subject === 'agent') return names.ip ? this.metric(def, 'hintIp', { ip: names.ip }) : this.metric(def, 'hint');
    return this.metric(def, 'hint', { name: names.subject });
  }

  private sourceHint(status: string | undefined, vendor?: string): string {
    return this.m.t(adviceKey('source.down', { sourceStatus: status, sourceVendor: vendor })!);
  }

  /** "Wolkvox Bogotá is down for 3 min: connection refused". */
  private sourceSentence(names: SubjectNames, forMs: number | null): string {
    let text = this.m.t(names.status === 'auth_failed' ? 'source.authFailed' : 'source.down', { subject: names.subject });
    if (forMs !== null && forMs >= 1000) text = this.m.t('text.for', { what: text, duration: this.duration(forMs) });
    const error = sourceErrorText(this.m.lang, { lastError: names.error ?? null, problem: names.problem }, this.m.t);
    return error ? this.m.t('text.why', { text, error }) : text;
  }

  /** One line about a live alert (the tray's alert list). */
  line(def: MetricDef, value: number | null, threshold: number | null, names: SubjectNames, peak: number | null = null): string {
    if (def.sampling === 'source') return this.sourceSentence(names, null);
    return this.m.t('text.subject', { what: this.describe(def, value, threshold, peak), subject: names.subject, source: names.source });
  }

  /** Body of a single raise, escalation or reminder. */
  raiseBody(def: MetricDef, value: number | null, threshold: number | null, forMs: number, names: SubjectNames, peak: number | null = null): string {
    if (def.sampling === 'source') return this.m.t('text.hint', { text: this.sourceSentence(names, forMs), hint: this.sourceHint(names.status, names.vendor) });
    let what = this.describe(def, value, threshold, peak);
    if (forMs >= 1000) what = this.m.t('text.for', { what, duration: this.duration(forMs) });
    return this.m.t('text.hint', { text: this.m.t('text.subject', { what, subject: names.subject, source: names.source }), hint: this.hint(def, names) });
  }

  /** Body of a recovery: the value that ended it and how long it lasted. */
  recoverBody(def: MetricDef, value: number | null, lastedMs: number, names: SubjectNames): string {
    const after = (what: string) => (lastedMs >= 1000 ? this.m.t('text.after', { what, duration: this.duration(lastedMs) }) : what);
    if (def.sampling === 'source') return after(this.m.t('source.back', { subject: names.subject }));
    const label = this.metric(def, 'label');
    let what: string;
    if (def.sampling === 'vendor' || value === null) what = cap(this.m.t('recover.over', { label }));
    else if (def.unit === 'calls') what = this.metric(def, 'count', { count: Math.round(value * 10) / 10 });
    else what = cap(this.m.t('recover.backTo', { label, value: this.value(def.unit, value) }));
    return this.m.t('text.subject', { what: after(what), subject: names.subject, source: names.source });
  }

  private subjects(def: MetricDef, count: number): string {
    return this.m.t(`group.${def.subject}`, { count });
  }

  /** "12 agents: latency ≥ 400 ms — 9 share public IP 190.1.2.3 · Ana, Luis, Marta and 9 more (Wolkvox Bogotá) · check …" */
  groupBody(def: MetricDef, members: readonly GroupMember[]): string {
    const subjects = this.subjects(def, members.length);
    const crit = members.filter((m) => m.severity === 'critical').length;
    const lowest = members.reduce<number | null>((lo, m) => (m.threshold !== null && (lo === null || m.threshold < lo) ? m.threshold : lo), null);
    const label = this.metric(def, 'label');
    let head =
      def.sampling !== 'vendor' && def.sampling !== 'source' && lowest !== null
        ? this.m.t('group.headAtLeast', { subjects, label, threshold: this.value(def.unit, lowest) })
        : this.m.t('group.head', { subjects, what: label });
    if (crit && crit < members.length && def.sampling !== 'vendor') head = this.m.t('group.critical', { head, count: crit });
    const ips = new Map<string, number>();
    for (const m of members) if (m.names.ip) ips.set(m.names.ip, (ips.get(m.names.ip) ?? 0) + 1);
    let shared: [string, number] | null = null;
    for (const e of ips) if (e[1] >= 2 && (!shared || e[1] > shared[1])) shared = e;
    if (shared) head = this.m.t('group.sharedIp', { head, count: shared[1], ip: shared[0] });
    const sources = [...new Set(members.map((m) => m.names.source))];
    const where = sources.length <= 2 ? sources.join(', ') : this.m.t('group.sources', { count: sources.length });
    const hint = shared
      ? this.m.t('group.hintSharedIp', { ip: shared[0] })
      : def.subject === 'agent'
        ? this.m.t('group.hintAgents')
        : def.sampling === 'source'
          ? this.sourceHint(undefined)
          : this.metric(def, 'groupHint');
    return this.m.t('group.body', { head, names: this.names(members), where, hint });
  }

  /** Body of several recoveries of one rule. */
  groupRecoverBody(def: MetricDef, members: readonly GroupMember[]): string {
    return this.m.t('group.recovered', { subjects: this.subjects(def, members.length), label: this.metric(def, 'label'), names: this.names(members) });
  }

  /** "Ana, Luis, Marta and 9 more". */
  private names(members: readonly GroupMember[]): string {
    const names = members
      .slice(0, 3)
      .map((m) => m.names.subject)
      .join(', ');
    return members.length > 3 ? this.m.t('group.more', { names, count: members.length - 3 }) : names;
  }
}

const made = new Map<Language, AlertWords>();

/** The alert texts of one language (made once per language). */
export function alertWords(lang: Language): AlertWords {
  let w = made.get(lang);
  if (!w) made.set(lang, (w = new AlertWords(lang)));
  return w;
}
