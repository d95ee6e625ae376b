/**
 * Pure functions from parsed Telphin data to normalized events. No I/O, no clock: callers pass `at`.
 * State mapping (CONTRACT.md): `available` → available, `logged_out` → logged_out, anything else →
 * unknown with the raw value kept in `vendorState`. A current call makes the agent `on_call`.
 */
import type { AgentState, Call } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';
import type { AgentWire, CallWire, WebhookFields } from './wire';
import { logLine, w } from '../../../shared/log-words';
import type { Said } from '../../../shared/said';

export type AgentType = 'local' | 'remote';

/** What the agent lists (and webhooks) tell about an agent. */
export interface AgentInfo {
  id: string;
  type: AgentType;
  name: string | null;
  extensionName: string | null;
  extensionId: string | null;
  number: string | null;
}

/** What the connector last reported for an agent (to emit only on change). */
export interface AgentView {
  state: AgentState;
  vendorState: string | null;
  call: Call | null;
}

/** How a change was learnt: a webhook (with its `event_source`), a poll, or the agent list. */
export type Via = { kind: 'webhook'; eventSource: string | null } | { kind: 'poll' } | { kind: 'list' };

/** Scope of agents reported by the agent lists (a later `sync` removes those no longer listed). */
export const AGENT_SCOPE = 'agents';

export function mapStatus(raw: string | null | undefined): AgentState {
  const v = raw?.trim().toLowerCase();
  if (v === 'available') return 'available';
  if (v === 'logged_out') return 'logged_out';
  return 'unknown';
}

export function agentInfoFromWire(type: AgentType, w: AgentWire): AgentInfo {
  return {
    id: w.id,
    type,
    name: w.name ?? null,
    extensionName: w.extension_name ?? null,
    extensionId: w.extension_id ?? null,
    number: w.number ?? null,
  };
}

export function agentInfoFromWebhook(f: WebhookFields, known: AgentInfo | undefined): AgentInfo {
  return {
    id: f.agent_id,
    type: f.agent_type ?? known?.type ?? 'local',
    name: known?.name ?? null,
    extensionName: f.extension_name ?? known?.extensionName ?? null,
    extensionId: known?.extensionId ?? null,
    number: f.agent_number ?? known?.number ?? null,
  };
}

/** The name to show: the agent's name, else its extension (without the PBX domain), number or id. */
export function displayName(a: AgentInfo): string {
  if (a.name) return a.name;
  if (a.extensionName) return a.extensionName.split('@')[0] || a.extensionName;
  return a.number ?? a.id;
}

/** The agent entity fields the lists provide (no state: that comes from status/webhooks). */
export function agentInfoEvent(a: AgentInfo): NormalizedEvent {
  return {
    type: 'agent',
    id: a.id,
    scope: AGENT_SCOPE,
    set: {
      name: displayName(a),
      extra: { agentType: a.type, extension: a.extensionName, extensionId: a.extensionId, number: a.number },
    },
  };
}

/** The view an agent's raw status and current call amount to. */
export function viewOf(status: string | null, call: Call | null): AgentView {
  return { state: call ? 'on_call' : mapStatus(status), vendorState: status, call };
}

function sameCall(a: Call | null, b: Call | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.number === b.number && a.queueKey === b.queueKey && a.since === b.since;
}

export function sameView(a: AgentView | null, b: AgentView): boolean {
  return a !== null && a.state === b.state && a.vendorState === b.vendorState && sameCall(a.call, b.call);
}

/** How a change was seen, for the fragments that name no one: one shared (never modified) object each. */
const VIA_POLL = w('via_poll');
const VIA_LIST = w('via_list');
const VIA_PHONE = w('via_phone');
const VIA_API = w('via_api');
const VIA_WEBHOOK = w('via_webhook');

function viaWords(via: Via): Said {
  if (via.kind === 'poll') return VIA_POLL;
  if (via.kind === 'list') return VIA_LIST;
  const src = via.eventSource?.toLowerCase();
  return src === 'phone' ? VIA_PHONE : src === 'api' ? VIA_API : via.eventSource ? w('via_source', { source: via.eventSource }) : VIA_WEBHOOK;
}

/** The log line of a login status change ("Anna logged in (from the phone)"), in words any language can render. */
function logWords(name: string, raw: string | null, status: AgentState, via: Via): Said[] {
  const what = status === 'available' ? w('agent_login', { name }) : status === 'logged_out' ? w('agent_logout', { name }) : w('agent_status', { name, status: raw ?? '' });
  return [what, viaWords(via)];
}

