/**
 * Whatever the host sends is checked before it reaches the store. A malformed entity is dropped on its
 * own (counted), never the whole batch, so one bad row cannot blank the dashboard.
 */
import { z } from 'zod';
import {
  AgentSchema,
  AlertSchema,
  COLLECTIONS,
  LineSchema,
  LogEntrySchema,
  QueueSchema,
  SiteSchema,
  SourceSchema,
  type Collection,
  type LogEntry,
  type Patch,
  type Snapshot,
} from '../../shared/model';
import type { SettingsView } from '../../shared/bridge';
import { certainAgent, certainAlert } from './certain';

const ENTITY: Record<Collection, z.ZodType> = {
  agents: AgentSchema,
  queues: QueueSchema,
  sites: SiteSchema,
  lines: LineSchema,
  sources: SourceSchema,
  alerts: AlertSchema,
};

export interface Rejections {
  count: number;
}

export const rejections: Rejections = { count: 0 };

/**
 * Checks that answer "certainly valid, as zod would return it" faster than zod, or null to let zod
 * decide (src/renderer/bridge/certain.ts): agents and alerts are most of a big floor's snapshot.
 */
const CERTAIN = new Map<z.ZodType, (item: unknown) => unknown>([
  [AgentSchema, certainAgent],
  [AlertSchema, certainAlert],
]);

function list<T>(schema: z.ZodType, raw: unknown): T[] {
  if (!Array.isArray(raw)) return [];
  const out: T[] = [];
  const certain = CERTAIN.get(schema);
  for (const item of raw) {
    const sure = certain?.(item);
    if (sure) {
      out.push(sure as T);
      continue;
    }
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data as T);
    else rejections.count++;
  }
  return out;
}

const Keys = z.array(z.string());

function record(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

export function readSnapshot(raw: unknown): Snapshot | null {
  const r = record(raw);
  if (typeof r.at !== 'number') return null;
  const out = { at: r.at } as Snapshot;
  for (const c of COLLECTIONS) (out as unknown as Record<string, unknown[]>)[c] = list(ENTITY[c], r[c]);
  out.log = list(LogEntrySchema, r.log);
  return out;
}

/** Event log lines the host answered (`log:get`): the usable ones. */
export function readLogEntries(raw: unknown): LogEntry[] {
  return list(LogEntrySchema, raw);
}

export function readPatch(raw: unknown): Patch | null {
  const r = record(raw);
  if (typeof r.at !== 'number') return null;
  const upsert = record(r.upsert);
  const remove = record(r.remove);
  const patch: Patch = { type: 'patch', at: r.at, upsert: {}, remove: {} };
  for (const c of COLLECTIONS) {
    if (upsert[c] !== undefined) (patch.upsert as Record<string, unknown[]>)[c] = list(ENTITY[c], upsert[c]);
    if (remove[c] !== undefined) {
      const keys = Keys.safeParse(remove[c]);
      if (keys.success) patch.remove[c] = keys.data;
      else rejections.count++;
    }
  }
  if (r.log !== undefined) patch.log = list(LogEntrySchema, r.log);
  return patch;
}

/**
 * The outline of a settings view pushed by the host (`settings` event): the parts every view has and
 * the dashboard reads without looking twice. The view itself is kept as it came, like the answers of
 * `settings:get`.
 */
const SettingsOutline = z.looseObject({
  alerts: z.looseObject({ rules: z.array(z.unknown()) }),
  ui: z.looseObject({}),
  app: z.looseObject({}),
  sources: z.array(z.looseObject({ id: z.string(), vendor: z.string() })),
  host: z.enum(['tray', 'collector']),
  editable: z.boolean(),
  revision: z.number().int().nonnegative().optional(),
  epoch: z.string().max(100).optional(),
});

/** A pushed settings view, or null (counted) when it is not one. */
export function readSettingsView(raw: unknown): SettingsView | null {
  if (SettingsOutline.safeParse(raw).success) return raw as SettingsView;
  rejections.count++;
  return null;
}
