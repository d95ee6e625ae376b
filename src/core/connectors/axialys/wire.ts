/**
 * Lenient wire schemas for Axialys Voice Management (seeds 001 EN / 003 FR, VENDORS.md §2).
 * Ids arrive as numbers or strings (→ strings), numbers as numbers, numeric strings or "" (→ number |
 * null). Unknown fields are ignored. The doc examples use typographic quotes; the wire is plain JSON,
 * but text that only parses once those are straightened is accepted too.
 */
import { z } from 'zod';

/**
 * For `hasOwnProperty.call(o, key)` in `for (const key in o)`: the optimizing compiler answers it from
 * the loop's key cache when it is a constant of this module (not `Object.hasOwn`, not an import),
 * where a call per key cost as much as the rest of reading a message (docs/performance.md).
 */
const hasOwnProperty = Object.prototype.hasOwnProperty;

function toId(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}

function toNum(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function toText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/** A vendor id: number or non-empty string → trimmed string; anything else → absent. */
export const idField = z.preprocess(toId, z.string().optional());

/** A number: number or numeric string; "", null or garbage → null. */
export const numField = z.preprocess(toNum, z.number().nullable()).optional();

/** Free text: strings kept, numbers stringified, "" → absent. */
export const textField = z.preprocess(toText, z.string().optional());

/** `msg` may be an object or (defensively) a JSON string of one. */
const msgField = z.preprocess((v) => {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v ?? {};
}, z.record(z.string(), z.unknown()));

export const EventSchema = z.object({
  type_notification: z.string().min(1),
  event: z.string().min(1),
  msg: msgField,
});
export type WireEvent = z.infer<typeof EventSchema>;

/** One `update` payload: `{ts, elapse, cpt, event: {type_notification, event, msg}}`. */
export const UpdateSchema = z.object({
  ts: numField,
  elapse: numField,
  cpt: numField,
  event: EventSchema,
});
export type UpdateFrame = z.infer<typeof UpdateSchema>;

/** Fields of `operator` status, `queue`/`trunk` call events and alerts (one lenient shape for all). */
export const CallMsgSchema = z.object({
  id_operator: idField,
  id_call: idField,
  id_queue: idField,
  id_trunk: idField,
  status: textField,
  caller_id_num: textField,
  call_duration: numField,
  duration_in_queue: numField,
  catchup: numField,
  rec: numField,
  service: textField,
  priority: numField,
  vip_rate: numField,
  validity: numField,
});
export type CallMsg = z.infer<typeof CallMsgSchema>;

export const UiMsgSchema = z.object({
  id_operator: idField,
  supp: textField,
  e164: textField,
  type: textField,
  priority: numField,
});
export type UiMsg = z.infer<typeof UiMsgSchema>;

export const NumMsgSchema = z.object({
  id_call: idField,
  id_num: idField,
  service: textField,
  caller_id_num: textField,
  type_dest: textField,
});
export type NumMsg = z.infer<typeof NumMsgSchema>;

export const InputMsgSchema = z.object({
  id_call: idField,
  id: idField,
  score: numField,
  input: textField,
});
export type InputMsg = z.infer<typeof InputMsgSchema>;

/**
 * CallMsgSchema and UiMsgSchema applied directly to a plain object (what JSON gives): every field
 * converter accepts anything, so a present field is converted and an absent one stays absent, as the
 * schemas do (the order of the keys may differ). `parseX(msg)` equals `XSchema.safeParse(msg).data` (null on failure); they run for every
 * event of the feed, where the schemas' generic path costs more than everything else together.
 */
function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Every field of CallMsgSchema set absent in `out` (what the last message left there is cleared), in
 * one order: every object `pickCall` fills has one shape, and so do the readers of its fields.
 */
function clearCall(out: CallMsg): CallMsg {
  out.id_operator = undefined;
  out.id_call = undefined;
  out.id_queue = undefined;
  out.id_trunk = undefined;
  out.status = undefined;
  out.caller_id_num = undefined;
  out.call_duration = undefined;
  out.duration_in_queue = undefined;
  out.catchup = undefined;
  out.rec = undefined;
  out.service = undefined;
  out.priority = undefined;
  out.vip_rate = undefined;
  out.validity = undefined;
  return out;
}

/** `readCallMsg`'s object, reused for every message. */
const callScratch = clearCall({});

/** CallMsgSchema's fields of `msg`, converted (a message carries a handful of them), written into `out`. */
function pickCall(msg: Record<string, unknown>, out: CallMsg): CallMsg {
  for (const key in msg) {
    if (!hasOwnProperty.call(msg, key)) continue;
    const v = msg[key];
    switch (key) {
      case 'id_operator':
        out.id_operator = toId(v);
        break;
      case 'id_call':
        out.id_call = toId(v);
        break;
      case 'id_queue':
        out.id_queue = toId(v);
        break;
      case 'id_trunk':
        out.id_trunk = toId(v);
        break;
      case 'status':
        out.status = toText(v);
        break;
      case 'caller_id_num':
        out.caller_id_num = toText(v);
        break;
      case 'call_duration':
        out.call_duration = toNum(v);
        break;
      case 'duration_in_queue':
        out.duration_in_queue = toNum(v);
        break;
      case 'catchup':
        out.catchup = toNum(v);
        break;
      case 'rec':
        out.rec = toNum(v);
        break;
      case 'service':
        out.service = toText(v);
        break;
      case 'priority':
        out.priority = toNum(v);
        break;
      case 'vip_rate':
        out.vip_rate = toNum(v);
        break;
      case 'validity':
        out.validity = toNum(v);
        break;
    }
  }
  return out;
}

/** UiMsgSchema's fields of `msg`, as `pickCall`. */
function pickUi(msg: Record<string, unknown>): UiMsg {
  const out: UiMsg = { id_operator: undefined, supp: undefined, e164: undefined, type: undefined, priority: undefined };
  for (const key in msg) {
    if (!hasOwnProperty.call(msg, key)) continue;
    const v = msg[key];
    switch (key) {
      case 'id_operator':
        out.id_operator = toId(v);
        break;
      case 'supp':
        out.supp = toText(v);
        break;
      case 'e164':
        out.e164 = toText(v);
        break;
      case 'type':
        out.type = toText(v);
        break;
      case 'priority':
        out.priority = toNum(v);
        break;
    }
  }
  return out;
}

export function parseCallMsg(msg: unknown): CallMsg | null {
  if (plainObject(msg)) return pickCall(msg, clearCall({}));
  const r = CallMsgSchema.safeParse(msg);
  return r.success ? r.data : null;
}

/**
 * `parseCallMsg` for normalize, which runs it for every frame and only reads the values it returns:
 * a plain message's fields are written into one object reused for every message, valid until the
 * next call — nothing may keep it or hand it on.
 */
export function readCallMsg(msg: unknown): Readonly<CallMsg> | null {
  return plainObject(msg) ? pickCall(msg, clearCall(callScratch)) : parseCallMsg(msg);
}

export function parseUiMsg(msg: unknown): UiMsg | null {
  if (plainObject(msg)) return pickUi(msg);
  const r = UiMsgSchema.safeParse(msg);
  return r.success ? r.data : null;
}

const finiteOrAbsent = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));

