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
  const clock = plainClock(v);
  if (clock >= 0) return clock;
  const s = v.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
  const m = CLOCK.exec(s);
  if (!m) return null;
  // Two parts are MM:SS; three are HH:MM:SS.
  if (m[3] === undefined) return Number(m[1]) * 60 + Number(m[2]);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

const digit = (v: string, i: number) => {
  const c = v.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * "HH:MM:SS" with two-digit minutes and seconds, and "MM:SS" likewise — what the `*_time` fields of
 * every agents report carry — read by hand as CLOCK reads them; -1 for anything else.
 */
function plainClock(v: string): number {
  const n = v.length;
  if (n < 5 || n > 12 || v.charCodeAt(n - 3) !== 58) return -1;
  const s1 = digit(v, n - 2);
  const s2 = digit(v, n - 1);
  if (s1 < 0 || s1 > 5 || s2 < 0) return -1;
  const last = s1 * 10 + s2;
  // Before the last ":" — digits only (MM:SS), or digits ":" two digits (HH:MM:SS).
  let end = n - 3;
  let middle = -1;
  if (end >= 3 && v.charCodeAt(end - 3) === 58) {
    const m1 = digit(v, end - 2);
    const m2 = digit(v, end - 1);
    if (m1 < 0 || m1 > 5 || m2 < 0) return -1;
    middle = m1 * 10 + m2;
    end -= 3;
  }
  let head = 0;
  for (let i = 0; i < end; i++) {
    const d = digit(v, i);
    if (d < 0) return -1;
    head = head * 10 + d;
  }
  if (end === 0) return -1;
  return middle < 0 ? head * 60 + last : head * 3600 + middle * 60 + last;
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
