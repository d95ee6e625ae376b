/**
 * Lenient wire schemas for Axialys Voice Management (seeds 001 EN / 003 FR, VENDORS.md §2).
 * Ids arrive as numbers or strings (→ strings), numbers as numbers, numeric strings or "" (→ number |
 * null). Unknown fields are ignored. The doc examples use typographic quotes; the wire is plain JSON,
 * but text that only parses once those are straightened is accepted too.
 */
import { z } from 'zod';

/** A vendor id: number or non-empty string → trimmed string; anything else → absent. */
export const idField = z.preprocess((v) => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}, z.string().optional());

/** A number: number or numeric string; "", null or garbage → null. */
export const numField = z
  .preprocess((v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && v.trim() !== '') {
      const n = Number(v.trim());
      return Number.isFinite(n) ? n : null;
    }
    return null;
  }, z.number().nullable())
  .optional();

/** Free text: strings kept, numbers stringified, "" → absent. */
export const textField = z.preprocess((v) => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v !== '') return v;
  return undefined;
}, z.string().optional());

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
  let value = raw;
  try {
    if (typeof value === 'string') value = parseJsonText(value);
  } catch {
    return { ok: false, reason: 'update is not valid JSON' };
  }
  if (Array.isArray(value) && value[0] === 'update') value = value[1];
  if (value && typeof value === 'object' && !Array.isArray(value) && 'type_notification' in value && !('event' in value && typeof (value as { event: unknown }).event === 'object')) {
    value = { event: value };
  }
  const parsed = UpdateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `update without a usable ${issue?.path.join('.') || 'payload'}` };
  }
  return { ok: true, frame: parsed.data };
}
