/**
 * Lenient wire schemas for the Telphin API (seed 004, VENDORS.md §4). Ids arrive as numbers or
 * strings and are stored as strings; "" becomes null; unknown fields are ignored. Field names that
 * the public record spells in more than one way are accepted under each spelling.
 */
import { z } from 'zod';
import { hasUnsafeChar } from '../../../shared/unsafe-text';

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** A required id: string or finite number, trimmed, non-empty. */
export const IdSchema = z.preprocess(
  (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : v),
  z.string().min(1).max(128),
);

/** An optional text: numbers become strings; "", null and anything else become null. */
export const TextSchema = z
  .preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v.trim() !== '' ? v.trim() : null), z.string().nullable())
  .catch(null);

/** An optional number: numbers or numeric strings; "", null and anything else become null. */
export const NumberSchema = z
  .preprocess((v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
  }, z.number().nullable())
  .catch(null);

/** Copies the first present alias of each canonical field so one schema reads every spelling. */
function aliases(map: Record<string, string[]>) {
  return (v: unknown): unknown => {
    const o = asRecord(v);
    if (!o) return v;
    const out: Record<string, unknown> = { ...o };
    for (const [field, names] of Object.entries(map)) {
      if (out[field] !== undefined && out[field] !== null && out[field] !== '') continue;
      for (const n of names) {
        if (o[n] !== undefined && o[n] !== null && o[n] !== '') {
          out[field] = o[n];
          break;
        }
      }
    }
    return out;
  };
}

/** `POST /oauth/token` answer. */
export const TokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: NumberSchema,
  token_type: TextSchema,
});
export type TokenWire = z.infer<typeof TokenSchema>;

/** OAuth / API error bodies: `{error, error_description}` or `{message}`. */
export const ErrorBodySchema = z
  .object({ error: TextSchema, error_description: TextSchema, message: TextSchema })
  .catch({ error: null, error_description: null, message: null });

/** One queue agent of `GET /client/{id}/agent/local/` or `/remote/`. */
export const AgentSchema = z.preprocess(
  aliases({
    id: ['agent_id'],
    name: ['agent_name', 'title'],
    extension_name: ['extension', 'extension_login'],
    number: ['agent_number', 'phone', 'remote_number'],
    status: ['agent_status', 'state'],
  }),
  z.object({
    id: IdSchema,
    name: TextSchema,
    extension_id: TextSchema,
    extension_name: TextSchema,
    number: TextSchema,
    status: TextSchema,
  }),
);
export type AgentWire = z.infer<typeof AgentSchema>;

/** `event_type` values the agent-event resource knows. */
export const AGENT_EVENT_TYPES = ['agent-login', 'agent-logout'] as const;
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];

/** One agent http event (`GET …/agent/{type}/{id}/event/`). */
export const AgentEventSchema = z.object({
  id: IdSchema,
  url: TextSchema,
  method: TextSchema,
  event_type: TextSchema,
});
export type AgentEventWire = z.infer<typeof AgentEventSchema>;

const ExtensionRefSchema = z
  .preprocess((v) => (typeof v === 'number' || typeof v === 'string' ? { id: v } : v), z.object({ id: TextSchema, name: TextSchema, type: TextSchema }))
  .nullable()
  .catch(null);

/** One call of `GET /client/{id}/current_calls/` (`call_list[]`). */
export const CallSchema = z.preprocess(
  aliases({ call_id: ['call_api_id', 'callid', 'id'] }),
  z.object({
    call_id: IdSchema,
    call_flow: TextSchema,
    call_state: TextSchema,
    extension_id: TextSchema,
    caller_extension: ExtensionRefSchema,
    called_extension: ExtensionRefSchema,
    caller_id_number: TextSchema,
    called_number: TextSchema,
    init_time_gmt: z.unknown().optional(),
    answer_time_gmt: z.unknown().optional(),
  }),
);
export type CallWire = z.infer<typeof CallSchema>;

