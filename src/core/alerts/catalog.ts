/**
 * The metrics rules can watch: where the value comes from, how it reads, and what a lead should look
 * at when it breaches. Built-in rules (./rules.ts) and user-added rules both refer to these ids.
 */
import type { Agent, Queue, Site, Subject } from '../../shared/model';

export type Unit = 'ms' | '%' | 'calls' | 's' | '';

/** How a metric is sampled: a new `network.sampledAt`, a change of the value, a vendor event, a source status. */
export type Sampling = 'network' | 'value' | 'vendor' | 'source';

interface Base {
  id: string;
  subject: Subject['kind'];
  sampling: Sampling;
  /** Lower-case noun used in sentences ("latency"). */
  label: string;
  /** Capitalised title for notifications ("Agent latency"). */
  title: string;
  unit: Unit;
  /** What to look at; `ip` is the agent's public IP when known. */
  hint(subjectName: string, ip: string | null): string;
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

const net = (ip: string | null, what: string) => (ip ? `${what} or public IP ${ip}` : what);

export const METRICS: Record<string, MetricDef> = {
  'agent.latency': {
    id: 'agent.latency', subject: 'agent', sampling: 'network', collection: 'agents', label: 'latency', title: 'Agent latency', unit: 'ms',
    read: (a) => a.network?.latencyMs ?? null,
    hint: (_n, ip) => `check ${net(ip, "the agent's network")}`,
  },
  'agent.jitter': {
    id: 'agent.jitter', subject: 'agent', sampling: 'network', collection: 'agents', label: 'jitter', title: 'Agent jitter', unit: 'ms',
    read: (a) => (a.network ? worse(a.network.txJitterMs, a.network.rxJitterMs) : null),
    hint: (_n, ip) => `check ${net(ip, "the agent's connection (Wi-Fi, VPN, bandwidth)")}`,
  },
  'agent.loss': {
    id: 'agent.loss', subject: 'agent', sampling: 'network', collection: 'agents', label: 'packet loss', title: 'Agent packet loss', unit: '%',
    read: (a) => (a.network ? worse(a.network.txLossPct, a.network.rxLossPct) : null),
    hint: (_n, ip) => `check ${net(ip, "the agent's connection")}`,
  },
  'agent.rejection': {
    id: 'agent.rejection', subject: 'agent', sampling: 'network', collection: 'agents', label: 'network rejection', title: 'Agent network rejection', unit: '%',
    read: (a) => a.network?.rejectionPct ?? null,
    hint: (_n, ip) => `check ${net(ip, "the agent's network and softphone")}`,
  },
  'queue.waiting': {
    id: 'queue.waiting', subject: 'queue', sampling: 'value', collection: 'queues', label: 'calls waiting', title: 'Calls waiting', unit: 'calls',
    read: (q) => q.waiting,
    hint: (name) => `put more agents on ${name} or check who is available`,
  },
  'queue.longest_wait': {
    id: 'queue.longest_wait', subject: 'queue', sampling: 'value', collection: 'queues', label: 'longest wait', title: 'Longest wait', unit: 's',
    read: (q) => q.longestWaitSec,
    hint: (name) => `answer the oldest call in ${name}`,
  },
  'site.latency': {
    id: 'site.latency', subject: 'site', sampling: 'value', collection: 'sites', label: 'average latency', title: 'Site latency', unit: 'ms',
    read: (s) => s.avgLatencyMs,
    hint: (name) => `check the internet link of public IP ${name}`,
  },
  'site.rejection': {
    id: 'site.rejection', subject: 'site', sampling: 'value', collection: 'sites', label: 'network rejection', title: 'Site network rejection', unit: '%',
    read: (s) => s.rejectionPct,
    hint: (name) => `check the internet link of public IP ${name}`,
  },
  'vendor.alert_op': {
    id: 'vendor.alert_op', subject: 'queue', sampling: 'vendor', collection: null, label: 'not enough agents', title: 'Not enough agents', unit: '',
    hint: (name) => `log more agents in to ${name}`,
  },
  'vendor.alert_file': {
    id: 'vendor.alert_file', subject: 'queue', sampling: 'vendor', collection: null, label: 'waiting threshold exceeded', title: 'Queue waiting threshold', unit: '',
    hint: (name) => `calls wait too long in ${name}: put more agents on it`,
  },
  'source.down': {
    id: 'source.down', subject: 'source', sampling: 'source', collection: null, label: 'feed lost', title: 'Feed lost', unit: 's',
    hint: () => 'check the network and the vendor status page; data from this source is frozen',
  },
};
