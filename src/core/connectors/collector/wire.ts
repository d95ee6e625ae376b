/**
 * What a collector sends on `/api/stream` (CONTRACT.md): a `snapshot`, then `patch`es. Entities are
 * read one by one, so that one unusable entity is a counted rejection and not a lost frame. The model's
 * schemas are ours, hence strict — except where a newer collector may send a value this version does
 * not know (an agent state, a queue kind, a source status), which is read as the nearest safe value.
 */
import { z } from 'zod';
import { AgentSchema, AgentStateSchema, LineSchema, LogEntrySchema, QUEUE_KINDS, QueueSchema, SiteSchema } from '../../../shared/model';

export const RemoteAgentSchema = AgentSchema.extend({ state: AgentStateSchema.catch('unknown') });
export const RemoteQueueSchema = QueueSchema.extend({ kind: z.enum(QUEUE_KINDS).catch('queue') });
export const RemoteSiteSchema = SiteSchema;
export const RemoteLineSchema = LineSchema;
export const RemoteLogSchema = LogEntrySchema;

/** A remote source: only what the mirror reads (its status is a string: an unknown one is not live). */
export const RemoteSourceSchema = z.object({
  id: z.string().min(1),
  vendor: z.string(),
  name: z.string().catch(''),
  status: z.string(),
  lastError: z.string().nullable().catch(null),
});

/** A remote alert: only what mirroring a vendor-raised alert needs. */
export const RemoteAlertSchema = z.object({
  id: z.string().min(1),
  metric: z.string(),
  state: z.string(),
  subject: z.object({ kind: z.string(), key: z.string() }),
  value: z.number().nullable().catch(null),
  message: z.string().catch(''),
  sourceId: z.string().optional(),
});

export type RemoteAgent = z.infer<typeof RemoteAgentSchema>;
export type RemoteQueue = z.infer<typeof RemoteQueueSchema>;
export type RemoteSite = z.infer<typeof RemoteSiteSchema>;
export type RemoteLine = z.infer<typeof RemoteLineSchema>;
export type RemoteLog = z.infer<typeof RemoteLogSchema>;
export type RemoteSource = z.infer<typeof RemoteSourceSchema>;
export type RemoteAlert = z.infer<typeof RemoteAlertSchema>;

const list = z.array(z.unknown());
const keys = z.array(z.string());

const SnapshotFrameSchema = z.object({
  type: z.literal('snapshot'),
  at: z.number(),
  sources: list,
  agents: list,
  queues: list,
  sites: list,
  alerts: list,
  lines: list.optional(),
  log: list.optional(),
});

const PatchFrameSchema = z.object({
  type: z.literal('patch'),
  at: z.number(),
  upsert: z
    .object({ sources: list.optional(), agents: list.optional(), queues: list.optional(), sites: list.optional(), lines: list.optional(), alerts: list.optional() })
    .default({}),
  remove: z
    .object({ sources: keys.optional(), agents: keys.optional(), queues: keys.optional(), sites: keys.optional(), lines: keys.optional(), alerts: keys.optional() })
    .default({}),
  log: list.optional(),
});

/** Entities read from a frame: the usable ones, and why each other one was not. */
export interface Entities {
  sources: RemoteSource[];
  agents: RemoteAgent[];
  queues: RemoteQueue[];
  sites: RemoteSite[];
  lines: RemoteLine[];
  alerts: RemoteAlert[];
  log: RemoteLog[];
}

export interface Rejection {
  reason: string;
  sample: unknown;
}

export interface RemoteSnapshot extends Entities {
  at: number;
}

export interface RemotePatch extends Entities {
  at: number;
  remove: { sources: string[]; agents: string[]; queues: string[]; sites: string[]; lines: string[]; alerts: string[] };
}

type Parsed<T> = { ok: true; value: T; rejected: Rejection[] } | { ok: false; reason: string };

/** The `type` of a frame already parsed as JSON, or null when it is not an object with one. */
export function frameType(json: unknown): string | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const type = (json as { type?: unknown }).type;
  return typeof type === 'string' ? type : null;
}

function each<T>(schema: z.ZodType<T>, items: unknown[] | undefined, what: string, rejected: Rejection[]): T[] {
  const out: T[] = [];
  for (const item of items ?? []) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else rejected.push({ reason: `unusable ${what} (${issue(r.error)})`, sample: item });
  }
  return out;
}

function entities(frame: { sources?: unknown[]; agents?: unknown[]; queues?: unknown[]; sites?: unknown[]; lines?: unknown[]; alerts?: unknown[] }, log: unknown[] | undefined, rejected: Rejection[]): Entities {
  return {
    sources: each(RemoteSourceSchema, frame.sources, 'source', rejected),
    agents: each(RemoteAgentSchema, frame.agents, 'agent', rejected),
    queues: each(RemoteQueueSchema, frame.queues, 'queue', rejected),
    sites: each(RemoteSiteSchema, frame.sites, 'site', rejected),
    lines: each(RemoteLineSchema, frame.lines, 'line', rejected),
    alerts: each(RemoteAlertSchema, frame.alerts, 'alert', rejected),
    log: each(RemoteLogSchema, log, 'log entry', rejected),
  };
}

export function parseSnapshot(json: unknown): Parsed<RemoteSnapshot> {
  const r = SnapshotFrameSchema.safeParse(json);
  if (!r.success) return { ok: false, reason: `malformed snapshot (${issue(r.error)})` };
  const rejected: Rejection[] = [];
  return { ok: true, value: { at: r.data.at, ...entities(r.data, r.data.log, rejected) }, rejected };
}

export function parsePatch(json: unknown): Parsed<RemotePatch> {
  const r = PatchFrameSchema.safeParse(json);
  if (!r.success) return { ok: false, reason: `malformed patch (${issue(r.error)})` };
  const rejected: Rejection[] = [];
  const rm = r.data.remove;
  const remove = { sources: rm.sources ?? [], agents: rm.agents ?? [], queues: rm.queues ?? [], sites: rm.sites ?? [], lines: rm.lines ?? [], alerts: rm.alerts ?? [] };
  return { ok: true, value: { at: r.data.at, ...entities(r.data.upsert, r.data.log, rejected), remove }, rejected };
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  return first.path.length ? `${first.path.join('.')}: ${first.message}` : first.message;
}
