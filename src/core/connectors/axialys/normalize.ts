/**
 * Pure mapping of one Axialys `update` frame to normalized events (VENDORS.md §2 event catalogue).
 * Time of the event: `ts − elapse` (seconds) when `ts` agrees with the local clock, otherwise local
 * receipt time − elapse (a PC clock that is off must not make waits negative or huge).
 */
import { z } from 'zod';
import { entityKey } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';
import { trunkVendorId, type Directory } from './directory';
import type { MemoryView } from './memory';
import { operatorStatus, uiEvent, type AgentContext } from './normalize-agent';
import { InputMsgSchema, NumMsgSchema, parseUiMsg, readCallMsg, type UpdateFrame } from './wire';
import { remembered } from '../../util/remember';
import { logEntry, logLine, w } from '../../../shared/log-words';

export interface NormalizeContext extends AgentContext {
  /** Local time the frame was received (ms). */
  now: number;
}

/** A feed's normalize context (one per feed, its `now` set per frame). */
export function normalizeContext(sourceId: string, dir: Directory, memory: MemoryView): NormalizeContext {
  return { sourceId, now: 0, dir, memory, queueKey: remembered((queueId) => entityKey(sourceId, queueId), 1000, 64) };
}

/** The frame's events (an array, possibly empty), or why there are none. */
export type NormalizeResult = NormalizedEvent[] | { kind: 'unknown'; what: string } | { kind: 'rejected'; reason: string };

/** Beyond this difference between `ts` and the local clock, `ts` is not trusted. */
const MAX_SKEW_MS = 5 * 60_000;

export function eventTime(frame: Pick<UpdateFrame, 'ts' | 'elapse'>, now: number): number {
  const elapseMs = Math.min(3600, Math.max(0, frame.elapse ?? 0)) * 1000;
  const ts = typeof frame.ts === 'number' ? frame.ts * 1000 : null;
  const base = ts !== null && Math.abs(ts - now) <= MAX_SKEW_MS ? ts : now;
  return Math.min(now, base - elapseMs);
}

const rejected = (reason: string): NormalizeResult => ({ kind: 'rejected', reason });

function parse<T extends z.ZodType>(schema: T, msg: unknown): z.infer<T> | null {
  const r = schema.safeParse(msg);
  return r.success ? r.data : null;
}

/** Notification and event names, trimmed and lower-cased, remembered: a feed uses a few dozen. */
const trimmedLower = remembered((raw) => raw.trim().toLowerCase(), 1000);

function canonicalName(raw: string): string {
  // The spellings the feed sends for every event are already canonical: no lookup for them.
  switch (raw) {
    case 'status':
    case 'operator':
    case 'queue':
    case 'insert_call':
    case 'connect_call':
    case 'delete_call':
    case 'pause':
    case 'unpause':
    case 'login':
    case 'logout':
      return raw;
    case 'UI':
      return 'ui';
  }
  return trimmedLower(raw);
}

export function normalizeUpdate(frame: UpdateFrame, ctx: NormalizeContext): NormalizeResult {
  const type = canonicalName(frame.event.type_notification);
  const name = canonicalName(frame.event.event);
  const at = eventTime(frame, ctx.now);
  const msg = frame.event.msg;
  // The normalize context is an agent context too (same fields): no copy per frame.
  const actx: AgentContext = ctx;
  switch (type) {
    case 'operator': {
      if (name !== 'status') break;
      const m = readCallMsg(msg);
      if (!m?.id_operator) return rejected('operator status without id_operator');
      return operatorStatus(m, actx, at);
    }
    case 'ui': {
      const m = parseUiMsg(msg);
      if (!m?.id_operator) return rejected(`UI ${name} without id_operator`);
      const out = uiEvent(name, m, actx, at);
      if (out) return out;
      if (name === 'push' || name === 'push_cancel') return [pushLog(name, m.id_operator, ctx.dir, at, m.e164)];
      break;
    }
    case 'queue':
    case 'trunk':
      return queueEvent(type, name, msg, ctx, at) ?? { kind: 'unknown', what: `${type}/${name}` };
    case 'num':
      return numEvent(name, msg, ctx, at) ?? { kind: 'unknown', what: `num/${name}` };
    case 'input': {
      if (name !== 'asr') break;
      const m = parse(InputMsgSchema, msg);
      if (!m) return rejected('input asr without fields');
      const said = [w('asr', { input: m.input ?? '' })];
      // As sent: a confidence of 0.87 is not rounded.
      if (m.score !== null && m.score !== undefined) said.push(w('asr_score', { score: String(m.score) }));
      if (m.id_call) said.push(w('on_call', { call: m.id_call }));
      return [{ type: 'log', kind: 'axialys.input', ...logEntry(said), at }];
    }
    case 'pushcall': {
      const m = readCallMsg(msg);
      return [pushLog('pushcall', m?.id_operator, ctx.dir, at, m?.caller_id_num)];
    }
  }
  return { kind: 'unknown', what: `${type}/${name}` };
}

