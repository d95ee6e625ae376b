/**
 * Operator events → agent updates (CONTRACT.md "Agent state mapping"). `operator`/`status` carries the
 * call state; `UI` carries login, logout and pauses. While a call is active the call state is shown and
 * a pause taken meanwhile is remembered (pauseReason kept) until the call ends.
 */
import type { AgentState, Call } from '../../../shared/model';
import type { AgentFields, NormalizedEvent } from '../../state/events';
import { pauseName, trunkVendorId, type Directory } from './directory';
import type { MemoryView, UiState } from './memory';
import type { CallMsg, UiMsg } from './wire';
import { remembered } from '../../util/remember';

export interface AgentContext {
  sourceId: string;
  dir: Directory;
  memory: MemoryView;
  /**
   * A queue's entity key, the same string each time for a queue id (`normalizeContext`): a call's
   * queue key is compared with the entity's on every update and used as a map key, which a new
   * concatenation per frame would make a character comparison and a fresh hash each time.
   */
  queueKey(queueId: string): string;
}

/** Call statuses lower-cased, remembered (a feed uses a handful; `toLowerCase` copies even lower-case text). */
const lowerCase = remembered((raw) => raw.toLowerCase(), 1000);

/** The agent state an operator call status means, if it is a call state. */
function callStateOf(status: string): AgentState | undefined {
  switch (status) {
    case 'ringing':
      return 'ringing';
    case 'calling':
    case 'connected':
    case 'transfert_start':
    case 'transfert_end':
      return 'on_call';
    default:
      return undefined;
  }
}

function nameOf(dir: Directory, id: string): string | null {
  return dir.ops.get(id)?.name || null;
}

/**
 * The call a status names; `prev`: the operator's call as remembered (its start, queue and number
 * carry over). A status that says nothing new about the call (ringing, then connected) gives the
 * remembered call itself: emitted objects are never changed, and the state then sees the same call.
 */
function callOf(msg: CallMsg, ctx: AgentContext, at: number, prev: Call | null | undefined): Call | null {
  const id = msg.id_call;
  if (!id) return null;
  const queueId = msg.id_queue && msg.id_queue !== '0' ? msg.id_queue : msg.id_trunk ? trunkVendorId(msg.id_trunk) : null;
  const duration = msg.call_duration && msg.call_duration > 0 ? Math.min(msg.call_duration, 86_400) : 0;
  const same = prev != null && prev.id === id;
  const queueKey = queueId ? ctx.queueKey(queueId) : same ? prev.queueKey : null;
  const number = msg.caller_id_num ?? (same ? prev.number : null);
  const since = same && prev.since !== null ? prev.since : at - duration * 1000;
  if (same && prev.queueKey === queueKey && prev.number === number && prev.since === since) return prev;
  return { id, queueKey, number, since };
}

/**
 * The fields of an agent update, every one present (`undefined`: left alone), so that each update is
 * one object of one shape rather than a small one grown field by field.
 */
function agentSet(name: string | null, extra: AgentFields['extra']): AgentFields {
  return { name: name ?? undefined, extra, state: undefined, vendorState: undefined, stateSince: undefined, pauseReason: undefined, call: undefined };
}

/** `operator`/`status` (and the operator side of `connect_call`, whose status defaults to `connected`). */
export function operatorStatus(msg: CallMsg, ctx: AgentContext, at: number, defaultStatus?: string): NormalizedEvent[] {
  const id = msg.id_operator!;
  const status = lowerCase(msg.status ?? defaultStatus ?? '');
  const memo = ctx.memory.agent(id);
  const extra: Record<string, string | number | null> = { callStatus: status || null };
  if (msg.rec !== undefined) extra.rec = msg.rec;
  if (msg.service !== undefined) extra.service = msg.service;
  if (msg.catchup !== undefined) extra.catchupSec = msg.catchup;
  const callState = callStateOf(status);
  // A logged-out operator on a call or available is back, whether or not its login was seen.
  if (memo?.ui === 'logged_out' && (callState || status === 'available')) extra.ui = 'logged_in';
  const set = agentSet(nameOf(ctx.dir, id), extra);
  const agent: NormalizedEvent = { type: 'agent', id, set, at };
  if (callState) {
    const call = callOf(msg, ctx, at, memo?.call);
    set.state = callState;
    set.vendorState = status;
    set.call = call;
    // After a reconnect the first status of a running call says how long it has lasted.
    if (call?.since != null && memo?.state !== callState) set.stateSince = call.since;
    // A connected call has left its queue even if the queue's own event was missed.
    if (call && status !== 'ringing') {
      const queues = ctx.memory.queuesOfCall(call.id);
      if (queues.length) {
        const out: NormalizedEvent[] = [agent];
        for (const q of queues) out.push({ type: 'call.leave', queueId: q, callId: call.id });
        return out;
      }
    }
  } else if (memo?.ui === 'paused' && (status === 'available' || status === 'unavailable')) {
    set.state = 'paused';
    set.call = null;
  } else if (memo?.ui === 'logged_out' && status === 'unavailable') {
    // Not taking calls says nothing new about an operator who logged out: still logged out.
    set.state = 'logged_out';
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
  let ui: UiState;
  let state: AgentState;
  switch (event) {
    case 'login':
      ui = 'logged_in';
      state = 'available';
      break;
    case 'logout':
      ui = 'logged_out';
      state = 'logged_out';
      break;
    case 'pause':
      ui = 'paused';
      state = 'paused';
      break;
    case 'unpause':
      ui = 'logged_in';
      state = 'available';
      break;
    default:
      return null;
  }
  const id = msg.id_operator!;
  const set = agentSet(nameOf(ctx.dir, id), { ui });
  set.pauseReason = event === 'pause' ? pauseName(ctx.dir, msg.supp) : null;
  // Logging out ends any call; otherwise a call in progress keeps showing (the UI state is remembered).
  if (event === 'logout') set.call = null;
  if (event === 'logout' || !ctx.memory.agent(id)?.call) {
    set.state = state;
    set.vendorState = event;
  }
  return [{ type: 'agent', id, set, at }];
}
