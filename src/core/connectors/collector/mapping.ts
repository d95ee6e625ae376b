/**
 * One remote entity as the normalized event that recreates it under this source. A remote entity's
 * key (`{remote source}:{vendor id}`) becomes its id here, so the local key is
 * `{this source}:{remote source}:{vendor id}`: unique though two remote sources use the same vendor
 * ids (or, for sites, the same public IP), and stable across restarts of either side. References to
 * other entities (an agent's queues, its call's queue) are rewritten the same way. Entities on the
 * stream are whole, so each event is (`whole`): what the remote entity no longer has goes here too.
 */
import { entityKey } from '../../../shared/model';
import { w } from '../../../shared/log-words';
import type { Said } from '../../../shared/said';
import type { NormalizedEvent } from '../../state/events';
import type { RemoteAgent, RemoteAlert, RemoteLine, RemoteLog, RemoteQueue, RemoteSite, RemoteSource } from './wire';

/** The feed scope of every mirrored entity: a snapshot's `sync` removes what it no longer lists. */
export const MIRROR_SCOPE = 'collector';

/**
 * A mirrored vendor alert while the link is up: kept until the collector says it ended (a resolve, a
 * removal, a snapshot without it), however long the vendor keeps it up there.
 */
export const LINKED_VENDOR_ALERT_SEC = Infinity;

/**
 * How long a mirrored vendor alert outlives the link: the collector cannot say it ended meanwhile,
 * and the next snapshot settles it. This only bounds an alert whose end could not be heard.
 */
export const UNLINKED_VENDOR_ALERT_SEC = 3600;

/** Mirrored Events lines are cut here: a line is a sentence, not a payload. */
export const MAX_LOG_TEXT = 2000;

export function agentEvent(sourceId: string, a: RemoteAgent): NormalizedEvent {
  return {
    type: 'agent',
    id: a.key,
    scope: MIRROR_SCOPE,
    whole: true,
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
    whole: true,
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

/** Keyed by the remote key (two remote sources may share a public IP); its IP stays the IP. */
export function siteEvent(s: RemoteSite): NormalizedEvent {
  return {
    type: 'site',
    id: s.key,
    ip: s.ip,
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
  const via = w('via_source', { source: clip(remoteName) });
  return {
    type: 'log',
    kind: entry.kind,
    level: entry.level,
    at: entry.at,
    text: `${clip(entry.text)} (via ${clip(remoteName)})`,
    ...(entry.said?.length ? { said: [...entry.said.map(clipSaid), via] } : {}),
    ...(entry.subjectKey ? { subjectId: entry.subjectKey } : {}),
  };
}

function clip(text: string): string {
  return text.length > MAX_LOG_TEXT ? `${text.slice(0, MAX_LOG_TEXT)}…` : text;
}

/** A fragment's texts cut as the line's (an error text may quote a whole answer). */
function clipSaid(s: Said): Said {
  let params: Said['params'] | null = null;
  for (const [k, v] of Object.entries(s.params)) {
    if (typeof v !== 'string' || v.length <= MAX_LOG_TEXT) continue;
    params ??= { ...s.params };
    params[k] = clip(v);
  }
  return params ? { code: s.code, params } : s;
}

/** A remote source's health, for the alert engine (see `upstream` in state/events.ts). */
export function upstreamEvent(s: RemoteSource): NormalizedEvent {
  const lastError = s.lastError === null ? null : clip(s.lastError);
  return { type: 'upstream', id: s.id, vendor: s.vendor, name: clip(s.name || s.id), status: s.status, lastError, problem: s.problem ?? null, since: s.statusSince ?? null };
}

/** A remote source no longer listed. */
export function upstreamGone(id: string): NormalizedEvent {
  return { type: 'upstream', id, vendor: '', name: id, status: null, lastError: null };
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
