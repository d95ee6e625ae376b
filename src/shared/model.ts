/**
 * The normalized model of CONTRACT.md: what every face (tray app, collector, renderer) sees.
 * Types are inferred from zod schemas so that the collector API, the bridge and tests agree.
 * Pure TypeScript: no Node, no DOM, no Electron.
 */
import { z } from 'zod';
import { ProblemSchema } from './problems';
import { SaidSchema } from './said';

/** Vendors the engine can connect to. `collector` reads another collector (team mode). */
export const VENDORS = ['wolkvox', 'axialys', 'avaya', 'telphin', 'collector'] as const;
export const VendorSchema = z.enum(VENDORS);
export type Vendor = z.infer<typeof VendorSchema>;

/** Health of a configured source. */
export const SOURCE_STATUSES = ['connecting', 'live', 'degraded', 'down', 'auth_failed', 'stopped'] as const;
export const SourceStatusSchema = z.enum(SOURCE_STATUSES);
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

/** A configured source and its health. */
export const SourceSchema = z.object({
  id: z.string(),
  vendor: VendorSchema,
  name: z.string(),
  status: SourceStatusSchema,
  lastEventAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Extension: `lastError` as a problem code with its parameters, shown in the user's language (shared/problems.ts). */
  problem: ProblemSchema.nullable().optional(),
  /** Extension: ms since epoch when `status` last changed. */
  statusSince: z.number().nullable().optional(),
  /** Extension: a short human description of the mode (e.g. "webhook", "polling", "Socket.IO v2"). */
  mode: z.string().nullable().optional(),
  /** Extension: counters of what the connector received and rejected. */
  counters: z
    .object({ events: z.number(), rejected: z.number(), unknown: z.number() })
    .optional(),
  /** Extension: vendor-specific facts worth showing (token use, quota, subscription ids…). */
  info: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const AGENT_STATES = ['available', 'ringing', 'on_call', 'wrap_up', 'paused', 'logged_out', 'unknown'] as const;
export const AgentStateSchema = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentStateSchema>;

/** Per-agent network quality (Wolkvox latency report). */
export const NetworkSchema = z.object({
  latencyMs: z.number().nullable(),
  txJitterMs: z.number().nullable(),
  rxJitterMs: z.number().nullable(),
  txLossPct: z.number().nullable(),
  rxLossPct: z.number().nullable(),
  rejectionPct: z.number().nullable(),
  ip: z.string().nullable(),
  sampledAt: z.number().nullable(),
  /** Extensions. */
  version: z.string().nullable().optional(),
  connectionType: z.string().nullable().optional(),
  platform: z.string().nullable().optional(),
});
export type Network = z.infer<typeof NetworkSchema>;

export const CallSchema = z.object({
  id: z.string(),
  queueKey: z.string().nullable(),
  number: z.string().nullable(),
  since: z.number().nullable(),
});
export type Call = z.infer<typeof CallSchema>;

/** Scalar values kept from a vendor frame that the model has no field for. */
export const ExtraValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ExtraValue = z.infer<typeof ExtraValueSchema>;

/**
 * The unit mark ending an `extra` key whose value is an instant (epoch ms) or a duration (seconds):
 * "Logged In Since [epoch ms]", "Logon Duration [s]". Connectors write it; the dashboard shows such a
 * field as a local date and time or a clock duration, under its key without the mark.
 */
export const EXTRA_UNIT_MARK = { time: ' [epoch ms]', duration: ' [s]' } as const;

export const AgentSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  vendorId: z.string(),
  name: z.string(),
  state: AgentStateSchema,
  stateSince: z.number().nullable(),
  pauseReason: z.string().nullable(),
  vendorState: z.string().nullable(),
  call: CallSchema.nullable(),
  network: NetworkSchema.nullable(),
  /** Extension: queue/skill/group keys the agent belongs to. */
  queues: z.array(z.string()).optional(),
  /** Extension: other vendor measures, kept for display (e.g. Avaya measures, Wolkvox counters). */
  extra: z.record(z.string(), ExtraValueSchema).optional(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const QUEUE_KINDS = ['queue', 'trunk', 'skill'] as const;
export const QueueSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  vendorId: z.string(),
  name: z.string(),
  kind: z.enum(QUEUE_KINDS),
  waiting: z.number().int().nonnegative(),
  longestWaitSec: z.number().nullable(),
  offered: z.number().nullable(),
  answered: z.number().nullable(),
  abandoned: z.number().nullable(),
  serviceLevelPct: z.number().nullable(),
  agentsAvailable: z.number().nullable(),
  /** Extension: epoch ms the oldest waiting call entered (lets views tick longest wait locally). */
  oldestSince: z.number().nullable().optional(),
  extra: z.record(z.string(), ExtraValueSchema).optional(),
});
export type Queue = z.infer<typeof QueueSchema>;

/** Wolkvox `by_ip`: agents sharing a public IP. Key `{sourceId}:{ip}`. */
export const SiteSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  ip: z.string(),
  agents: z.number().nullable(),
  avgLatencyMs: z.number().nullable(),
  maxLatencyMs: z.number().nullable(),
  minLatencyMs: z.number().nullable(),
  rejectionPct: z.number().nullable(),
});
export type Site = z.infer<typeof SiteSchema>;

