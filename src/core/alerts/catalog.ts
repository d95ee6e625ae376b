/**
 * The metrics rules can watch: where the value comes from and how it reads. Built-in rules (./rules.ts)
 * and user-added rules both refer to these ids; what a lead reads about them (titles, what to look at
 * when one breaches) is in the host's texts, src/core/i18n.
 */
import type { Agent, Queue, Site, Subject } from '../../shared/model';
import { en, type HostKey } from '../i18n/en';

export type Unit = 'ms' | '%' | 'calls' | 's' | '';

/** How a metric is sampled: a new `network.sampledAt`, a change of the value, a vendor event, a source status. */
export type Sampling = 'network' | 'value' | 'vendor' | 'source';

interface Base {
  id: string;
  subject: Subject['kind'];
  sampling: Sampling;
  /**
   * Lower-case English noun of the alert's own message ("latency"). What notifications and the tray
   * say, in the user's language, is in src/core/i18n (`metric.<id>.title`, `.label`, `.hint`…).
   */
  label: string;
  unit: Unit;
}

export type MetricDef =
  | (Base & { sampling: 'network'; collection: 'agents'; read(a: Agent): number | null })
  | (Base & { sampling: 'value'; collection: 'queues'; read(q: Queue): number | null })
  | (Base & { sampling: 'value'; collection: 'sites'; read(s: Site): number | null })
  | (Base & { sampling: 'vendor' | 'source'; collection: null });

function worse(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The English label of a metric, from the host's English texts. */
const label = (id: string): string => en[`metric.${id}.label` as HostKey] as string;

export const METRICS: Record<string, MetricDef> = {
  'agent.latency': {
    id: 'agent.latency', subject: 'agent', sampling: 'network', collection: 'agents', label: label('agent.latency'), unit: 'ms',
    read: (a) => a.network?.latencyMs ?? null,
  },
  'agent.jitter': {
    id: 'agent.jitter', subject: 'agent', sampling: 'network', collection: 'agents', label: label('agent.jitter'), unit: 'ms',
    read: (a) => (a.network ? worse(a.network.txJitterMs, a.network.rxJitterMs) : null),
  },
  'agent.loss': {
    id: 'agent.loss', subject: 'agent', sampling: 'network', collection: 'agents', label: label('agent.loss'), unit: '%',
    read: (a) => (a.network ? worse(a.network.txLossPct, a.network.rxLossPct) : null),
  },
  'agent.rejection': {
    id: 'agent.rejection', subject: 'agent', sampling: 'network', collection: 'agents', label: label('agent.rejection'), unit: '%',
    read: (a) => a.network?.rejectionPct ?? null,
  },
  'queue.waiting': {
    id: 'queue.waiting', subject: 'queue', sampling: 'value', collection: 'queues', label: label('queue.waiting'), unit: 'calls',
    read: (q) => q.waiting,
  },
  'queue.longest_wait': {
    id: 'queue.longest_wait', subject: 'queue', sampling: 'value', collection: 'queues', label: label('queue.longest_wait'), unit: 's',
    read: (q) => q.longestWaitSec,
  },
  'site.latency': {
    id: 'site.latency', subject: 'site', sampling: 'value', collection: 'sites', label: label('site.latency'), unit: 'ms',
    read: (s) => s.avgLatencyMs,
  },
  'site.rejection': {
    id: 'site.rejection', subject: 'site', sampling: 'value', collection: 'sites', label: label('site.rejection'), unit: '%',
    read: (s) => s.rejectionPct,
  },
  'vendor.alert_op': {
    id: 'vendor.alert_op', subject: 'queue', sampling: 'vendor', collection: null, label: label('vendor.alert_op'), unit: '',
  },
  'vendor.alert_file': {
    id: 'vendor.alert_file', subject: 'queue', sampling: 'vendor', collection: null, label: label('vendor.alert_file'), unit: '',
  },
  'source.down': {
    id: 'source.down', subject: 'source', sampling: 'source', collection: null, label: label('source.down'), unit: 's',
  },
};
