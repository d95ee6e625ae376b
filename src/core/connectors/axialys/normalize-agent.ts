/**
 * Operator events → agent updates (CONTRACT.md "Agent state mapping"). `operator`/`status` carries the
 * call state; `UI` carries login, logout and pauses. While a call is active the call state is shown and
 * a pause taken meanwhile is remembered (pauseReason kept) until the call ends.
 */
import { entityKey, type AgentState, type Call } from '../../../shared/model';
import type { AgentFields, NormalizedEvent } from '../../state/events';
import { pauseName, trunkVendorId, type Directory } from './directory';
import type { MemoryView } from './memory';
import type { CallMsg, UiMsg } from './wire';

export interface AgentContext {
  sourceId: string;
  dir: Directory;
  memory: MemoryView;
}

const CALL_STATES: Record<string, AgentState> = {
  ringing: 'ringing',
  calling: 'on_call',
  connected: 'on_call',
  transfert_start: 'on_call',
  transfert_end: 'on_call',
};

function nameOf(dir: Directory, id: string): string | null {
  return dir.ops.get(id)?.name || null;
}

function callOf(msg: CallMsg, ctx: AgentContext, at: number): Call | null {
  if (!msg.id_call) return null;
  const prev = ctx.memory.agent(msg.id_operator!)?.call;
  const queueId = msg.id_queue && msg.id_queue !== '0' ? msg.id_queue : msg.id_trunk ? trunkVendorId(msg.id_trunk) : null;
  const duration = msg.call_duration && msg.call_duration > 0 ? Math.min(msg.call_duration, 86_400) : 0;
  return {
    id: msg.id_call,
    queueKey: queueId ? entityKey(ctx.sourceId, queueId) : (prev?.id === msg.id_call ? prev.queueKey : null),
    number: msg.caller_id_num ?? (prev?.id === msg.id_call ? prev.number : null),
    since: prev?.id === msg.id_call && prev.since !== null ? prev.since : at - duration * 1000,
  };
}

/** `operator`/`status` (and the operator side of `connect_call`). */
export function operatorStatus(msg: CallMsg, ctx: AgentContext, at: number): NormalizedEvent[] {
  const id = msg.id_operator!;
  const status = (msg.status ?? '').toLowerCase();
  const memo = ctx.memory.agent(id);
  const extra: Record<string, string | number | null> = { callStatus: status || null };
  if (msg.rec !== undefined) extra.rec = msg.rec;
  if (msg.service !== undefined) extra.service = msg.service;
  if (msg.catchup !== undefined) extra.catchupSec = msg.catchup;
  const name = nameOf(ctx.dir, id);
  const set: AgentFields = name ? { name, extra } : { extra };
  const agent: NormalizedEvent = { type: 'agent', id, set, at };
  const callState = Object.hasOwn(CALL_STATES, status) ? CALL_STATES[status] : undefined;
  if (callState) {
    const call = callOf(msg, ctx, at);
    set.state = callState;
    set.vendorState = status;
    set.call = call;
    // After a reconnect the first status of a running call says how long it has lasted.
    if (call?.since != null && memo?.state !== callState) set.stateSince = call.since;
    // A connected call has left its queue even if the queue's own event was missed.
    if (call && status !== 'ringing') {
      const queues = ctx.memory.queuesOfCall(call.id);
      if (queues.length) return [agent, ...queues.map((q): NormalizedEvent => ({ type: 'call.leave', queueId: q, callId: call.id }))];
    }
  } else if (memo?.ui === 'paused' && (status === 'available' || status === 'unavailable')) {
    set.state = 'paused';
    set.call = null;
  } else {
    const state: AgentState = status === 'available' ? 'available' : 'unknown';
    set.state = state;
    set.vendorState = status || null;
    set.call = null;
  }
  return [agent];
}

/** `UI` login / logout / pause / unpause. Returns null for UI events that are not agent states. */
export function uiEvent(event: string, msg: UiMsg, ctx: AgentContext, at: number): NormalizedEvent[] | null {
  const id = msg.id_operator!;
  const onCall = Boolean(ctx.memory.agent(id)?.call);
  const name = nameOf(ctx.dir, id);
  const base: Partial<AgentFields> = name ? { name } : {};
  let set: AgentFields;
  switch (event) {
    case 'login':
      set = { ...base, pauseReason: null, extra: { ui: 'logged_in' }, ...(onCall ? {} : { state: 'available', vendorState: 'login' }) };
      break;
    case 'logout':
      set = { ...base, state: 'logged_out', vendorState: 'logout', pauseReason: null, call: null, extra: { ui: 'logged_out' } };
      break;
    case 'pause':
      set = { ...base, pauseReason: pauseName(ctx.dir, msg.supp), extra: { ui: 'paused' }, ...(onCall ? {} : { state: 'paused', vendorState: 'pause' }) };
      break;
    case 'unpause':
      set = { ...base, pauseReason: null, extra: { ui: 'logged_in' }, ...(onCall ? {} : { state: 'available', vendorState: 'unpause' }) };
      break;
    default:
      return null;
  }
  return [{ type: 'agent', id, set, at }];
}
