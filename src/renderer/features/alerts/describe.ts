/**
 * Localized text for an alert. The host's `message` is English; when the metric is one we know, the
 * dashboard writes its own sentence in the user's language, and keeps the host's text otherwise.
 */
import type { Alert } from '../../../shared/model';
import type { ClientStore } from '../../bridge/store';
import type { Translator } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/en';
import { clockDuration, localPart } from '../../lib/format';
import { hrefFor } from '../../app/router';
import { msText, pctText } from '../../lib/units';

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
  return threshold === null ? `${name} ${value}` : tr.t('alert.valueVsThreshold', { metric: name, value, threshold });
}

export function alertTitle(a: Alert, store: ClientStore, tr: Translator): string {
  return `${tr.t(`level.${a.severity}`)}: ${alertWhat(a, tr)} — ${subjectName(a, store)}`;
}
