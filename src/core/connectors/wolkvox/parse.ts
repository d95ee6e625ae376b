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

/** A list from an array, a single record, or an object of records keyed by id; null when unusable. */
export function listOf(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (v === '') return [];
  if (!isObject(v)) return null;
  if (looksLikeRecord(v)) return [v];
  const values = Object.values(v);
  return values.every(isObject) ? values : null;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'record'} ${i.message}`).join('; ');
}

function records<T>(schema: z.ZodType<T>, list: unknown[], label: string, rejected: Rejection[]): T[] {
  const out: T[] = [];
  const parse = (FAST_PARSERS.get(schema) as ((item: unknown) => z.ZodSafeParseResult<T>) | undefined) ?? ((item: unknown) => schema.safeParse(item));
  list.forEach((item, i) => {
    const r = parse(item);
    if (r.success) out.push(r.data);
    else rejected.push({ reason: `${label}[${i}]: ${describe(r.error)}`, sample: item });
  });
  return out;
}

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
    return { ok: true, value: { agents: records(LatencyAgentSchema, data, 'latency.by_agent', rejected), sites: null, lines: null }, rejected };
  }
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
  const rejected: Rejection[] = [];
  return { ok: true, value: records(schema, list, report, rejected), rejected };
}

export const parseAgents = (data: unknown): Parsed<AgentRecordWire[]> => parseList(data, AgentRecordSchema, 'agents');
export const parseSkills = (data: unknown): Parsed<SkillRecordWire[]> => parseList(data, SkillRecordSchema, 'skills');
