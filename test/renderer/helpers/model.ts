/** Builders of model entities for tests. */
import type { Agent, Alert, LogEntry, Queue, Site, Snapshot, Source } from '../../../src/shared/model';

export const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

export function source(id: string, over: Partial<Source> = {}): Source {
  return { id, vendor: 'wolkvox', name: id, status: 'live', lastEventAt: T0, lastError: null, statusSince: T0, ...over };
}

export function agent(sourceId: string, id: string, over: Partial<Agent> = {}): Agent {
  return {
    key: `${sourceId}:${id}`,
    sourceId,
    vendorId: id,
    name: `Agent ${id}`,
    state: 'available',
    stateSince: T0,
    pauseReason: null,
    vendorState: null,
    call: null,
    network: null,
    ...over,
  };
}

export function net(latencyMs: number | null, over: Partial<NonNullable<Agent['network']>> = {}): NonNullable<Agent['network']> {
  return { latencyMs, txJitterMs: 5, rxJitterMs: 5, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '203.0.113.7', sampledAt: T0, ...over };
}

export function queue(sourceId: string, id: string, over: Partial<Queue> = {}): Queue {
  return {
    key: `${sourceId}:${id}`,
    sourceId,
    vendorId: id,
    name: `Queue ${id}`,
    kind: 'queue',
    waiting: 0,
    longestWaitSec: null,
    offered: null,
    answered: null,
    abandoned: null,
    serviceLevelPct: null,
    agentsAvailable: null,
    ...over,
  };
}

export function site(sourceId: string, ip: string, over: Partial<Site> = {}): Site {
  return { key: `${sourceId}:${ip}`, sourceId, ip, agents: 3, avgLatencyMs: 120, maxLatencyMs: 300, minLatencyMs: 40, rejectionPct: 0.2, ...over };
}

export function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 'agent.latency',
    metric: 'agent.latency',
    severity: 'critical',
    state: 'firing',
    subject: { kind: 'agent', key: 'wv:1' },
    value: 450,
    threshold: 400,
    since: T0,
    message: 'latency 450 ms',
    acknowledged: false,
    snoozedUntil: null,
    sourceId: 'wv',
    ...over,
  };
}

export function logEntry(id: number, over: Partial<LogEntry> = {}): LogEntry {
  return { id, at: T0 + id * 1000, sourceId: 'wv', kind: 'status', level: 'info', text: `event ${id}`, ...over };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return { at: T0, sources: [], agents: [], queues: [], sites: [], alerts: [], lines: [], log: [], ...over };
}