/**
 * Events for an agent whose view may have changed: nothing when it did not; the agent update, and a
 * `log` line when its login status changed (not for calls starting or ending).
 */
export function changeEvents(a: AgentInfo, prev: AgentView | null, next: AgentView, via: Via, at: number): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  pushChangeEvents(events, a, prev, next, via, at);
  return events;
}

/** `changeEvents`, appended to `events`. */
export function pushChangeEvents(events: NormalizedEvent[], a: AgentInfo, prev: AgentView | null, next: AgentView, via: Via, at: number): void {
  if (sameView(prev, next)) return;
  const extra: Record<string, string | null> = { agentType: a.type };
  if (via.kind === 'webhook') extra.eventSource = via.eventSource;
  const name = displayName(a);
  events.push({
    type: 'agent',
    id: a.id,
    scope: AGENT_SCOPE,
    at,
    set: { name, state: next.state, vendorState: next.vendorState, call: next.call, pauseReason: null, extra },
  });
  if (prev === null || prev.vendorState !== next.vendorState) {
    const status = mapStatus(next.vendorState);
    const level = status === 'unknown' ? 'warning' : 'info';
    const kind = status === 'available' ? 'agent.login' : status === 'logged_out' ? 'agent.logout' : 'agent.status';
    // A line per login or logout a webhook reports: its text written from its words, without a spread.
    const said = logWords(name, next.vendorState, status, via);
    events.push({ type: 'log', kind, level, at, subjectId: a.id, text: logLine(said), said });
  }
}

/** "2017-05-30 15:07:50" (GMT), ISO strings, epoch seconds or ms → epoch ms; null when unusable. */
export function parseGmt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v > 1e12 ? v : v * 1000;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseGmt(Number(s));
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(s);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/** The other party of a call as seen from the agent. */
function otherNumber(c: CallWire): string | null {
  const flow = c.call_flow?.toUpperCase();
  if (flow === 'OUT') return c.called_number ?? null;
  return c.caller_id_number ?? c.called_number ?? null;
}

/**
 * Matches current calls to agents: local agents by extension id (caller, called or owning
 * extension), remote agents by their number. The newest call wins when an agent has several.
 */
export function callsByAgent(agents: Iterable<AgentInfo>, calls: CallWire[]): Map<string, Call> {
  const byExt = new Map<string, AgentInfo>();
  const byNumber = new Map<string, AgentInfo>();
  for (const a of agents) {
    if (a.type === 'local' && a.extensionId) byExt.set(a.extensionId, a);
    if (a.type === 'remote' && a.number) byNumber.set(digits(a.number), a);
  }
  const out = new Map<string, Call>();
  for (const c of calls) {
    const since = parseGmt(c.answer_time_gmt) ?? parseGmt(c.init_time_gmt);
    const candidates = [c.caller_extension?.id, c.called_extension?.id, c.extension_id];
    let agent: AgentInfo | undefined;
    for (const id of candidates) if (!agent && id) agent = byExt.get(id);
    for (const n of [c.called_number, c.caller_id_number]) if (!agent && n) agent = byNumber.get(digits(n));
    if (!agent) continue;
    const call: Call = { id: c.call_id, queueKey: null, number: otherNumber(c), since };
    const prev = out.get(agent.id);
    if (!prev || (call.since ?? 0) > (prev.since ?? 0)) out.set(agent.id, call);
  }
  return out;
}

function digits(n: string): string {
  return n.replace(/\D/g, '') || n;
}

/**
 * Calls waiting in queues: a current call to an extension of type `queue` that nobody answered yet.
 * Returns, per queue extension id, its name and the waiting calls (entered at `init_time_gmt`).
 */
export function queueBacklog(calls: CallWire[], now: number): Map<string, { name: string | null; calls: { callId: string; enteredAt: number }[] }> {
  const out = new Map<string, { name: string | null; calls: { callId: string; enteredAt: number }[] }>();
  for (const c of calls) {
    const q = c.called_extension;
    if (!q?.id || q.type?.toLowerCase() !== 'queue' || parseGmt(c.answer_time_gmt) !== null) continue;
    let entry = out.get(q.id);
    if (!entry) out.set(q.id, (entry = { name: q.name ?? null, calls: [] }));
    entry.calls.push({ callId: c.call_id, enteredAt: parseGmt(c.init_time_gmt) ?? now });
  }
  return out;
}
