/**
 * Time values in Wolkvox reports. The unit of `*_time` fields is undocumented (seconds or `HH:MM:SS`
 * are both seen), and `last_date` is a local date-time string: parse both shapes, never throw.
 * The token quota resets at midnight, so day boundaries are the account's too. Wall-clock times are read
 * in the source's time zone when it is set (`timeZone`), else in this computer's.
 */
import { utcTime, zoneOffsetMs } from '../../../shared/zones';

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

/** Days in month `mo` (1–12) of year `y`. */
function daysIn(y: number, mo: number): number {
  return mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
}

/** Set when the last wall time read is one the clocks showed twice (its reading then depends on `notAfter`). */
let shownTwice = false;

function wallTime(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string | undefined, notAfter: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const t = zone ? zonedTime(y, mo, d, h, mi, s, zone, notAfter) : localTime(y, mo, d, h, mi, s, notAfter);
  return Number.isFinite(t) ? t : null;
}

/** This computer's offset at `t` (ms ahead of UTC). */
const localOffset = (t: number) => -new Date(t).getTimezoneOffset() * 60_000;

/** A wall time of this computer's zone: as `Date` reads it, or the second of two readings when the clocks went back (see `later`). */
function localTime(y: number, mo: number, d: number, h: number, mi: number, s: number, notAfter: number): number {
  const first = new Date(y, mo - 1, d, h, mi, s).getTime();
  const before = localOffset(first - DAY_MS);
  const after = localOffset(first + DAY_MS);
  return before > after && localOffset(first) === before ? later(first, first + before - after, after, localOffset, notAfter) : first;
}

/**
 * Of the two instants the clocks show the same wall time at when they go back (`first`, and
 * `second` under the offset `after` the change), the latest not after `notAfter`: a report read in the
 * second pass of that hour dates its newest measurements in it. `first` when `second` is not one.
 */
function later(first: number, second: number, after: number, offsetAt: (t: number) => number, notAfter: number): number {
  if (second === first || offsetAt(second) !== after) return first;
  shownTwice = true;
  return second <= notAfter ? second : first;
}

/** The last date string read, in which zone, and its value: a report's records often share their `last_date`. */
let lastDate: string | null = null;
let lastZone: string | undefined;
let lastValue: number | null = null;

/**
 * Epoch ms from `YYYY-MM-DD[ HH:MM[:SS]]`, `DD/MM/YYYY …` (the Latin-American order) — both read in
 * `zone` (an IANA name; absent: this computer's zone) — ISO strings with a zone, or epoch seconds/ms.
 * Null when nothing fits. A wall time the clocks showed twice (the hour they go back) is the later of
 * its two readings that is not after `notAfter` (absent: the first).
 */
export function parseWolkvoxDate(v: unknown, zone?: string, notAfter = -Infinity): number | null {
  if (typeof v === 'number') return epoch(v);
  if (typeof v !== 'string') return null;
  if (v === lastDate && zone === lastZone) return lastValue;
  shownTwice = false;
  const t = readDate(v, zone, notAfter);
  // A time shown twice is read again: which of its readings it is depends on `notAfter`.
  lastDate = shownTwice ? null : v;
  lastZone = zone;
  lastValue = t;
  return t;
}

function readDate(v: string, zone: string | undefined, notAfter: number): number | null {
  const s = v.trim();
  if (s === '') return null;
  if (/^\d{10}(\d{3})?$/.test(s)) return epoch(Number(s));
  let m = YMD.exec(s);
  if (m) return wallTime(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), zone, notAfter);
  m = DMY.exec(s);
  if (m) return wallTime(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), zone, notAfter);
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

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The offset of the last wall-clock hour converted, kept when no change of offset was near it. */
let hourZone: string | null = null;
let hourStart = NaN;
let hourOffset = 0;

/**
 * The instant a wall-clock time of `zone` names. A time the clocks skip when they go forward is read
 * with the offset before the change (02:30 on a spring-forward night is 03:30 after it, as `Date`
 * reads local times); one they show twice when they go back is the first of the two, or the second
 * when that is not after `notAfter` (see `later`).
 */
function zonedTime(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string, notAfter = -Infinity): number {
  const wall = utcTime(y, mo, d, h, mi, s);
  const start = Math.floor(wall / HOUR_MS) * HOUR_MS;
  if (zone === hourZone && start === hourStart) return wall - hourOffset;
  // The offsets a day before and a day after: the same when no change of offset is near this time
  // (offsets change a few times a year at most).
  const before = zoneOffsetMs(wall - DAY_MS, zone);
  const after = zoneOffsetMs(wall + DAY_MS, zone);
  const first = wall - before;
  if (before === after) {
    hourZone = zone;
    hourStart = start;
    hourOffset = before;
    return first;
  }
  const offset = zoneOffsetMs(first, zone);
  if (offset === before) {
    // Shown under the offset before the change: the first reading; a second one when the clocks went back.
    return before > after ? later(first, wall - after, after, (t) => zoneOffsetMs(t, zone), notAfter) : first;
  }
  const second = wall - offset;
  // After the change; or, when no instant shows this time, in the hour the clocks skip: as `Date` reads it.
  return zoneOffsetMs(second, zone) === offset ? second : first;
}

/** The next midnight after `now` in `zone` (absent: this computer's), when the daily token quota resets. */
export function nextMidnight(now: number, zone?: string): number {
  if (!zone) return nextLocalMidnight(now);
  const wall = now + zoneOffsetMs(now, zone);
  const next = new Date(Math.floor(wall / DAY_MS) * DAY_MS + DAY_MS);
  return zonedTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, zone);
}

/** The calendar day `YYYY-MM-DD` of `now` in `zone` (absent: this computer's): the key of the per-day token use counter. */
export function dayIn(now: number, zone?: string): string {
  if (!zone) return localDay(now);
  const d = new Date(now + zoneOffsetMs(now, zone));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
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