/**
 * The payload's event when the payload and its event are plain objects and the event's names are
 * non-empty strings (what `wellFormed` and `fastUpdate` both start from), else null.
 */
function namedEvent(value: unknown): Record<string, unknown> | null {
  if (!plainObject(value)) return null;
  const event = value.event;
  if (!plainObject(event)) return null;
  const type = event.type_notification;
  const name = event.event;
  return typeof type === 'string' && type !== '' && typeof name === 'string' && name !== '' ? event : null;
}

/** A payload whose fields are what UpdateSchema would make of them already (see `readUpdate`). */
function wellFormed(value: unknown): boolean {
  const event = namedEvent(value);
  if (!event) return false;
  const msg = event.msg;
  const v = value as Record<string, unknown>;
  return plainObject(msg) && !Object.hasOwn(msg, '__proto__') && finiteOrAbsent(v.ts) && finiteOrAbsent(v.elapse) && finiteOrAbsent(v.cpt);
}

/** UpdateSchema for a plain payload whose event and msg are plain objects; anything else: the schema. */
function fastUpdate(value: unknown): UpdateFrame | null {
  const event = namedEvent(value);
  if (!event) return null;
  const v = value as Record<string, unknown>;
  const rawMsg = event.msg;
  if (!(rawMsg === undefined || rawMsg === null || plainObject(rawMsg))) return null;
  // The schema copies `msg`; it is only read from here on, so the payload's own object serves (one
  // that spells `__proto__` as a key is copied without it, as the schema does).
  let msg: Record<string, unknown>;
  if (!rawMsg) msg = {};
  else if (!Object.hasOwn(rawMsg, '__proto__')) msg = rawMsg;
  else {
    msg = {};
    for (const k in rawMsg) if (k !== '__proto__' && hasOwnProperty.call(rawMsg, k)) msg[k] = rawMsg[k];
  }
  const frame: Record<string, unknown> = {};
  if ('ts' in v) frame.ts = toNum(v.ts);
  if ('elapse' in v) frame.elapse = toNum(v.elapse);
  if ('cpt' in v) frame.cpt = toNum(v.cpt);
  frame.event = { type_notification: event.type_notification, event: event.event, msg };
  return frame as UpdateFrame;
}

