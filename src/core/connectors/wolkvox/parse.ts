/**
 * From a response body (already JSON-decoded, still `unknown`) to validated report records.
 * `data` may be an array, an object or the body may be a bare array (VENDORS.md §1). A record that
 * fails its schema is rejected on its own; the rest of the report is still used. A body whose shape
 * cannot be understood at all is unusable: the caller counts it and keeps the known state.
 */
import type { z } from 'zod';
import {
  AgentRecordSchema,
  EnvelopeSchema,
  FAST_PARSERS,
  LatencyAgentSchema,
  LatencyIpSchema,
  LatencyPbxSchema,
  SkillRecordSchema,
  type AgentRecordWire,
  type LatencyAgentWire,
  type LatencyIpWire,
  type LatencyPbxWire,
  type SkillRecordWire,
} from './wire';

export interface Rejection {
  reason: string;
  sample?: unknown;
  /** The records this entry stands for (the ones past those described one by one); 1 when absent. */
  count?: number;
}
export type Parsed<T> = { ok: true; value: T; rejected: Rejection[] } | { ok: false; reason: string };

export interface Envelope {
  code: number | null;
  error: string | null;
  msg: string | null;
  data: unknown;
}

const LATENCY_PARTS = ['by_agent', 'by_ip', 'by_pbx'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const looksLikeRecord = (o: Record<string, unknown>) => Object.keys(o).some((k) => k.endsWith('_id') || k === 'ip' || k === 'user');

/** The envelope of a body; a bare array or a bare report object is its own `data`. */
export function readEnvelope(body: unknown): Envelope | null {
  if (Array.isArray(body)) return { code: null, error: null, msg: null, data: body };
  if (!isObject(body)) return null;
  const env = EnvelopeSchema.parse(body);
  const bare = !('data' in body) && (LATENCY_PARTS.some((k) => k in body) || looksLikeRecord(body));
  return { code: env.code, error: env.error, msg: env.msg, data: bare ? body : env.data };
}

/**
 * A list from an array, a single record, or a non-empty object of records keyed by id; null when
 * unusable. An empty object is not read as "no records": no Wolkvox report writes an empty list that
 * way, and reading it so would remove every known entity of the report.
 */
export function listOf(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (v === '') return [];
  if (!isObject(v)) return null;
  if (looksLikeRecord(v)) return [v];
  const values = Object.values(v);
  return values.length > 0 && values.every(isObject) ? values : null;
}

/** More records than any account has agents or skills: such a report is not read record by record. */
export const MAX_RECORDS = 100_000;
/** Rejected records described one by one in a report; the rest are counted in one more entry. */
export const MAX_REJECTIONS_SAID = 20;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'record'} ${i.message}`).join('; ');
}

function records<T>(schema: z.ZodType<T>, list: unknown[], label: string, rejected: Rejection[]): T[] {
  const out: T[] = [];
  const parse = (FAST_PARSERS.get(schema) as ((item: unknown) => z.ZodSafeParseResult<T>) | undefined) ?? ((item: unknown) => schema.safeParse(item));
  let unsaid = 0;
  list.forEach((item, i) => {
    const r = parse(item);
    if (r.success) out.push(r.data);
    else if (rejected.length < MAX_REJECTIONS_SAID) rejected.push({ reason: `${label}[${i}]: ${describe(r.error)}`, sample: item });
    else unsaid++;
  });
  if (unsaid > 0) rejected.push({ reason: `${label}: ${unsaid} more records rejected (the first ${MAX_REJECTIONS_SAID} are described)`, count: unsaid });
  return out;
}

/** The number of records a rejection list stands for. */
export function rejectedCount(rejected: readonly Rejection[]): number {
  let n = 0;
  for (const r of rejected) n += r.count ?? 1;
  return n;
}

const tooMany = (report: string, n: number) => `${report} report: it holds ${n.toLocaleString('en-US')} records, more than the ${MAX_RECORDS.toLocaleString('en-US')} read`;

export interface LatencyReport {
  /** null = the part was absent or unusable in this response (its entities are left as they are). */
  agents: LatencyAgentWire[] | null;
  sites: LatencyIpWire[] | null;
  lines: LatencyPbxWire[] | null;
}

/** `data[0].by_agent/by_ip/by_pbx` (several containers are merged), or a bare list of agent records. */
export function parseLatency(data: unknown): Parsed<LatencyReport> {
  const rejected: Rejection[] = [];
  const containers = Array.isArray(data) ? data : [data];
  const keyed = containers.filter((c): c is Record<string, unknown> => isObject(c) && LATENCY_PARTS.some((k) => k in c));
  if (!keyed.length) {
    if (!Array.isArray(data)) return { ok: false, reason: 'latency report: no by_agent, by_ip or by_pbx in the response' };
    if (data.length > MAX_RECORDS) return { ok: false, reason: tooMany('latency', data.length) };
    return { ok: true, value: { agents: records(LatencyAgentSchema, data, 'latency.by_agent', rejected), sites: null, lines: null }, rejected };
  }
  let total = 0;
  for (const c of keyed) for (const key of LATENCY_PARTS) total += listOf(c[key] ?? '')?.length ?? 0;
  if (total > MAX_RECORDS) return { ok: false, reason: tooMany('latency', total) };
  const part = <T>(key: (typeof LATENCY_PARTS)[number], schema: z.ZodType<T>): T[] | null => {
    let out: T[] | null = null;
    for (const c of keyed) {
      if (!(key in c)) continue;
      const list = listOf(c[key] ?? '');
      if (!list) {
        rejected.push({ reason: `latency.${key} is not a list`, sample: c[key] });
        continue;
      }
      out = [...(out ?? []), ...records(schema, list, `latency.${key}`, rejected)];
    }
    return out;
  };
  const value = { agents: part('by_agent', LatencyAgentSchema), sites: part('by_ip', LatencyIpSchema), lines: part('by_pbx', LatencyPbxSchema) };
  return { ok: true, value, rejected };
}

function parseList<T>(data: unknown, schema: z.ZodType<T>, report: string): Parsed<T[]> {
  const list = listOf(data);
  if (!list) return { ok: false, reason: `${report} report: the response holds no list of records` };
  if (list.length > MAX_RECORDS) return { ok: false, reason: tooMany(report, list.length) };
  const rejected: Rejection[] = [];
  return { ok: true, value: records(schema, list, report, rejected), rejected };
}

export const parseAgents = (data: unknown): Parsed<AgentRecordWire[]> => parseList(data, AgentRecordSchema, 'agents');
export const parseSkills = (data: unknown): Parsed<SkillRecordWire[]> => parseList(data, SkillRecordSchema, 'skills');
