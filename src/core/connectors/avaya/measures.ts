/**
 * One pass over a frame's measures for the usual case — every measure name spelled once — reading
 * the fields the model uses and converting the others into `extra`, with what is known about each
 * name (lower-cased form, role, catalog type, label and kind) looked up once per name rather than per
 * frame. Gives exactly what normalize.ts's general reading gives; a frame that spells a measure twice
 * (in two letter cases), or brings names beyond what is remembered, returns null and takes the
 * general reading.
 */
import type { ExtraValue } from '../../../shared/model';
import type { MeasureCatalog } from './catalog';
import { extraValue, markedKey, measureKind, type MeasureKind } from './convert';
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
  /** Its kind when keys go by the catalog (`labels`), and when they go by names. */
  kindTyped: MeasureKind | null;
  kindNamed: MeasureKind | null;
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
    const type = def?.type ?? null;
    info = {
      slot,
      agentRole: (AGENT_ROLES as readonly string[]).indexOf(lower),
      queueRole: (QUEUE_ROLES as readonly string[]).indexOf(lower),
      type,
      label: def?.displayName ?? null,
      kindTyped: measureKind(lower, type, true),
      kindNamed: measureKind(lower, type, false),
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
 * A frame's measure names in order, as the last frame of a producer spelled them, with what the
 * reading made of each (its info, and its key in `extra`, null when not kept there) and an `extra`
 * holding those keys: producers send the same names in the same order frame after frame, so the next
 * frame copies that object and fills in its values instead of building one key by key.
 */
interface Shape {
  names: string[];
  infos: MeasureInfo[];
  keys: (string | null)[];
  /** The kind each name's value is read as (with `labels` or without, as the shape was read). */
  kinds: (MeasureKind | null)[];
  template: Record<string, ExtraValue> | null;
}

/** Per name cache: the last shape per collection and labelling. */
const shapes = new WeakMap<Map<string, MeasureInfo>, (Shape | null)[]>();

function shapeSlot(cache: Map<string, MeasureInfo>, agents: boolean, labels: boolean): { list: (Shape | null)[]; at: number } {
  let list = shapes.get(cache);
  if (!list) shapes.set(cache, (list = [null, null, null, null]));
  return { list, at: (agents ? 0 : 2) + (labels ? 1 : 0) };
}

/** The reading of a frame whose names are the shape's, in order; null when they are not. */
function readShaped(values: Record<string, string | null>, shape: Shape, agents: boolean, used: number): ReadMeasures | null {
  const { names, infos, keys, kinds } = shape;
  const fields: (string | null | undefined)[] = agents ? [undefined, undefined, undefined, undefined, undefined, undefined, undefined] : [undefined, undefined, undefined, undefined, undefined, undefined];
  const extra = shape.template === null ? null : { ...shape.template };
  let i = 0;
  for (const name in values) {
    if (names[i] !== name) return null;
    const info = infos[i]!;
    const kind = kinds[i]!;
    const key = keys[i++];
    const raw = values[name] ?? null;
    const role = agents ? info.agentRole : info.queueRole;
    if (role >= 0) {
      fields[role] = raw;
      if (role < used) continue;
    }
    if (key !== null) extra![key] = extraValue(raw, info.type, kind);
  }
  return i === names.length ? { fields, extra } : null;
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
  const cache = cacheOf(catalog);
  const agents = collection === 'agents';
  const used = agents ? AGENT_USED : QUEUE_USED;
  const slot = shapeSlot(cache, agents, labels);
  const last = slot.list[slot.at];
  if (last) {
    const shaped = readShaped(values, last, agents, used);
    if (shaped) return shaped;
  }
  const seq = ++frameSeq;
  const fields: (string | null | undefined)[] = agents ? [undefined, undefined, undefined, undefined, undefined, undefined, undefined] : [undefined, undefined, undefined, undefined, undefined, undefined];
  const shape: Shape = { names: [], infos: [], keys: [], kinds: [], template: null };
  let extra: Record<string, ExtraValue> | null = null;
  let n = 0;
  for (const name in values) {
    const info = infoOf(cache, catalog, name);
    if (info === null || info.slot.seen === seq) return null;
    info.slot.seen = seq;
    const kind = labels ? info.kindTyped : info.kindNamed;
    shape.names.push(name);
    shape.infos.push(info);
    shape.kinds.push(kind);
    const raw = values[name] ?? null;
    const role = agents ? info.agentRole : info.queueRole;
    if (role >= 0) {
      fields[role] = raw;
      if (role < used) {
        shape.keys.push(null);
        continue;
      }
    }
    if (++n > maxExtra) {
      shape.keys.push(null);
      continue;
    }
    extra ??= {};
    const base = (labels && info.label) || name;
    let key = markedKey(base, kind);
    if (key in extra) key = markedKey(`${base} (${name})`, kind);
    extra[key] = extraValue(raw, info.type, kind);
    shape.keys.push(key);
  }
  // Remembered for the next frame (a frame with hundreds of names is not worth it).
  if (shape.names.length <= 64) {
    shape.template = extra === null ? null : { ...extra };
    slot.list[slot.at] = shape;
  }
  return { fields, extra };
}