const TYPOGRAPHIC = /[\u201c\u201d\u201e\u2033\u00ab\u00bb]/g;

/** Parses text as JSON; when that fails, retries with typographic double quotes straightened. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (first) {
    const straight = text.replace(TYPOGRAPHIC, '"').replace(/[\u2018\u2019]/g, "'");
    if (straight === text) throw first;
    return JSON.parse(straight) as unknown;
  }
}

/**
 * Accepts what a Socket.IO `update` handler may receive: the payload object, a JSON string of it, the
 * whole packet `["update", {…}]`, or a bare event `{msg, type_notification, event}` (as the doc
 * examples show them). Returns the parsed frame or the reason it is unusable.
 */
export function parseUpdate(raw: unknown): { ok: true; frame: UpdateFrame } | { ok: false; reason: string } {
  const r = copyUpdate(raw);
  return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, frame: r };
}

/**
 * `parseUpdate` for the feed, which runs it for every event: the frame, or why it is unusable. A
 * payload that already has the frame's shape — plain objects, finite numbers, names as non-empty
 * strings, a plain `msg` — is read where it is rather than copied: the frame then carries the
 * payload's other keys too, which nothing reads (the values of the frame's own fields are the ones
 * `parseUpdate` gives).
 */
export function readUpdate(raw: unknown): UpdateFrame | string {
  return wellFormed(raw) ? (raw as UpdateFrame) : copyUpdate(raw);
}

/** The frame UpdateSchema makes of the payload (a copy), or why it is unusable. */
function copyUpdate(raw: unknown): UpdateFrame | string {
  let value = raw;
  try {
    if (typeof value === 'string') value = parseJsonText(value);
  } catch {
    return 'update is not valid JSON';
  }
  if (Array.isArray(value) && value[0] === 'update') value = value[1];
  if (value && typeof value === 'object' && !Array.isArray(value) && 'type_notification' in value && !('event' in value && typeof (value as { event: unknown }).event === 'object')) {
    value = { event: value };
  }
  const frame = fastUpdate(value);
  if (frame) return frame;
  const parsed = UpdateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `update without a usable ${issue?.path.join('.') || 'payload'}`;
  }
  return parsed.data;
}
