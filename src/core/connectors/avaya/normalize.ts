/**
 * Pure AXP data frame → normalized events. Entity identity is the frame's keys (VENDORS.md §3:
 * "entity key = producer + keys"); frames keyed by an agent id are agents, every other measure set is
 * a queue. Known measures fill the model; all others are kept, converted, in `extra`.
 */
import type { AgentFields, NormalizedEvent, QueueFields } from '../../state/events';
import type { ExtraValue } from '../../../shared/model';
import type { DataFrame } from './wire';
import { toNumber } from './wire';
import type { MeasureCatalog } from './catalog';
import { extraValue, markedKey, measureKind, stateStart } from './convert';
import { readMeasures, type ReadMeasures } from './measures';
import { mapAgentState, pauseReason } from './states';
import { remembered } from '../../util/remember';

export type EntityCollection = 'agents' | 'queues';

export interface NormalizeOptions {
  /** The producer of the subscription the frame came on: the `scope` of every upsert. */
  producerId: string;
  catalog?: MeasureCatalog;
  /**
   * Key `extra` by the catalog — display names ("Time on Hold"), and marks of kind by measure types —
   * instead of by measure names and the kinds the names tell. Only for a catalog known from the first
   * frame on: an entity's `extra` is merged, and keys that changed would leave the old ones behind.
   */
  labels?: boolean;
  now: number;
}

export interface NormalizedFrame {
  collection: EntityCollection;
  id: string;
  action: 'UPSERT' | 'DELETE';
  initializing: boolean;
  events: NormalizedEvent[];
}

const MAX_EXTRA = 200;
const AGENT_USED = new Set(['agentstate', 'reasoncodename', 'agentdisplayname', 'timeinstate']);
const QUEUE_USED = new Set(['queuename', 'contactsqueueing', 'offered', 'answered', 'abandonedfromqueue', 'abandoned']);
/** Key names listed first in composite ids, so that the id reads "agent/channel". */
const KEY_ORDER = ['agentid', 'queueid', 'routingserviceid', 'serviceid', 'channelid'];

/** Lower-cased measure and key names (remembered: a producer uses a few dozen names over and over). */
export const lowerName = remembered((name) => name.toLowerCase(), 5000);

