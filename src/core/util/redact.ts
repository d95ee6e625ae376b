/**
 * Redaction: every log line and every error a user or the renderer can see goes through here.
 * Known secret values (registered when configs load) are replaced wherever they appear, and
 * secret-looking fields/headers/query parameters are masked by name.
 */
const SECRET_KEY = /(pass(word)?|secret|token|authorization|api[-_]?key|appkey|id_session|cookie|credential)/i;
const known = new Set<string>();
/** Vendor session tokens are registered as they rotate: keep the most recent ones only. */
const MAX_KNOWN = 1000;
/** Longer texts are cut (after masking known secrets) so that redaction stays cheap on hostile input. */
const MAX_TEXT = 4000;

/** Registers a secret value so that it is masked wherever it appears. Short values are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 4) return;
  known.delete(value);
  known.add(value);
  if (known.size > MAX_KNOWN) known.delete(known.values().next().value!);
}

export function forgetSecrets(): void {
  known.clear();
}

const MASK = '***';

/** Masks known secret values and `key=value` / `"key": "value"` / `Bearer x` patterns in text. */
export function redactText(text: string): string {
  let out = text;
  for (const s of known) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  if (out.length > MAX_TEXT) out = `${out.slice(0, MAX_TEXT)}… (${out.length - MAX_TEXT} more characters)`;
  out = out.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`);
  out = out.replace(
    /("?(?:[A-Za-z_-]{0,40}(?:pass(?:word)?|secret|token|appkey|api[-_]?key|id_session))"?\s*[:=]\s*)("[^"]*"|[^\s&,;}"]+)/gi,
    (_m, k: string, v: string) => `${k}${v.startsWith('"') ? `"${MASK}"` : MASK}`,
  );
  return out;
}

/** A copy of a flat record with its string values redacted (numbers, booleans and nulls as they are). */
export function redactStrings<V extends string | number | boolean | null>(record: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) out[k] = typeof v === 'string' ? (redactText(v) as V) : v;
  return out;
}

/** A copy of a sentence's code and parameters (a problem, a test outcome) with its text parameters redacted. */
export function redactSaid<T extends { code: string; params: Record<string, string | number> }>(said: T): T {
  return { ...said, params: redactStrings(said.params) };
}

/** Deep-copies a value masking secret-named fields and known secret strings. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && v != null && v !== '' ? MASK : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
