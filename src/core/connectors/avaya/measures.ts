/**
 * One pass over a frame's measures for the usual case — every measure name spelled once — reading
 * the fields the model uses and converting the others into `extra`, with what is known about each
 * name (lower-cased form, role, catalog type and label) looked up once per name rather than per
 * frame. Gives exactly what normalize.ts's general reading gives; a frame that spells a measure twice
 * (in two letter cases), or brings names beyond what is remembered, returns null and takes the
 * general reading.
 */
import type { ExtraValue } from '../../../shared/model';
import type { MeasureCatalog } from './catalog';
import { convertMeasure } from './convert';
import type { MeasureType } from './wire';

/** Fields the model reads, per collection; every other measure goes to `extra` (firstName etc. too). */
export const AGENT_ROLES = ['agentstate', 'reasoncodename', 'agentdisplayname', 'timeinstate', 'agentfirstname', 'agentlastname', 'agentloginid'] as const;
export const QUEUE_ROLES = ['queuename', 'contactsqueueing', 'offered', 'answered', 'abandonedfromqueue', 'abandoned'] as const;
/** Roles below these indexes are consumed by the model (not kept in `extra`). */
const AGENT_USED = 4;
const QUEUE_USED = QUEUE_ROLES.length;

interface Slot {
  /** Frame in which this lower-cased name was last seen (two spellings in one frame: general path). */
  seen: number;
}

interface MeasureInfo {
  slot: Slot;
  agentRole: number;
  queueRole: number;
  type: MeasureType | null;
  label: string | null;
}

const slots = new Map<string, Slot>();
const withoutCatalog = new Map<string, MeasureInfo>();
const byCatalog = new WeakMap<MeasureCatalog, Map<string, MeasureInfo>>();
let frameSeq = 0;

/** Names remembered per catalog (and lower-cased names overall); beyond, frames take the general path. */
const MAX_NAMES = 5000;

function cacheOf(catalog: MeasureCatalog | undefined): Map<string, MeasureInfo> {
  if (!catalog) return withoutCatalog;
  let cache = byCatalog.get(catalog);
  if (!cache) byCatalog.set(catalog, (cache = new Map()));
  return cache;
}

function infoOf(cache: Map<string, MeasureInfo>, catalog: MeasureCatalog | undefined, name: string): MeasureInfo | null {
  let info = cache.get(name);
  if (info === undefined) {
    if (cache.size >= MAX_NAMES) return null;
    const lower = name.toLowerCase();
    let slot = slots.get(lower);
    if (!slot) {
      if (slots.size >= MAX_NAMES) return null;
      slots.set(lower, (slot = { seen: 0 }));
    }
    const def = catalog?.get(lower);
    info = {
      slot,
      agentRole: (AGENT_ROLES as readonly string[]).indexOf(lower),
      queueRole: (QUEUE_ROLES as readonly string[]).indexOf(lower),
      type: def?.type ?? null,
      label: def?.displayName ?? null,
    };
    cache.set(name, info);
  }
  return info;
}

export interface ReadMeasures {
  /** Values of the model's fields by role index (undefined: not in the frame). */
  fields: (string | null | undefined)[];
  extra: Record<string, ExtraValue> | null;
}

/**
 * Reads `values` for `collection`. Null when a name is spelled twice (the general reading decides
 * which spelling wins).
 */
export function readMeasures(
  values: Record<string, string | null>,
  collection: 'agents' | 'queues',
  catalog: MeasureCatalog | undefined,
  labels: boolean,
  maxExtra: number,
): ReadMeasures | null {
  const seq = ++frameSeq;
  const cache = cacheOf(catalog);
  const agents = collection === 'agents';
  const used = agents ? AGENT_USED : QUEUE_USED;
  const fields: (string | null | undefined)[] = agents ? [undefined, undefined, undefined, undefined, undefined, undefined, undefined] : [undefined, undefined, undefined, undefined, undefined, undefined];
  let extra: Record<string, ExtraValue> | null = null;
  let n = 0;
  for (const name in values) {
    const info = infoOf(cache, catalog, name);
    if (info === null || info.slot.seen === seq) return null;
    info.slot.seen = seq;
    const raw = values[name] ?? null;
    const role = agents ? info.agentRole : info.queueRole;
    if (role >= 0) {
      fields[role] = raw;
      if (role < used) continue;
    }
    if (++n > maxExtra) continue;
    extra ??= {};
    let key = (labels && info.label) || name;
    if (key in extra) key = `${key} (${name})`;
    extra[key] = convertMeasure(raw, info.type);
  }
  return { fields, extra };
}
