/**
 * Lenient wire schemas for Wolkvox real-time reports (seed 000, VENDORS.md §1). Numbers arrive as
 * numbers, numeric strings ("12", "0.5", "12,5", "85%") or "" → `number | null`; ids as numbers or
 * strings → trimmed strings; `error` may be null, "null" or text. Unknown fields are kept (loose).
 */
import { z } from 'zod';

/** A number from anything a report may carry; null when unusable. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  return plainDecimal(v) ? Number(v) : readNumber(v);
}

/**
 * "12", "0.5", "5.": what reports carry most, which the general reading below takes as they are
 * (digits with at most one dot, no sign, no blanks, at most 64 characters): scanned by hand.
 */
function plainDecimal(v: string): boolean {
  const n = v.length;
  if (n === 0 || n > 64) return false;
  let digits = 0;
  let dot = false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

function readNumber(v: string): number | null {
  let s = v.trim().replace(/%$/, '').trim();
  if (s === '') return null;
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (s.length > 64 || !/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A trimmed string from a string or number; "", "null" and everything else → null. */
export function toText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' || s.toLowerCase() === 'null' ? null : s;
}

export const Num = z.unknown().optional().transform(toNumber);
export const Text = z.unknown().optional().transform(toText);
/** A required id: a non-empty string or a number. */
export const Id = z
  .union([z.string(), z.number()], { error: 'missing' })
  .transform((v) => String(v).trim())
  .refine((s) => s !== '', { error: 'empty' });

/** The report envelope `{code, error, msg, data}`; a bare array body is `data` itself. */
export const EnvelopeSchema = z.looseObject({ code: Num, error: Text, msg: Text, data: z.unknown().optional() });

/** `latency` → `by_agent[]`. */
export const LatencyAgentSchema = z.looseObject({
  agent_id: Id,
  latency_ms: Num,
  ip: Text,
  version: Text,
  agent_status: Text,
  tx_jitter: Num,
  rx_jitter: Num,
  tx_ploss: Num,
  rx_ploss: Num,
  network_rejection: Num,
  connection_type: Text,
  platform: Text,
  last_date: z.unknown().optional(),
});
export type LatencyAgentWire = z.infer<typeof LatencyAgentSchema>;

/** `latency` → `by_ip[]`: agents sharing a public IP (a site). */
export const LatencyIpSchema = z.looseObject({
  ip: Id,
  total_agents: Num,
  average_latency: Num,
  maximum: Num,
  minimum: Num,
  network_rejection: Num,
});
export type LatencyIpWire = z.infer<typeof LatencyIpSchema>;

/** `latency` → `by_pbx[]`: PBX lines (strings even in the seed). */
export const LatencyPbxSchema = z.looseObject({
  user: Id,
  status: Text,
  tx_jitter: Num,
  rx_jitter: Num,
  tx_ploss: Num,
  rx_ploss: Num,
});
export type LatencyPbxWire = z.infer<typeof LatencyPbxSchema>;

/** `agents`: state and time in state; counters and `*_time` fields are read from the raw record. */
export const AgentRecordSchema = z.looseObject({
  agent_id: Id,
  agent_name: Text,
  agent_status: Text,
  time_state_now: z.unknown().optional(),
});
export type AgentRecordWire = z.infer<typeof AgentRecordSchema>;

/** `skills&skill_id=all`: one skill (queue). */
export const SkillRecordSchema = z.looseObject({
  skill_id: Id,
  skill_name: Text,
  calls_in_queue_now: Num,
  stat_inbound: Num,
  stat_answer: Num,
  stat_abandon: Num,
  service_level_10seg: Num,
  service_level_20seg: Num,
  service_level_30seg: Num,
  by_abandon: Num,
});
export type SkillRecordWire = z.infer<typeof SkillRecordSchema>;

type FieldKind = 'id' | 'num' | 'text';
type Parsed<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * `schema.safeParse` for a plain record (what JSON gives), built directly: the record kept whole (the
 * schemas are loose) with the schema's fields converted as its Id/Num/Text would. Reports carry
 * hundreds of records per poll and the schemas' generic path allocates per field; anything unusual
 * (a missing or empty id, a non-plain object) goes through the schema itself. Same results, checked
 * against the schemas in the tests; only the order of keys in the record may differ.
 */
function fastRecord<T>(schema: z.ZodType<T>, fields: readonly (readonly [string, FieldKind])[]): (item: unknown) => Parsed<T> {
  return (item) => {
    if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype || Object.hasOwn(item, '__proto__')) return schema.safeParse(item);
    const r = item as Record<string, unknown>;
    const out: Record<string, unknown> = { ...r };
    for (const [key, kind] of fields) {
      const v = r[key];
      if (kind === 'id') {
        if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return schema.safeParse(item);
        const id = String(v).trim();
        if (id === '') return schema.safeParse(item);
        out[key] = id;
      } else {
        out[key] = kind === 'num' ? toNumber(v) : toText(v);
      }
    }
    return { success: true, data: out as T };
  };
}

const num = (key: string) => [key, 'num'] as const;
const text = (key: string) => [key, 'text'] as const;
const id = (key: string) => [key, 'id'] as const;

/** The record schemas' direct parsers (parse.ts uses them when present). */
export const FAST_PARSERS = new Map<z.ZodType, (item: unknown) => Parsed<unknown>>([
  [LatencyAgentSchema, fastRecord(LatencyAgentSchema, [id('agent_id'), num('latency_ms'), text('ip'), text('version'), text('agent_status'), num('tx_jitter'), num('rx_jitter'), num('tx_ploss'), num('rx_ploss'), num('network_rejection'), text('connection_type'), text('platform')])],
  [LatencyIpSchema, fastRecord(LatencyIpSchema, [id('ip'), num('total_agents'), num('average_latency'), num('maximum'), num('minimum'), num('network_rejection')])],
  [LatencyPbxSchema, fastRecord(LatencyPbxSchema, [id('user'), text('status'), num('tx_jitter'), num('rx_jitter'), num('tx_ploss'), num('rx_ploss')])],
  [AgentRecordSchema, fastRecord(AgentRecordSchema, [id('agent_id'), text('agent_name'), text('agent_status')])],
  [SkillRecordSchema, fastRecord(SkillRecordSchema, [id('skill_id'), text('skill_name'), num('calls_in_queue_now'), num('stat_inbound'), num('stat_answer'), num('stat_abandon'), num('service_level_10seg'), num('service_level_20seg'), num('service_level_30seg'), num('by_abandon')])],
]);
