/**
 * What a collector sends on `/api/stream` (CONTRACT.md): a `snapshot`, then `patch`es. Entities are
 * read one by one, so that an unusable entity is a rejection and not a lost frame; a frame's unusable
 * entities make one record (how many, and the first), and past `MAX_UNUSABLE` of them the frame is not
 * read further (each costs a schema's error report: a frame of them would block the process). The
 * model's schemas are ours, hence strict — except where a newer collector may send a value this
 * version does not know (an agent state, a queue kind, a source status), which is read as the nearest
 * safe value.
 */
import { z } from 'zod';
import { AgentSchema, AgentStateSchema, LineSchema, LogEntrySchema, QUEUE_KINDS, QueueSchema, SiteSchema } from '../../../shared/model';
import { ProblemSchema } from '../../../shared/problems';

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
  problem: ProblemSchema.nullable().optional().catch(null),
  statusSince: z.number().nullable().optional().catch(null),
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

/** The lists whose unusable members are remembered by key: what they were stays as last read. */
export type KeyedList = 'sources' | 'agents' | 'queues' | 'sites' | 'lines';

/** The unusable entities of one frame: how many, the first, and the keys (a source's id) of those that name one. */
export interface Rejections {
  count: number;
  first: Rejection | null;
  keys: Record<KeyedList, string[]>;
  /** Unusable members of the keyed lists that named no key. */
  unnamed: number;
}

/** Past this many unusable entities a frame is unusable as a whole: it is not read further. */
export const MAX_UNUSABLE = 1000;

export interface RemoteSnapshot extends Entities {
  at: number;
}

export interface RemotePatch extends Entities {
  at: number;
  remove: { sources: string[]; agents: string[]; queues: string[]; sites: string[]; lines: string[]; alerts: string[] };
}

type Parsed<T> = { ok: true; value: T; rejected: Rejections } | { ok: false; reason: string };

/** The `type` of a frame already parsed as JSON, or null when it is not an object with one. */
export function frameType(json: unknown): string | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const type = (json as { type?: unknown }).type;
  return typeof type === 'string' ? type : null;
}

export const noRejections = (): Rejections => ({ count: 0, first: null, keys: { sources: [], agents: [], queues: [], sites: [], lines: [] }, unnamed: 0 });

/** The key an unusable entity names, if any (`id` for a source), read without trusting its shape. */
function keyIn(item: unknown, field: 'key' | 'id'): string | null {
  if (!item || typeof item !== 'object') return null;
  const k = (item as Record<string, unknown>)[field];
  return typeof k === 'string' && k.length > 0 ? k : null;
}

function each<T>(schema: z.ZodType<T>, items: unknown[] | undefined, what: string, rejected: Rejections, keyed?: KeyedList): T[] {
  const out: T[] = [];
  for (const item of items ?? []) {
    if (rejected.count > MAX_UNUSABLE) break;
    const r = schema.safeParse(item);
    if (r.success) {
      out.push(r.data);
      continue;
    }
    rejected.count++;
    rejected.first ??= { reason: `unusable ${what} (${issue(r.error)})`, sample: item };
    if (!keyed) continue;
    const key = keyIn(item, keyed === 'sources' ? 'id' : 'key');
    if (key !== null) rejected.keys[keyed].push(key);
    else rejected.unnamed++;
  }
  return out;
}

function entities(frame: { sources?: unknown[]; agents?: unknown[]; queues?: unknown[]; sites?: unknown[]; lines?: unknown[]; alerts?: unknown[] }, log: unknown[] | undefined, rejected: Rejections): Entities {
  return {
    sources: each(RemoteSourceSchema, frame.sources, 'source', rejected, 'sources'),
    agents: each(RemoteAgentSchema, frame.agents, 'agent', rejected, 'agents'),
    queues: each(RemoteQueueSchema, frame.queues, 'queue', rejected, 'queues'),
    sites: each(RemoteSiteSchema, frame.sites, 'site', rejected, 'sites'),
    lines: each(RemoteLineSchema, frame.lines, 'line', rejected, 'lines'),
    alerts: each(RemoteAlertSchema, frame.alerts, 'alert', rejected),
    log: each(RemoteLogSchema, log, 'log entry', rejected),
  };
}

/** A frame with more unusable entities than `MAX_UNUSABLE`: why it is not used at all. */
function tooMany(frame: 'snapshot' | 'patch', rejected: Rejections): string | null {
  return rejected.count > MAX_UNUSABLE ? `${frame} with more than ${MAX_UNUSABLE} unusable entities (first: ${rejected.first!.reason})` : null;
}

export function parseSnapshot(json: unknown): Parsed<RemoteSnapshot> {
  const r = SnapshotFrameSchema.safeParse(json);
  if (!r.success) return { ok: false, reason: `malformed snapshot (${issue(r.error)})` };
  const rejected = noRejections();
  const value = { at: r.data.at, ...entities(r.data, r.data.log, rejected) };
  const hostile = tooMany('snapshot', rejected);
  return hostile ? { ok: false, reason: hostile } : { ok: true, value, rejected };
}

export function parsePatch(json: unknown): Parsed<RemotePatch> {
  const r = PatchFrameSchema.safeParse(json);
  if (!r.success) return { ok: false, reason: `malformed patch (${issue(r.error)})` };
  const rejected = noRejections();
  const rm = r.data.remove;
  const remove = { sources: rm.sources ?? [], agents: rm.agents ?? [], queues: rm.queues ?? [], sites: rm.sites ?? [], lines: rm.lines ?? [], alerts: rm.alerts ?? [] };
  const value = { at: r.data.at, ...entities(r.data.upsert, r.data.log, rejected), remove };
  const hostile = tooMany('patch', rejected);
  return hostile ? { ok: false, reason: hostile } : { ok: true, value, rejected };
}

/** The one record of a frame's unusable entities ("unusable agent (…)", "3 unusable entities in a patch (first: …)"), or null. */
export function rejectionReason(rejected: Rejections, frame: 'snapshot' | 'patch'): string | null {
  if (!rejected.first) return null;
  return rejected.count === 1 ? `${rejected.first.reason} in a ${frame}` : `${rejected.count} unusable entities in a ${frame} (first: ${rejected.first.reason})`;
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  return first.path.length ? `${first.path.join('.')}: ${first.message}` : first.message;
}
