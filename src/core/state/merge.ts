/**
 * Entity updates, which run for every event: an entity with a partial update applied in one copy
 * (fields that are `undefined` in the update are left alone), and whether the result differs from
 * the entity it replaces. Agents and queues have their own copies of the generic merge, storing their
 * known fields by name (same keys, same order, same values as `merged`; tests compare them).
 */
import type { Agent, Call, ExtraValue, Network, Queue } from '../../shared/model';
import type { AgentFields, QueueFields } from './events';

/** `base` updated with the fields of `set` that are not `undefined`, in one copy. */
export function merged<T extends object>(base: T, set: object): T {
  const out = { ...base } as Record<string, unknown>;
  const fields = set as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

type Extra = Record<string, ExtraValue>;

/** Whether the last `mergedAgent`/`mergedQueue` set a field the model does not know (see `sameAgent`). */
let foreignField = false;

/** `merged(base, set)` for an agent. */
export function mergedAgent(base: Agent, set: AgentFields): Agent {
  foreignField = false;
  const out = { ...base } as Agent & Record<string, unknown>;
  const fields = set as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k] as never;
    if (v === undefined) continue;
    switch (k) {
      case 'name':
        out.name = v;
        break;
      case 'state':
        out.state = v;
        break;
      case 'stateSince':
        out.stateSince = v;
        break;
      case 'pauseReason':
        out.pauseReason = v;
        break;
      case 'vendorState':
        out.vendorState = v;
        break;
      case 'call':
        out.call = v;
        break;
      case 'network':
        out.network = v;
        break;
      case 'extra':
        out.extra = v;
        break;
      default:
        out[k] = v;
        foreignField = true;
    }
  }
  return out;
}

/** `merged(base, set)` for a queue. */
export function mergedQueue(base: Queue, set: QueueFields): Queue {
  foreignField = false;
  const out = { ...base } as Queue & Record<string, unknown>;
  const fields = set as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k] as never;
    if (v === undefined) continue;
    switch (k) {
      case 'name':
        out.name = v;
        break;
      case 'kind':
        out.kind = v;
        break;
      case 'waiting':
        out.waiting = v;
        break;
      case 'longestWaitSec':
        out.longestWaitSec = v;
        break;
      case 'offered':
        out.offered = v;
        break;
      case 'answered':
        out.answered = v;
        break;
      case 'abandoned':
        out.abandoned = v;
        break;
      case 'serviceLevelPct':
        out.serviceLevelPct = v;
        break;
      case 'agentsAvailable':
        out.agentsAvailable = v;
        break;
      case 'extra':
        out.extra = v;
        break;
      default:
        out[k] = v;
        foreignField = true;
    }
  }
  return out;
}

/**
 * `{ ...base, ...set }` for an entity's `extra`. A vendor sends the same measures frame after frame:
 * when `set` has exactly `base`'s keys in `base`'s order (or there is no `base`), that is `set`'s
 * content, and `set` itself is kept — as the state keeps an event's `network` or `call` (events hand
 * their objects over: see events.ts).
 */
export function mergedExtra(base: Extra | undefined, set: Extra): Extra {
  if (base === undefined) return plain(set) ? set : { ...set };
  const n = keysInto(base);
  let i = 0;
  for (const k in set) {
    if (i >= n || scratch[i++] !== k) return { ...base, ...set };
  }
  return i === n && plain(set) ? set : { ...base, ...set };
}

/**
 * Keys compared in order without an array per comparison (these run for every entity update): the
 * enumerable keys of `o` into `scratch`, returning how many. `scratch` is only read right after.
 */
const scratch: string[] = [];
function keysInto(o: object): number {
  let n = 0;
  for (const k in o) scratch[n++] = k;
  return n;
}

/** A plain object (what connectors build): its spread copy has the same content. */
function plain(o: object): boolean {
  return Object.getPrototypeOf(o) === Object.prototype;
}

/** Same keys in the same order with the same values (one level). */
function sameFlat(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const n = keysInto(x);
  let i = 0;
  for (const k in y) {
    if (i >= n || scratch[i++] !== k || x[k] !== y[k]) return false;
  }
  return i === n;
}

function same<T extends object>(a: T | null | undefined, b: T | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return sameFlat(a, b);
}

/**
 * The same network sample: every field equal, and a sample time (without one, each update is a new
 * sample for the alert rules, so it is never "the same").
 */
function sameNetwork(a: Network | null, b: Network | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.sampledAt === null || a.sampledAt !== b.sampledAt) return false;
  return sameFlat(a, b);
}

/**
 * An agent update that changed nothing: `b` is `merged*(a, …)` (so both have the same key, source and
 * vendor id) with every field the same, nested objects compared by value. An update that set a field
 * the model does not know is always a change.
 */
export function sameAgent(a: Agent, b: Agent): boolean {
  return (
    !foreignField &&
    a.state === b.state &&
    a.vendorState === b.vendorState &&
    a.stateSince === b.stateSince &&
    a.pauseReason === b.pauseReason &&
    a.name === b.name &&
    a.queues === b.queues &&
    same<Call>(a.call, b.call) &&
    sameNetwork(a.network, b.network) &&
    same<Extra>(a.extra, b.extra)
  );
}

/** A queue update that changed nothing (see `sameAgent`). */
export function sameQueue(a: Queue, b: Queue): boolean {
  return (
    !foreignField &&
    a.waiting === b.waiting &&
    a.longestWaitSec === b.longestWaitSec &&
    a.oldestSince === b.oldestSince &&
    a.offered === b.offered &&
    a.answered === b.answered &&
    a.abandoned === b.abandoned &&
    a.serviceLevelPct === b.serviceLevelPct &&
    a.agentsAvailable === b.agentsAvailable &&
    a.name === b.name &&
    a.kind === b.kind &&
    same<Extra>(a.extra, b.extra)
  );
}
