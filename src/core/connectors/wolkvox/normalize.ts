/**
 * Pure functions: validated Wolkvox report records → normalized events. Each report is a `scope`;
 * a `sync` after the records removes what that report no longer lists (only when the report part
 * was present and usable, so a broken response never wipes known state).
 */
import type { ExtraValue } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';
import { agentIdentity } from './identity';
import type { LatencyReport } from './parse';
import { mapAgentStatus } from './status';
import { parseDurationSec, parseWolkvoxDate } from './time';
import { toNumber, toText, type AgentRecordWire, type LatencyAgentWire, type SkillRecordWire } from './wire';

/**
 * For `hasOwnProperty.call(o, key)` in `for (const key in o)`: the optimizing compiler answers it from
 * the loop's key cache when it is a constant of this module (not `Object.hasOwn`, not an import),
 * where a call per key cost as much as the rest of reading a message (docs/performance.md).
 */
const hasOwnProperty = Object.prototype.hasOwnProperty;

export const SCOPE = { latency: 'latency', agents: 'agents', skills: 'skills' } as const;

/** A `last_date` later than this past the poll is clock or zone skew: the poll time is used. */
const FUTURE_SKEW_MS = 60_000;
const MAX_EXTRA = 40;

/**
 * How a latency report's dates are read: `timeZone`, the account's (absent: this computer's); `clock`
 * collects the newest `last_date` of an agent the report says is connected, as read (a date in the
 * future included), which tells whether the report's clock agrees with this computer's.
 */
export interface LatencyDates {
  timeZone?: string;
  clock?: { newest: number | null };
}

/** Whether a latency-report status says the agent is connected now (a status not given says nothing). */
function connected(status: string | null): boolean {
  return status !== null && mapAgentStatus(status).state !== 'logged_out';
}

function latencyAgent(r: LatencyAgentWire, now: number, named: ReadonlySet<string>, dates: LatencyDates): Extract<NormalizedEvent, { type: 'agent' }> {
  const { vendorId, name } = agentIdentity(r.agent_id);
  const extra: Record<string, ExtraValue> = { latencyReportId: r.agent_id };
  if (r.agent_status !== null) extra.latencyReportStatus = r.agent_status;
  // In the hour the clocks go back, the later reading that is not in the future.
  const measured = parseWolkvoxDate(r.last_date, dates.timeZone, now + FUTURE_SKEW_MS);
  const clock = dates.clock;
  if (clock && measured !== null && (clock.newest === null || measured > clock.newest) && connected(r.agent_status)) clock.newest = measured;
  return {
    type: 'agent',
    id: vendorId,
    scope: SCOPE.latency,
    set: {
      name: name !== null && !named.has(vendorId) ? name : undefined,
      network: {
        latencyMs: r.latency_ms,
        txJitterMs: r.tx_jitter,
        rxJitterMs: r.rx_jitter,
        txLossPct: r.tx_ploss,
        rxLossPct: r.rx_ploss,
        rejectionPct: r.network_rejection,
        ip: r.ip,
        sampledAt: measured !== null && measured <= now + FUTURE_SKEW_MS ? measured : now,
        version: r.version,
        connectionType: r.connection_type,
        platform: r.platform,
      },
      extra,
    },
  };
}

/**
 * `latency`: per-agent network quality, `by_ip` sites and `by_pbx` lines. `named` holds the ids the
 * agents report names (`agent_name`), whose name the "1001-Ana" suffix must not overwrite.
 */
export function normalizeLatency(report: LatencyReport, now: number, named: ReadonlySet<string> = new Set(), dates: LatencyDates = {}): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  if (report.agents) {
    const ids = report.agents.map((r) => {
      const ev = latencyAgent(r, now, named, dates);
      out.push(ev);
      return ev.id;
    });
    out.push({ type: 'sync', collection: 'agents', scope: SCOPE.latency, ids });
  }
  if (report.sites) {
    for (const s of report.sites) {
      const set = { agents: s.total_agents, avgLatencyMs: s.average_latency, maxLatencyMs: s.maximum, minLatencyMs: s.minimum, rejectionPct: s.network_rejection };
      out.push({ type: 'site', ip: s.ip, scope: SCOPE.latency, set });
    }
    out.push({ type: 'sync', collection: 'sites', scope: SCOPE.latency, ids: report.sites.map((s) => s.ip) });
  }
  if (report.lines) {
    for (const l of report.lines) {
      const set = { status: l.status, txJitterMs: l.tx_jitter, rxJitterMs: l.rx_jitter, txLossPct: l.tx_ploss, rxLossPct: l.rx_ploss };
      out.push({ type: 'line', user: l.user, scope: SCOPE.latency, set });
    }
    out.push({ type: 'sync', collection: 'lines', scope: SCOPE.latency, ids: report.lines.map((l) => l.user) });
  }
  return out;
}

