/**
 * Time values in Wolkvox reports. The unit of `*_time` fields is undocumented (seconds or `HH:MM:SS`
 * are both seen), and `last_date` is a local date-time string: parse both shapes, never throw.
 * The token quota resets at local midnight, so day boundaries are local too.
 */

const CLOCK = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/;

/** Seconds from a number, a numeric string or `[H]H:MM[:SS]` (hours may exceed 24); else null. */
export function parseDurationSec(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
  const m = CLOCK.exec(s);
  if (!m) return null;
  // Two parts are MM:SS; three are HH:MM:SS.
  if (m[3] === undefined) return Number(m[1]) * 60 + Number(m[2]);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

const YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function localTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(t) ? t : null;
}

/**
 * Epoch ms from `YYYY-MM-DD[ HH:MM[:SS]]` (local), `DD/MM/YYYY …` (local, the Latin-American order),
 * ISO strings with a zone, or epoch seconds/ms. Null when nothing fits.
 */
/** The last date string read and its value: a report's records often share their `last_date`. */
let lastDate: string | null = null;
let lastValue: number | null = null;

export function parseWolkvoxDate(v: unknown): number | null {
  if (typeof v === 'number') return epoch(v);
  if (typeof v !== 'string') return null;
  if (v === lastDate) return lastValue;
  const t = readDate(v);
  lastDate = v;
  lastValue = t;
  return t;
}

function readDate(v: string): number | null {
  const s = v.trim();
  if (s === '') return null;
  if (/^\d{10}(\d{3})?$/.test(s)) return epoch(Number(s));
  let m = YMD.exec(s);
  if (m) return localTime(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = DMY.exec(s);
  if (m) return localTime(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

function epoch(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n >= 1e12) return Math.round(n);
  if (n >= 1e9) return Math.round(n * 1000);
  return null;
}

/** The next local midnight after `now` (when the daily token quota resets). */
export function nextLocalMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local calendar day `YYYY-MM-DD`: the key of the per-day token use counter. */
export function localDay(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local `YYYY-MM-DD HH:MM` for messages people read. */
export function localStamp(t: number): string {
  const d = new Date(t);
  return `${localDay(t)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
