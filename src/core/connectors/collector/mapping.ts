/**
 * One remote entity as the normalized event that recreates it under this source. A remote entity's
 * key (`{remote source}:{vendor id}`) becomes its id here, so the local key is
 * `{this source}:{remote source}:{vendor id}`: unique though two remote sources use the same vendor
 * ids (or, for sites, the same public IP), and stable across restarts of either side. References to
 * other entities (an agent's queues, its call's queue) are rewritten the same way.
 */
import { entityKey } from '../../../shared/model';
import { w } from '../../../shared/log-words';
import type { NormalizedEvent } from '../../state/events';
import type { RemoteAgent, RemoteAlert, RemoteLine, RemoteLog, RemoteQueue, RemoteSite } from './wire';

/** The feed scope of every mirrored entity: a snapshot's `sync` removes what it no longer lists. */
export const MIRROR_SCOPE = 'collector';

/**
 * How long a mirrored vendor alert lives without news: the collector says when it resolves, and a new
 * snapshot settles it after a reconnect. This only bounds an alert whose end was never heard.
 */
export const MIRRORED_VENDOR_ALERT_SEC = 3600;

export function agentEvent(sourceId: string, a: RemoteAgent): NormalizedEvent {
  return {
    type: 'agent',
    id: a.key,
    scope: MIRROR_SCOPE,
    set: {
      name: a.name,
      state: a.state,
      // Always given (null included): the remote's time in state, not the time the mirror heard of it.
      stateSince: a.stateSince,
      pauseReason: a.pauseReason,
      vendorState: a.vendorState,
      call: a.call ? { ...a.call, queueKey: a.call.queueKey === null ? null : entityKey(sourceId, a.call.queueKey) } : null,
      network: a.network,
      ...(a.queues ? { queues: a.queues.map((q) => entityKey(sourceId, q)) } : {}),
      ...(a.extra ? { extra: a.extra } : {}),
    },
  };
}

export function queueEvent(q: RemoteQueue): NormalizedEvent {
  return {
    type: 'queue',
    id: q.key,
    scope: MIRROR_SCOPE,
    set: {
      name: q.name,
      kind: q.kind,
      waiting: q.waiting,
      longestWaitSec: q.longestWaitSec,
      offered: q.offered,
      answered: q.answered,
      abandoned: q.abandoned,
      serviceLevelPct: q.serviceLevelPct,
      agentsAvailable: q.agentsAvailable,
      oldestSince: q.oldestSince ?? null,
      ...(q.extra ? { extra: q.extra } : {}),
    },
  };
}

export function siteEvent(s: RemoteSite): NormalizedEvent {
  return {
    type: 'site',
    ip: s.key,
    scope: MIRROR_SCOPE,
    set: { agents: s.agents, avgLatencyMs: s.avgLatencyMs, maxLatencyMs: s.maxLatencyMs, minLatencyMs: s.minLatencyMs, rejectionPct: s.rejectionPct },
  };
}

export function lineEvent(l: RemoteLine): NormalizedEvent {
  return {
    type: 'line',
    user: l.key,
    scope: MIRROR_SCOPE,
    set: { status: l.status, txJitterMs: l.txJitterMs, rxJitterMs: l.rxJitterMs, txLossPct: l.txLossPct, rxLossPct: l.rxLossPct },
  };
}

/**
 * A remote Events line here, saying which remote source it came from ("… (via Wolkvox Bogotá)"): it is
 * listed under this source, and a remote "Source down" must not read as this source's own.
 */
export function logEvent(entry: RemoteLog, remoteName: string): NormalizedEvent {
  const via = w('via_source', { source: remoteName });
  return {
    type: 'log',
    kind: entry.kind,
    level: entry.level,
    at: entry.at,
    text: `${entry.text} (via ${remoteName})`,
    ...(entry.said?.length ? { said: [...entry.said, via] } : {}),
    ...(entry.subjectKey ? { subjectId: entry.subjectKey } : {}),
  };
}

/** A vendor-raised alert of the collector (Axialys `alert_op`/`alert_file`), or null for any other alert. */
export function vendorAlertOf(a: RemoteAlert): { queueId: string; metric: 'vendor.alert_op' | 'vendor.alert_file' } | null {
  if (a.subject.kind !== 'queue') return null;
  if (a.metric !== 'vendor.alert_op' && a.metric !== 'vendor.alert_file') return null;
  return { queueId: a.subject.key, metric: a.metric };
}

/** Raises (or keeps up) the mirrored vendor alert; `validitySec` 0 ends it. */
export function vendorAlertEvent(target: { queueId: string; metric: 'vendor.alert_op' | 'vendor.alert_file' }, validitySec: number, a?: RemoteAlert): NormalizedEvent {
  return {
    type: 'vendor.alert',
    queueId: target.queueId,
    metric: target.metric,
    validitySec,
    ...(a ? { value: a.value, message: a.message } : {}),
  };
}

/**
 * The entries of a snapshot's log not mirrored yet: those after the last one mirrored. When that one
 * is not among them, every entry is new: either more than a snapshot's worth came since, or the
 * collector restarted (its ids start again, and its log with them).
 */
export function unseenLog<T extends { id: number; at: number }>(entries: T[], last: { id: number; at: number } | null): T[] {
  if (last === null) return entries;
  const i = entries.findIndex((e) => e.id === last.id && e.at === last.at);
  return i < 0 ? entries : entries.slice(i + 1);
}
