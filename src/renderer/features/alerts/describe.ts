/**
 * Localized text for an alert. The host's `message` is English; when the metric is one we know, the
 * dashboard writes its own sentence in the user's language, and keeps the host's text otherwise.
 */
import type { Alert } from '../../../shared/model';
import { adviceKey } from '../../../shared/advice';
import { capitalized } from '../../../shared/i18n';
import type { ClientStore } from '../../bridge/store';
import type { Translator } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/en';
import { clockDuration, elapsedSec, localPart } from '../../lib/format';
import { hrefFor } from '../../app/router';
import { durationText, msText, pctText } from '../../lib/units';
import { TextReport } from '../../lib/report';
import { BUILTIN_RULES } from '../../lib/rules';

type Kind = 'latency' | 'jitter' | 'loss' | 'rejection' | 'waiting' | 'longestWait' | 'sourceDown' | 'vendorAlert';

/** Which known measure an alert is about, from its rule id or metric name. */
export function alertKind(a: Pick<Alert, 'ruleId' | 'metric'>): Kind | null {
  const s = `${a.ruleId} ${a.metric}`.toLowerCase();
  if (s.includes('vendor.alert')) return 'vendorAlert';
  if (s.includes('latency')) return 'latency';
  if (s.includes('jitter')) return 'jitter';
  if (s.includes('loss')) return 'loss';
  if (s.includes('rejection')) return 'rejection';
  if (s.includes('longest')) return 'longestWait';
  if (s.includes('waiting')) return 'waiting';
  if (s.includes('source') || s.includes('down') || s.includes('auth')) return 'sourceDown';
  return null;
}

/** The built-in rules with a name of their own (`rule.<id>`): every one but the vendors' alerts. */
const RULE_NAMES: ReadonlySet<string> = new Set(BUILTIN_RULES.map((r) => r.id));

/**
 * The rule that raised an alert, in words: a built-in rule by its name, a rule of one queue's or
 * agent's own thresholds as such, an alert the vendor raised as such; a rule added in the
 * configuration file by the id its author gave it.
 */
export function ruleText(a: Pick<Alert, 'ruleId' | 'metric'>, tr: Translator): string {
  const { t } = tr;
  if (RULE_NAMES.has(a.ruleId)) return t(`rule.${a.ruleId}` as MessageKey);
  const at = a.ruleId.indexOf('@');
  const base = at > 0 ? a.ruleId.slice(0, at) : null;
  if (base && RULE_NAMES.has(base)) return t('alerts.ruleOwn', { rule: t(`rule.${base}` as MessageKey) });
  if (a.metric.startsWith('vendor.alert') && a.ruleId === a.metric) return t('alerts.ruleVendor');
  return a.ruleId;
}

/** The display name of what the alert is about. */
export function subjectName(a: Alert, store: ClientStore): string {
  if (a.subjectName) return a.subjectName;
  const k = a.subject.key;
  switch (a.subject.kind) {
    case 'agent':
      return store.agents.get(k)?.name ?? localPart(k);
    case 'queue':
      return store.queues.get(k)?.name ?? localPart(k);
    case 'site':
      return store.sites.get(k)?.ip ?? localPart(k);
    case 'source':
      return store.sources.get(k)?.name ?? k;
  }
}

/** The id of the source an alert is about: its own, else from its subject's key (`{sourceId}:{vendorId}`, or a source's id). */
export function alertSourceId(a: Alert): string {
  if (a.sourceId) return a.sourceId;
  const k = a.subject.key;
  return a.subject.kind === 'source' || !k.includes(':') ? k : k.slice(0, k.indexOf(':'));
}

/** Where the thing an alert is about is shown: an agent's or a queue's own details, or the view that lists it. */
export function subjectHref(a: Alert): string {
  switch (a.subject.kind) {
    case 'agent':
      return hrefFor('agents', a.subject.key);
    case 'queue':
      return hrefFor('queues', a.subject.key);
    case 'site':
      return hrefFor('network');
    case 'source':
      return hrefFor('sources');
  }
}

export function formatAlertValue(a: Alert, tr: Translator, v: number | null): string | null {
  if (v === null) return null;
  switch (alertKind(a)) {
    case 'latency':
    case 'jitter':
      return msText(tr, v);
    case 'loss':
    case 'rejection':
      return pctText(tr, v);
    case 'longestWait':
    case 'sourceDown':
      return clockDuration(v);
    case 'vendorAlert':
      // Axialys's waiting-threshold alert carries how long the call had waited.
      return a.metric === 'vendor.alert_file' ? clockDuration(v) : tr.n(v);
    default:
      return tr.n(v);
  }
}

