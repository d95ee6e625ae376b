/**
 * Lenient wire schemas for AXP (seed 002, VENDORS.md §3). Every value of a data frame is documented as
 * a string; real servers drift, so numbers and booleans are accepted and turned into strings, `""`
 * becomes null, and unknown fields are kept and ignored.
 */
import { z } from 'zod';
import { remembered } from '../../util/remember';

/**
 * For `hasOwnProperty.call(o, key)` in `for (const key in o)`: the optimizing compiler answers it from
 * the loop's key cache when it is a constant of this module (not `Object.hasOwn`, not an import),
 * where a call per key cost as much as the rest of reading a message (docs/performance.md).
 */
const hasOwnProperty = Object.prototype.hasOwnProperty;

/** A scalar as a string; `""`, null and non-scalars become null. */
export function scalarString(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return String(v);
  return null;
}

/** A number from a number or a numeric string; anything else is null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const int = plainInteger(v);
  if (int !== null) return int;
  const t = v.trim();
  if (!isDecimal(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** "1732185600000", "0": the usual measure value, read without Number()'s general parse. */
function plainInteger(v: string): number | null {
  const n = v.length;
  if (n === 0 || n > 15) return null;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    x = x * 10 + (c - 48);
  }
  return x;
}

/**
 * `/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)`, scanned by hand: every measure value of every
 * frame goes through here.
 */
function isDecimal(t: string): boolean {
  const n = t.length;
  let i = 0;
  let c = t.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let mantissa = 0;
  for (; i < n && isDigit(t.charCodeAt(i)); i++) mantissa++;
  if (i < n && t.charCodeAt(i) === 46) {
    i++;
    for (; i < n && isDigit(t.charCodeAt(i)); i++) mantissa++;
  }
  if (mantissa === 0) return false;
  if (i < n && ((c = t.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = t.charCodeAt(i)) === 43 || c === 45)) i++;
    let exponent = 0;
    for (; i < n && isDigit(t.charCodeAt(i)); i++) exponent++;
    if (exponent === 0) return false;
  }
  return i === n;
}

const optString = z.unknown().optional().transform(scalarString);
const optNumber = z.unknown().optional().transform(toNumber);

/** `{ name: scalar }` with non-scalar values dropped. */
const StringRecord = z.record(z.string(), z.unknown()).transform((rec) => {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === null || typeof v !== 'object') out[k] = scalarString(v);
  }
  return out;
});

/**
 * Upper-cased, without separators: `authenticationResponse` ≡ `AUTHENTICATION_RESPONSE`. Remembered:
 * frames repeat a handful of actions, payload types and agent states.
 */
export const canonical = remembered((name) => name.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), 1000, 64);

export const DataFrameSchema = z.looseObject({
  accountId: optString,
  eventSourceId: optString,
  measureProducerId: optString,
  keys: StringRecord.refine((k) => Object.values(k).some((v) => v !== null), 'keys has no usable value'),
  eventAction: optString.transform((v) => (v ? canonical(v) : 'UPSERT')),
  payloadType: optString.transform((v) => (v ? canonical(v) : 'LIVE')),
  measures: z.preprocess((v) => (v === undefined || v === null ? {} : v), StringRecord),
});
export type DataFrame = z.infer<typeof DataFrameSchema>;

/** A JSON object with the plain prototype (what JSON.parse makes), not an array. */
function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * StringRecord's output for a plain object, built directly; an object that already is one (every
 * value a non-empty string or null: AXP's usual frame) is returned as it is.
 */
function scalarRecord(rec: Record<string, unknown>): Record<string, string | null> {
  let clean = true;
  for (const k in rec) {
    const v = rec[k];
    if (!((typeof v === 'string' && v !== '') || v === null) || k === '__proto__' || !hasOwnProperty.call(rec, k)) {
      clean = false;
      break;
    }
  }
  if (clean) return rec as Record<string, string | null>;
  const out: Record<string, string | null> = {};
  for (const k in rec) {
    if (k === '__proto__' || !hasOwnProperty.call(rec, k)) continue;
    const v = rec[k];
    if (v === null || typeof v !== 'object') out[k] = scalarString(v);
  }
  return out;
}