function pushLog(kind: string, operator: string | undefined, dir: Directory, at: number, number?: string): NormalizedEvent {
  const name = operator ? dir.ops.get(operator)?.name : undefined;
  const said = [w(kind === 'push_cancel' ? 'push_cancel' : 'push'), name ? w('to_name', { name }) : operator ? w('to_operator', { id: operator }) : w('to_anyone')];
  if (number) said.push(w('number', { number }));
  return { type: 'log', kind: `axialys.${kind}`, ...logEntry(said), at, ...(operator ? { subjectId: operator } : {}) };
}

function queueEvent(type: 'queue' | 'trunk', name: string, msg: unknown, ctx: NormalizeContext, at: number): NormalizeResult | null {
  const m = readCallMsg(msg);
  const rawId = type === 'trunk' ? (m?.id_trunk ?? m?.id_queue) : m?.id_queue;
  if (!m || !rawId) return rejected(`${type} ${name} without ${type === 'trunk' ? 'id_trunk' : 'id_queue'}`);
  const queueId = type === 'trunk' ? trunkVendorId(rawId) : rawId;
  const kind = type === 'trunk' ? ('trunk' as const) : ('queue' as const);
  const qName = (type === 'trunk' ? ctx.dir.trunks.get(rawId) : ctx.dir.groupes.get(rawId)) ?? undefined;
  switch (name) {
    case 'insert_call': {
      if (!m.id_call) return rejected(`${type} insert_call without id_call`);
      const waited = Math.min(86_400, Math.max(0, m.duration_in_queue ?? 0)) * 1000;
      return [{ type: 'call.enter', queueId, callId: m.id_call, enteredAt: at - waited, kind, name: qName || undefined }];
    }
    case 'connect_call':
    case 'delete_call': {
      if (!m.id_call) return rejected(`${type} ${name} without id_call`);
      const out: NormalizedEvent[] = [{ type: 'call.leave', queueId, callId: m.id_call }];
      if (name === 'connect_call' && m.id_operator) {
        for (const ev of operatorStatus(m, ctx, at, 'connected')) out.push(ev);
      }
      return out;
    }
    case 'alert_op':
    case 'alert_file':
      return vendorAlert(name, queueId, rawId, kind, qName, m.validity, m.duration_in_queue, at);
  }
  return null;
}

function vendorAlert(
  name: 'alert_op' | 'alert_file',
  queueId: string,
  /** The id as Axialys names it (a trunk's without the prefix its queue id carries here). */
  rawId: string,
  kind: 'queue' | 'trunk',
  qName: string | undefined,
  validity: number | null | undefined,
  waited: number | null | undefined,
  at: number,
): NormalizedEvent[] {
  // `validity` is read as seconds (0: the alert no longer holds); a value that looks like an epoch is
  // turned into the seconds left. Absent or unreadable: the alert engine's default applies.
  let validitySec = typeof validity === 'number' ? Math.max(0, validity) : null;
  if (validitySec !== null && validitySec > 1e9) validitySec = Math.max(0, Math.round(validitySec - at / 1000));
  const said = [w(name), qName ? w('to_name', { name: qName }) : w(kind === 'trunk' ? 'trunk_id' : 'queue_id', { id: rawId })];
  if (name === 'alert_file' && typeof waited === 'number') said.push(w('in_queue_for', { seconds: Math.round(waited) }));
  const message = logLine(said);
  const metric = name === 'alert_op' ? ('vendor.alert_op' as const) : ('vendor.alert_file' as const);
  return [
    { type: 'queue', id: queueId, set: { kind, ...(qName ? { name: qName } : {}) } },
    { type: 'vendor.alert', queueId, metric, validitySec, value: name === 'alert_file' ? (waited ?? null) : null, message, at },
    { type: 'log', kind: `axialys.${name}`, level: 'warning', text: message, said, subjectId: queueId, at },
  ];
}

function numEvent(name: string, msg: unknown, ctx: NormalizeContext, at: number): NormalizeResult | null {
  if (name !== 'start' && name !== 'answer' && name !== 'end') return null;
  const m = parse(NumMsgSchema, msg);
  if (!m) return rejected(`num ${name} without fields`);
  const said = [w(name === 'start' ? 'call_start' : name === 'answer' ? 'call_answer' : 'call_end')];
  if (m.caller_id_num) said.push(w('from', { number: m.caller_id_num }));
  if (m.service) said.push(w('to_service', { service: m.service }));
  if (m.type_dest) said.push(w('dest', { dest: m.type_dest }));
  if (m.id_call) said.push(w('call_id', { call: m.id_call }));
  const out: NormalizedEvent[] = [{ type: 'log', kind: 'axialys.num', ...logEntry(said), at }];
  // A call that ended cannot still be waiting, even if its queue's delete_call was missed.
  if (name === 'end' && m.id_call) for (const q of ctx.memory.queuesOfCall(m.id_call)) out.push({ type: 'call.leave', queueId: q, callId: m.id_call });
  return out;
}
