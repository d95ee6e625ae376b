/**
 * Axialys token expiry. The doc's format is `yyyy-mm-ddThh-mm-ss.000000+GMT` (dashes in the time);
 * ISO variants, offsets and epoch numbers are accepted too. Tokens live 2 h when nothing usable is said.
 */
export const DEFAULT_LIFETIME_MS = 2 * 3600_000;
/** A stated lifetime beyond this is not believed (clock or format trouble). */
const MAX_LIFETIME_MS = 24 * 3600_000;

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2})[-:](\d{2})[-:](\d{2})(?:\.\d+)?\s*(?:\+?(?:GMT|UTC)|Z|([+-])(\d{2}):?(\d{2}))?$/i;

/** Epoch ms of an `expire` value, or null when it cannot be read. */
export function parseExpire(raw: unknown): number | null {
  if (typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim())) raw = Number(raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    if (raw > 1e12) return raw;
    if (raw > 1e9) return raw * 1000;
    return null;
  }
  if (typeof raw !== 'string') return null;
  const m = FORMAT.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(utc)) return null;
  const offsetMin = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return utc - offsetMin * 60_000;
}

/**
 * When the token expires and how long it lives from `now`; falls back to 2 h. A stated lifetime
 * beyond the documented 2 h is believed as 2 h: `expire` written in local time but labelled GMT, or
 * this machine's clock behind, would otherwise renew the token after the server dropped the socket.
 */
export function tokenLifetime(raw: unknown, now: number): { expiresAt: number; lifetimeMs: number; fallback: boolean } {
  const at = parseExpire(raw);
  if (at !== null && at - now > 0 && at - now <= MAX_LIFETIME_MS) {
    const lifetimeMs = Math.min(at - now, DEFAULT_LIFETIME_MS);
    return { expiresAt: now + lifetimeMs, lifetimeMs, fallback: false };
  }
  return { expiresAt: now + DEFAULT_LIFETIME_MS, lifetimeMs: DEFAULT_LIFETIME_MS, fallback: true };
}

/** Formats epoch ms the way Axialys writes `expire` (simulators use it). */
export function formatExpire(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-21T09:00:00.000Z
  return `${iso.slice(0, 10)}T${iso.slice(11, 19).replace(/:/g, '-')}.000000+GMT`;
}
