/**
 * Lenient wire schemas for AXP (seed 002, VENDORS.md §3). Every value of a data frame is documented as
 * a string; real servers drift, so numbers and booleans are accepted and turned into strings, `""`
 * becomes null, and unknown fields are kept and ignored.
 */
import { z } from 'zod';

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
  const t = v.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
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

/** Upper-cased, without separators: `authenticationResponse` ≡ `AUTHENTICATION_RESPONSE`. */
export function canonical(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

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
