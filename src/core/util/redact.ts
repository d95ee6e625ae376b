/**
 * Redaction: every log line and every error a user or the renderer can see goes through here.
 * Known secret values (registered when configs load) are replaced wherever they appear, and
 * secret-looking fields/headers/query parameters are masked by name.
 */
const SECRET_KEY = /(pass(word)?|secret|token|authorization|api[-_]?key|appkey|id_session|cookie|credential)/i;
/** Configured credentials: kept as long as the process runs (a few per source). */
const known = new Set<string>();
/** Bounds the configured ones too, against a caller that would register values without end. */
const MAX_KNOWN = 10_000;
/** Vendor session tokens, registered as they rotate: the most recent ones only. */
const sessions = new Set<string>();
const MAX_SESSIONS = 1000;
/** Longer texts are cut (after masking known secrets) so that redaction stays cheap on hostile input. */
const MAX_TEXT = 4000;

function remember(set: Set<string>, value: string, max: number): void {
  set.delete(value);
  set.add(value);
  if (set.size > max) set.delete(set.values().next().value!);
}

/**
 * Registers a configured secret (a token, password, client secret, app key) so that it is masked
 * wherever it appears. Session tokens, however many rotate, never push one out. Short values are
 * ignored.
 */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 4) return;
  sessions.delete(value);
  remember(known, value, MAX_KNOWN);
}

/** Registers a vendor session token (rotating): masked while it is among the 1,000 most recent. */
export function registerSessionSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 4 || known.has(value)) return;
  remember(sessions, value, MAX_SESSIONS);
}

export function forgetSecrets(): void {
  known.clear();
  sessions.clear();
}

const MASK = '***';

/** Masks known secret values and `key=value` / `"key": "value"` / `Bearer x` patterns in text. */
export function redactText(text: string): string {
  let out = text;
  for (const s of known) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  for (const s of sessions) {
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