/**
 * `DataFrameSchema.safeParse`, with the shape every AXP data frame has in practice (an object whose
 * `keys` and `measures` are plain objects) built directly: frames stream by the thousand, and the
 * schema's generic path costs several times the JSON parse. The result is the schema's, field for
 * field; anything else (and every failure) goes through the schema itself.
 */
export function parseDataFrame(json: unknown): ReturnType<typeof DataFrameSchema.safeParse> {
  if (!plainObject(json)) return DataFrameSchema.safeParse(json);
  const rawKeys = json.keys;
  const rawMeasures = json.measures;
  if (!plainObject(rawKeys) || !(rawMeasures === undefined || rawMeasures === null || plainObject(rawMeasures))) return DataFrameSchema.safeParse(json);
  const keys = scalarRecord(rawKeys);
  let usable = false;
  for (const k in keys) if (keys[k] !== null) usable = true;
  if (!usable) return DataFrameSchema.safeParse(json);
  const action = scalarString(json.eventAction);
  const payload = scalarString(json.payloadType);
  // The frame's own fields, copied in one go (a frame spelling `__proto__` as a key is the schema's).
  if (Object.hasOwn(json, '__proto__')) return DataFrameSchema.safeParse(json);
  const data: Record<string, unknown> = { ...json };
  data.accountId = scalarString(json.accountId);
  data.eventSourceId = scalarString(json.eventSourceId);
  data.measureProducerId = scalarString(json.measureProducerId);
  data.keys = keys;
  data.eventAction = action ? canonical(action) : 'UPSERT';
  data.payloadType = payload ? canonical(payload) : 'LIVE';
  data.measures = rawMeasures ? scalarRecord(rawMeasures) : {};
  return { success: true, data: data as DataFrame } as ReturnType<typeof DataFrameSchema.safeParse>;
}

export const AuthResponseSchema = z.looseObject({
  event: z.string(),
  status: optString,
});

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: optNumber,
  token_type: optString,
});

/** RFC 7807 problem details, or an OAuth error body. */
export const ProblemSchema = z.looseObject({
  type: optString,
  title: optString,
  status: optNumber,
  detail: optString,
  error: optString,
  error_description: optString,
  message: optString,
});
export type Problem = z.infer<typeof ProblemSchema>;

const SubscriptionCore = z.looseObject({
  subscriptionId: optString,
  id: optString,
  status: optString.transform((v) => (v ? canonical(v) : null)),
  expiresIn: optNumber,
  transport: z
    .looseObject({ endpoint: optString, pingInterval: optNumber, type: optString })
    .nullish()
    .catch(null),
});

/** `{subscriptionId, status, expiresIn, transport}`, possibly wrapped in `{subscription: …}`. */
export const SubscriptionSchema = z
  .preprocess((v) => (v && typeof v === 'object' && 'subscription' in v && !('subscriptionId' in v) ? (v as { subscription: unknown }).subscription : v), SubscriptionCore)
  .transform((s) => ({
    id: s.subscriptionId ?? s.id,
    status: s.status,
    expiresIn: s.expiresIn,
    endpoint: s.transport?.endpoint ?? null,
    pingIntervalSec: s.transport?.pingInterval ?? null,
  }));
export type SubscriptionWire = z.infer<typeof SubscriptionSchema>;

export const MEASURE_TYPES = ['STRING', 'NUMBER', 'DURATION', 'DATE', 'TIME_IN_STATE'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const MeasureDefSchema = z.looseObject({
  name: z.string().min(1),
  type: optString.transform((v): MeasureType | null => {
    const t = v ? v.toUpperCase().replace(/[^A-Z]+/g, '_') : '';
    return (MEASURE_TYPES as readonly string[]).includes(t) ? (t as MeasureType) : null;
  }),
  displayName: optString,
});
export type MeasureDef = z.infer<typeof MeasureDefSchema>;