/** The vendor alerts said in the reader's language (Axialys `alert_op` and `alert_file`). */
const VENDOR_ALERTS: Partial<Record<string, MessageKey>> = {
  'vendor.alert_op': 'metric.vendorAlertOp',
  'vendor.alert_file': 'metric.vendorAlertFile',
};

/** "Waiting threshold exceeded (0:41, raised by the vendor)"; one we do not know keeps the host's text. */
function vendorAlertWhat(a: Alert, tr: Translator): string {
  const key = VENDOR_ALERTS[a.metric] ?? VENDOR_ALERTS[a.ruleId];
  if (!key) return `${tr.t('label.colon', { label: tr.t('metric.vendorAlert') })} ${a.message}`;
  // How long the call that set it off had waited (formatAlertValue knows it is a wait; 'not enough
  // agents' carries no value).
  const waited = formatAlertValue(a, tr, a.value);
  return waited === null ? tr.t('alert.byVendor', { what: tr.t(key) }) : tr.t('alert.byVendorWaited', { what: tr.t(key), waited });
}

/** "Latency 450 ms (threshold 400 ms)". */
export function alertWhat(a: Alert, tr: Translator): string {
  const kind = alertKind(a);
  if (kind === 'vendorAlert') return vendorAlertWhat(a, tr);
  if (!kind) return a.message;
  const value = formatAlertValue(a, tr, a.value);
  const threshold = formatAlertValue(a, tr, a.threshold);
  const name = tr.t(`metric.${kind}` as MessageKey);
  if (value === null) return name;
  if (threshold === null) return `${name} ${value}`;
  // Back under the threshold while the alert holds (or in its history): how bad it got, too.
  const { value: v, threshold: th, peak: p } = a;
  const peak = p != null && v != null && th != null && v < th && p >= th && p > v ? formatAlertValue(a, tr, p) : null;
  return peak === null ? tr.t('alert.valueVsThreshold', { metric: name, value, threshold }) : tr.t('alert.valueVsThresholdPeak', { metric: name, value, threshold, peak });
}

export function alertTitle(a: Alert, store: ClientStore, tr: Translator): string {
  return `${tr.t('label.colon', { label: tr.t(`level.${a.severity}`) })} ${alertWhat(a, tr)} — ${subjectName(a, store)}`;
}

/** What to look at, in the reader's language; null for a rule on a metric this version has no advice for. */
export function alertAdvice(a: Alert, store: ClientStore, tr: Translator): string | null {
  const agent = a.subject.kind === 'agent' ? store.agents.get(a.subject.key) : undefined;
  const ip = agent?.network?.ip ?? null;
  const src = store.sources.get(a.subject.key);
  const key = adviceKey(a.metric, { withIp: ip !== null, sourceStatus: src?.status, sourceVendor: src?.vendor });
  return key ? capitalized(tr.t(key, { ip: ip ?? '', name: subjectName(a, store) })) : null;
}

/**
 * The alert as lines of text to paste into a message or a ticket, in the reader's language: its title,
 * then what the details show (source, the agent's public IP, state, times, how long, the rule) and
 * what to look at. `now`: the host's clock, for how long a firing alert has lasted so far.
 */
export function alertReport(a: Alert, store: ClientStore, tr: Translator, now: number): string {
  const { t, dateTime } = tr;
  const ended = a.state === 'resolved' ? (a.resolvedAt ?? null) : null;
  const ip = a.subject.kind === 'agent' ? store.agents.get(a.subject.key)?.network?.ip : null;
  const report = new TextReport(t)
    .line(`${alertTitle(a, store, tr)} (${t(`subject.${a.subject.kind}`)})`)
    .fact(t('col.source'), a.sourceId ? (store.sources.get(a.sourceId)?.name ?? a.sourceId) : null)
    .fact(t('network.ip'), ip)
    .fact(t('alerts.state'), t(`alerts.state.${a.state}`))
    .fact(t('alerts.started'), dateTime(a.since))
    .fact(t('alerts.raised'), a.firedAt ? dateTime(a.firedAt) : null)
    .fact(t('alerts.endedAt'), ended ? dateTime(ended) : null)
    .fact(ended ? t('col.duration') : t('col.for'), durationText(tr, elapsedSec(a.since, ended ?? now)));
  if (a.acknowledged) report.line(t('alerts.acknowledged'));
  return report.fact(t('alerts.rule'), ruleText(a, tr)).fact(t('alerts.advice'), alertAdvice(a, store, tr)).toString();
}