const AGENT_KNOWN = new Set(['agent_id', 'agent_name', 'agent_status', 'time_state_now']);

/** Counters stay numbers, `*_time` fields become seconds, other scalars are kept as text. */
function agentExtra(r: AgentRecordWire): Record<string, ExtraValue> {
  const extra: Record<string, ExtraValue> = { agentsReportId: r.agent_id };
  let n = 0;
  const fields = r as Record<string, unknown>;
  for (const k in fields) {
    if (!hasOwnProperty.call(fields, k) || AGENT_KNOWN.has(k) || n >= MAX_EXTRA) continue;
    const v = fields[k];
    if (typeof v === 'object' && v !== null) continue;
    n++;
    if (k.endsWith('_time')) extra[k] = parseDurationSec(v) ?? toText(v);
    else extra[k] = toNumber(v) ?? (typeof v === 'boolean' ? v : toText(v)?.slice(0, 200) ?? null);
  }
  return extra;
}

/** The ids the agents report gives a name to (see `normalizeLatency`). */
export function namedIds(records: AgentRecordWire[]): Set<string> {
  return new Set(records.filter((r) => r.agent_name !== null).map((r) => agentIdentity(r.agent_id).vendorId));
}

/** `agents`: state, time in state, name and counters. */
export function normalizeAgents(records: AgentRecordWire[], now: number): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  const ids: string[] = [];
  for (const r of records) {
    const identity = agentIdentity(r.agent_id);
    const set: Extract<NormalizedEvent, { type: 'agent' }>['set'] = { name: r.agent_name ?? identity.name ?? undefined, extra: agentExtra(r) };
    if (r.agent_status !== null) {
      const mapped = mapAgentStatus(r.agent_status);
      set.state = mapped.state;
      set.pauseReason = mapped.pauseReason;
      set.vendorState = r.agent_status;
      const inState = parseDurationSec(r.time_state_now);
      if (inState !== null && inState <= 366 * 86_400) set.stateSince = now - Math.round(inState * 1000);
    }
    out.push({ type: 'agent', id: identity.vendorId, scope: SCOPE.agents, set });
    ids.push(identity.vendorId);
  }
  out.push({ type: 'sync', collection: 'agents', scope: SCOPE.agents, ids });
  return out;
}

const LONGEST_WAIT_FIELDS = ['max_wait_time', 'longest_wait', 'longest_wait_time', 'max_time_in_queue'];
const AVAILABLE_FIELDS = ['agents_available', 'available_agents', 'agents_ready'];

function firstOf<T>(r: Record<string, unknown>, keys: string[], parse: (v: unknown) => T | null): T | null {
  for (const k of keys) if (k in r) return parse(r[k]);
  return null;
}

/** `skills`: one queue of kind `skill` per skill; service level 20 s is the headline. */
export function normalizeSkills(records: SkillRecordWire[]): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (const r of records) {
    const offered = r.stat_inbound;
    const abandoned = r.stat_abandon;
    const abandonRate = r.by_abandon ?? (offered && abandoned !== null ? Math.round((abandoned / offered) * 1000) / 10 : null);
    out.push({
      type: 'queue',
      id: r.skill_id,
      scope: SCOPE.skills,
      set: {
        kind: 'skill',
        name: r.skill_name ?? r.skill_id,
        waiting: r.calls_in_queue_now,
        offered,
        answered: r.stat_answer,
        abandoned,
        serviceLevelPct: r.service_level_20seg,
        longestWaitSec: firstOf(r, LONGEST_WAIT_FIELDS, parseDurationSec),
        agentsAvailable: firstOf(r, AVAILABLE_FIELDS, toNumber),
        extra: { serviceLevel10Pct: r.service_level_10seg, serviceLevel30Pct: r.service_level_30seg, abandonRatePct: abandonRate },
      },
    });
  }
  out.push({ type: 'sync', collection: 'queues', scope: SCOPE.skills, ids: records.map((r) => r.skill_id) });
  return out;
}