/** `{agentId: "a"}` → "a"; composite keys → values joined by "/" in a stable order. */
export function entityId(keys: Record<string, string | null>): string {
  let only: string | null = null;
  let count = 0;
  for (const k in keys) {
    const v = keys[k];
    if (v !== null && v !== undefined) {
      only = v;
      count++;
    }
  }
  if (count === 1) return only!;
  const entries = Object.entries(keys).filter((e): e is [string, string] => e[1] !== null);
  if (entries.length === 1) return entries[0]![1];
  const rank = (k: string) => {
    const i = KEY_ORDER.indexOf(k.toLowerCase());
    return i === -1 ? KEY_ORDER.length : i;
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  return entries.map((e) => e[1]).join('/');
}

export function entityCollection(producerId: string, keys: Record<string, string | null>): EntityCollection {
  let queueKey = false;
  for (const k in keys) {
    const name = lowerName(k);
    if (name === 'agentid') return 'agents';
    if (name.includes('queue')) queueKey = true;
  }
  if (!queueKey && /^agent/i.test(producerId)) return 'agents';
  return 'queues';
}

export function normalizeFrame(frame: DataFrame, opts: NormalizeOptions): NormalizedFrame | null {
  return normalize(frame, opts, true);
}

/** normalizeFrame reading the measures the general way only (tests check both readings agree). */
export function normalizeFrameGeneral(frame: DataFrame, opts: NormalizeOptions): NormalizedFrame | null {
  return normalize(frame, opts, false);
}

function normalize(frame: DataFrame, opts: NormalizeOptions, onePass: boolean): NormalizedFrame | null {
  const producerId = opts.producerId;
  const collection = entityCollection(producerId, frame.keys);
  const id = entityId(frame.keys);
  if (!id) return null;
  const action = frame.eventAction === 'DELETE' ? 'DELETE' : 'UPSERT';
  const initializing = frame.payloadType === 'INITIALIZING';
  if (action === 'DELETE') {
    // One producer's DELETE: another producer may still report the same keys.
    const events: NormalizedEvent[] = [collection === 'agents' ? { type: 'agent.remove', id, scope: producerId } : { type: 'queue.remove', id, scope: producerId }];
    return { collection, id, action, initializing, events };
  }
  const values = frame.measures;
  const read = onePass ? readMeasures(values, collection, opts.catalog, Boolean(opts.labels), MAX_EXTRA) : null;
  let event: NormalizedEvent;
  if (read) {
    event =
      collection === 'agents'
        ? { type: 'agent', id, set: agentFromRead(read, opts), scope: producerId }
        : { type: 'queue', id, set: queueFromRead(read), scope: producerId };
  } else {
    const names = new Map<string, string>();
    for (const name in values) names.set(lowerName(name), name);
    const m: Measures = { names, values };
    event =
      collection === 'agents'
        ? { type: 'agent', id, set: agentFields(m, opts), scope: producerId }
        : { type: 'queue', id, set: queueFields(m, opts), scope: producerId };
  }
  return { collection, id, action, initializing, events: [event] };
}

/** agentFields, from the one-pass reading (same fields, same order). */
function agentFromRead(read: ReadMeasures, opts: NormalizeOptions): AgentFields {
  const [raw, reason, display, since, first, last, login] = read.fields;
  const set: AgentFields = {};
  if (raw !== undefined) {
    set.vendorState = raw;
    set.state = mapAgentState(raw);
    set.pauseReason = set.state === 'paused' ? pauseReason(reason ?? null) : null;
  }
  const name = display ?? joinName(first, last) ?? login;
  if (name) set.name = name;
  if (since !== undefined) {
    const start = stateStart(since, opts.now);
    if (start !== null) set.stateSince = start;
  }
  if (read.extra) set.extra = read.extra;
  return set;
}

/** queueFields, from the one-pass reading (same fields, same order). */
function queueFromRead(read: ReadMeasures): QueueFields {
  const [name, waiting, offered, answered, abandonedFromQueue, abandonedPlain] = read.fields;
  const set: QueueFields = { kind: 'queue' };
  if (name) set.name = name;
  if (waiting !== undefined) set.waiting = count(waiting);
  if (offered !== undefined) set.offered = count(offered);
  if (answered !== undefined) set.answered = count(answered);
  const abandoned = abandonedFromQueue ?? abandonedPlain;
  if (abandoned !== undefined) set.abandoned = count(abandoned);
  if (read.extra) set.extra = read.extra;
  return set;
}

/** The frame's measures, and lower-cased name → name as sent (the last spelling wins). */
interface Measures {
  names: Map<string, string>;
  values: Record<string, string | null>;
}

function value(m: Measures, lower: string): string | null | undefined {
  const name = m.names.get(lower);
  return name === undefined ? undefined : m.values[name];
}

function extraOf(m: Measures, used: Set<string>, opts: NormalizeOptions): Record<string, ExtraValue> {
  const extra: Record<string, ExtraValue> = {};
  let n = 0;
  for (const [lower, name] of m.names) {
    if (used.has(lower)) continue;
    if (++n > MAX_EXTRA) break;
    const def = opts.catalog?.get(lower);
    const type = def?.type ?? null;
    const kind = measureKind(lower, type, Boolean(opts.labels));
    const base = (opts.labels && def?.displayName) || name;
    let key = markedKey(base, kind);
    if (key in extra) key = markedKey(`${base} (${name})`, kind);
    extra[key] = extraValue(m.values[name] ?? null, type, kind);
  }
  return extra;
}

function agentFields(m: Measures, opts: NormalizeOptions): AgentFields {
  const set: AgentFields = {};
  const raw = value(m, 'agentstate');
  if (raw !== undefined) {
    set.vendorState = raw;
    set.state = mapAgentState(raw);
    set.pauseReason = set.state === 'paused' ? pauseReason(value(m, 'reasoncodename') ?? null) : null;
  }
  const name = value(m, 'agentdisplayname') ?? joinName(value(m, 'agentfirstname'), value(m, 'agentlastname')) ?? value(m, 'agentloginid');
  if (name) set.name = name;
  const since = value(m, 'timeinstate');
  if (since !== undefined) {
    const start = stateStart(since, opts.now);
    if (start !== null) set.stateSince = start;
  }
  const extra = extraOf(m, AGENT_USED, opts);
  if (!isEmpty(extra)) set.extra = extra;
  return set;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function joinName(first: string | null | undefined, last: string | null | undefined): string | null {
  const parts = [first, last].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(' ') : null;
}

function queueFields(m: Measures, opts: NormalizeOptions): QueueFields {
  const set: QueueFields = { kind: 'queue' };
  const name = value(m, 'queuename');
  if (name) set.name = name;
  const waiting = value(m, 'contactsqueueing');
  // An unusable count is null: the store keeps the last good value (CONTRACT.md).
  if (waiting !== undefined) set.waiting = count(waiting);
  const offered = value(m, 'offered');
  if (offered !== undefined) set.offered = count(offered);
  const answered = value(m, 'answered');
  if (answered !== undefined) set.answered = count(answered);
  const abandoned = value(m, 'abandonedfromqueue') ?? value(m, 'abandoned');
  if (abandoned !== undefined) set.abandoned = count(abandoned);
  const extra = extraOf(m, QUEUE_USED, opts);
  if (!isEmpty(extra)) set.extra = extra;
  return set;
}

function count(raw: string | null): number | null {
  const n = toNumber(raw);
  return n === null || n < 0 ? null : n;
}