/**
 * Lists arrive bare or in an envelope (`call_list`, `items`, `results`, `data`…).
 * Returns null when no list can be found at all.
 */
export function unwrapList(body: unknown, keys: readonly string[] = ['items', 'results', 'data', 'list']): unknown[] | null {
  if (Array.isArray(body)) return body;
  const o = asRecord(body);
  if (!o) return null;
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as unknown[];
  return null;
}

export const AGENT_LIST_KEYS = ['agents', 'agent_list', 'items', 'results', 'data'] as const;
export const EVENT_LIST_KEYS = ['events', 'event_list', 'items', 'results', 'data'] as const;
export const CALL_LIST_KEYS = ['call_list', 'calls', 'items', 'results', 'data'] as const;

/**
 * `GET /client/{id}/limit/`: the shape is unpublished, so look for the agent-event limit under the
 * plausible names, as a number, a `{max|limit|value}` object, or a `[{name, value}]` list.
 */
export function parseEventLimit(body: unknown): number | null {
  const num = (v: unknown): number | null => {
    const direct = NumberSchema.parse(v);
    if (direct !== null) return direct;
    const o = asRecord(v);
    if (!o) return null;
    for (const k of ['max', 'limit', 'value', 'total']) {
      const n = NumberSchema.parse(o[k]);
      if (n !== null) return n;
    }
    return null;
  };
  const entries: [string, unknown][] = [];
  const list = Array.isArray(body) ? body : asRecord(body)?.limits;
  if (Array.isArray(list)) {
    for (const item of list) {
      const o = asRecord(item);
      const name = o && (TextSchema.parse(o.name) ?? TextSchema.parse(o.type) ?? TextSchema.parse(o.limit_type));
      if (o && name) entries.push([name, o]);
    }
  } else {
    const o = asRecord(body);
    if (o) entries.push(...Object.entries(o));
  }
  const find = (re: RegExp) => {
    for (const [k, v] of entries) {
      if (!re.test(k)) continue;
      const n = num(v);
      if (n !== null && n >= 0) return Math.floor(n);
    }
    return null;
  };
  return find(/agent.*event|event.*agent/i) ?? find(/^(max_)?(http_)?events?$/i);
}

/** The refusal of a webhook value holding such a character (the value itself is never repeated). */
export const CONTROL_CHAR_MESSAGE = 'contains a control or bidirectional-formatting character';
const noControlChar = (v: string) => !hasUnsafeChar(v);

/** An optional scalar field of a webhook: numbers become strings, "" is absent, objects are refused. */
function optionalText(max: number) {
  return z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z.string().max(max).refine(noControlChar, CONTROL_CHAR_MESSAGE).optional(),
  );
}

/**
 * Fields of one agent webhook delivery (AgentEventData). Strict about what identifies the agent
 * (a plain id, a known `agent_type`), lenient about the rest. `agent_status` stays raw: an unknown
 * value is accepted and mapped to state `unknown`. Every value is trimmed; a value that still holds a
 * control or bidirectional-formatting character (`hasUnsafeChar`) is refused, whichever the field —
 * no Telphin value has one, and kept it would forge lines of the event log or garble the dashboard.
 */
export const WebhookFieldsSchema = z.object({
  agent_id: z.preprocess(
    (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : v),
    z.string().regex(/^[A-Za-z0-9_.:@*+-]{1,64}$/, 'agent_id must be a plain id'),
  ),
  agent_status: z.string().trim().min(1, 'agent_status is empty').max(64).refine(noControlChar, CONTROL_CHAR_MESSAGE),
  agent_type: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
    z.enum(['local', 'remote']).optional(),
  ),
  agent_number: optionalText(64),
  extension_name: optionalText(200),
  event_source: optionalText(32),
});
export type WebhookFields = z.infer<typeof WebhookFieldsSchema>;
