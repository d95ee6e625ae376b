/**
 * The checks of `AgentSchema` and `AlertSchema` for the common case, without zod: a snapshot of a big
 * floor holds thousands of agents and often thousands of alerts, and zod in the dashboard runs
 * without its compiled parsers (the page's CSP forbids `new Function`), 5–15 µs an entity. These
 * answer only "certainly valid, exactly as zod would return it": every key known, every value of its
 * type, numbers finite. Anything else — a key zod would strip, a wrong type, a missing field —
 * returns null and zod decides (and says why), so the outcome is zod's in every case
 * (test/renderer/certain.test.ts compares them).
 */
import { AGENT_STATES, ALERT_STATES, SEVERITIES, SUBJECT_KINDS, type Agent, type Alert } from '../../shared/model';

const hasOwn = Object.prototype.hasOwnProperty;
const STATES: ReadonlySet<unknown> = new Set(AGENT_STATES);
const AGENT_KEYS: ReadonlySet<string> = new Set(['key', 'sourceId', 'vendorId', 'name', 'state', 'stateSince', 'pauseReason', 'vendorState', 'call', 'network', 'queues', 'extra']);
const NETWORK_KEYS: ReadonlySet<string> = new Set(['latencyMs', 'txJitterMs', 'rxJitterMs', 'txLossPct', 'rxLossPct', 'rejectionPct', 'ip', 'sampledAt', 'version', 'connectionType', 'platform']);
const CALL_KEYS: ReadonlySet<string> = new Set(['id', 'queueKey', 'number', 'since']);

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: unknown): boolean => v === null || isNumber(v);
const textOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const optionalTextOrNull = (v: unknown): boolean => v === undefined || textOrNull(v);

/** A plain object (what JSON and structured clone give). */
const isPlain = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o) && Object.getPrototypeOf(o) === Object.prototype;

/**
 * A plain object holding only `keys`, as own properties, none of them undefined (a key present as
 * undefined is zod's to judge: whether its output keeps it).
 */
function objectWithOnly(o: unknown, keys: ReadonlySet<string>): o is Record<string, unknown> {
  if (!isPlain(o)) return false;
  for (const k in o) if (!hasOwn.call(o, k) || !keys.has(k) || o[k] === undefined) return false;
  return true;
}

function network(n: unknown): boolean {
  if (n === null) return true;
  if (!objectWithOnly(n, NETWORK_KEYS)) return false;
  return (
    numberOrNull(n.latencyMs) &&
    numberOrNull(n.txJitterMs) &&
    numberOrNull(n.rxJitterMs) &&
    numberOrNull(n.txLossPct) &&
    numberOrNull(n.rxLossPct) &&
    numberOrNull(n.rejectionPct) &&
    textOrNull(n.ip) &&
    numberOrNull(n.sampledAt) &&
    optionalTextOrNull(n.version) &&
    optionalTextOrNull(n.connectionType) &&
    optionalTextOrNull(n.platform)
  );
}

function call(c: unknown): boolean {
  if (c === null) return true;
  if (!objectWithOnly(c, CALL_KEYS)) return false;
  return typeof c.id === 'string' && textOrNull(c.queueKey) && textOrNull(c.number) && numberOrNull(c.since);
}

function queues(q: unknown): boolean {
  if (q === undefined) return true;
  if (!Array.isArray(q)) return false;
  for (let i = 0; i < q.length; i++) if (typeof q[i] !== 'string') return false;
  return true;
}

function extra(x: unknown): boolean {
  if (x === undefined) return true;
  if (!isPlain(x)) return false;
  for (const k in x) {
    // "__proto__" as a key is zod's to copy (or not) safely.
    if (!hasOwn.call(x, k) || k === '__proto__') return false;
    const v = x[k];
    if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || isNumber(v))) return false;
  }
  return true;
}

/** `item` itself when it is an agent zod would return unchanged, else null (ask zod). */
export function certainAgent(item: unknown): Agent | null {
  if (!objectWithOnly(item, AGENT_KEYS)) return null;
  const a = item;
  const ok =
    typeof a.key === 'string' &&
    typeof a.sourceId === 'string' &&
    typeof a.vendorId === 'string' &&
    typeof a.name === 'string' &&
    STATES.has(a.state) &&
    numberOrNull(a.stateSince) &&
    textOrNull(a.pauseReason) &&
    textOrNull(a.vendorState) &&
    call(a.call) &&
    network(a.network) &&
    queues(a.queues) &&
    extra(a.extra);
  return ok ? (a as unknown as Agent) : null;
}

const ALERT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'ruleId',
  'metric',
  'severity',
  'state',
  'subject',
  'value',
  'threshold',
  'since',
  'message',
  'acknowledged',
  'snoozedUntil',
  'sourceId',
  'subjectName',
  'resolvedAt',
  'firedAt',
  'suppressed',
]);
const SUBJECT_KEYS: ReadonlySet<string> = new Set(['kind', 'key']);
const ALERT_STATE_SET: ReadonlySet<unknown> = new Set(ALERT_STATES);
const SEVERITY_SET: ReadonlySet<unknown> = new Set(SEVERITIES);
const SUBJECT_KIND_SET: ReadonlySet<unknown> = new Set(SUBJECT_KINDS);

const optionalText = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optionalNumberOrNull = (v: unknown): boolean => v === undefined || numberOrNull(v);

/** `item` itself when it is an alert zod would return unchanged, else null (ask zod). */
export function certainAlert(item: unknown): Alert | null {
  if (!objectWithOnly(item, ALERT_KEYS)) return null;
  const a = item;
  const s = a.subject;
  const ok =
    typeof a.id === 'string' &&
    typeof a.ruleId === 'string' &&
    typeof a.metric === 'string' &&
    SEVERITY_SET.has(a.severity) &&
    ALERT_STATE_SET.has(a.state) &&
    objectWithOnly(s, SUBJECT_KEYS) &&
    SUBJECT_KIND_SET.has(s.kind) &&
    typeof s.key === 'string' &&
    numberOrNull(a.value) &&
    numberOrNull(a.threshold) &&
    isNumber(a.since) &&
    typeof a.message === 'string' &&
    typeof a.acknowledged === 'boolean' &&
    numberOrNull(a.snoozedUntil) &&
    optionalText(a.sourceId) &&
    optionalText(a.subjectName) &&
    optionalNumberOrNull(a.resolvedAt) &&
    optionalNumberOrNull(a.firedAt) &&
    (a.suppressed === undefined || typeof a.suppressed === 'boolean');
  return ok ? (a as unknown as Alert) : null;
}