/** Extension: Wolkvox `by_pbx` line quality. Key `{sourceId}:{user}`. */
export const LineSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  user: z.string(),
  status: z.string().nullable(),
  txJitterMs: z.number().nullable(),
  rxJitterMs: z.number().nullable(),
  txLossPct: z.number().nullable(),
  rxLossPct: z.number().nullable(),
});
export type Line = z.infer<typeof LineSchema>;

export const SEVERITIES = ['warning', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export const SUBJECT_KINDS = ['agent', 'queue', 'site', 'source'] as const;
export const SubjectSchema = z.object({ kind: z.enum(SUBJECT_KINDS), key: z.string() });
export type Subject = z.infer<typeof SubjectSchema>;

export const AlertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  metric: z.string(),
  severity: SeveritySchema,
  state: z.enum(ALERT_STATES),
  subject: SubjectSchema,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  since: z.number(),
  message: z.string(),
  acknowledged: z.boolean(),
  snoozedUntil: z.number().nullable(),
  /** Extensions. */
  sourceId: z.string().optional(),
  subjectName: z.string().optional(),
  resolvedAt: z.number().nullable().optional(),
  firedAt: z.number().nullable().optional(),
  suppressed: z.boolean().optional(),
  /** The worst value since the alert was raised (its `value` is the latest, which may be back under the threshold). */
  peak: z.number().nullable().optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * Extension: the id of one entry of the alert history, `{id}@{firedAt}` (ms; `since` for a record
 * without `firedAt`). An alert that ends and fires again keeps its id (CONTRACT.md), so the history
 * may hold it several times: each entry is the lifecycle raised at that moment — a lifecycle is
 * raised once, and the next one of the same id only after it ended. Its start would not do: a source
 * back for less than a minute keeps its outage's start when it fails again. Live alerts are
 * addressed by their id alone.
 */
export function historyEntryId(a: Pick<Alert, 'id' | 'since' | 'firedAt'>): string {
  return `${a.id}@${a.firedAt ?? a.since}`;
}

/** Most urgent first: critical before warning, then the oldest first (the API's list, the tray menu, exports). */
export function byUrgency(a: Alert, b: Alert): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  return a.since - b.since;
}

/** Extension: one line of the live event log (Events view; Axialys `num`/`input`, status changes…). */
export const LogEntrySchema = z.object({
  id: z.number(),
  at: z.number(),
  sourceId: z.string(),
  kind: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  text: z.string(),
  subjectKey: z.string().nullable().optional(),
  /**
   * `text` as fragments any language can render (src/shared/log-words.ts). Unusable fragments are
   * dropped, not the entry: its English `text` still says it.
   */
  said: z.array(SaidSchema).nullable().optional().catch(null),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const SnapshotSchema = z.object({
  at: z.number(),
  sources: z.array(SourceSchema),
  agents: z.array(AgentSchema),
  queues: z.array(QueueSchema),
  sites: z.array(SiteSchema),
  alerts: z.array(AlertSchema),
  lines: z.array(LineSchema).optional(),
  log: z.array(LogEntrySchema).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Entity collections carried by snapshots and patches. */
export const COLLECTIONS = ['agents', 'queues', 'sites', 'lines', 'sources', 'alerts'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export interface EntityByCollection {
  agents: Agent;
  queues: Queue;
  sites: Site;
  lines: Line;
  sources: Source;
  alerts: Alert;
}

/** A coalesced change batch: whole entities upserted, keys removed; only non-empty lists present. */
export interface Patch {
  type: 'patch';
  at: number;
  upsert: { [C in Collection]?: EntityByCollection[C][] };
  remove: { [C in Collection]?: string[] };
  /** Extension: new event-log lines since the previous patch. */
  log?: LogEntry[];
}

/** Builds the `{sourceId}:{vendorId}` key every entity uses. */
export function entityKey(sourceId: string, vendorId: string): string {
  return `${sourceId}:${vendorId}`;
}
