/**
 * Time zones by IANA name ("America/Bogota", "UTC"): which this runtime knows, how it spells them,
 * and how far their clocks are ahead of UTC. Shared by quiet hours (read in the host's zone), the
 * sources' schema and the Wolkvox dates (read in the account's zone).
 */

/** The zone of the computer (or browser) this runs on. */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** One formatter per zone, writing an instant as that zone's wall clock reads it; null for a zone this runtime does not know. */
const clocks = new Map<string, Intl.DateTimeFormat | null>();

function wallClock(zone: string): Intl.DateTimeFormat | null {
  let f = clocks.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = null;
    }
    if (clocks.size > 50) clocks.clear();
    clocks.set(zone, f);
  }
  return f;
}

/** Whether this runtime knows `zone`. */
export function isTimeZone(zone: string): boolean {
  return wallClock(zone) !== null;
}

/** The runtime's own spelling of a zone it knows ("america/bogota" → "America/Bogota"). Throws RangeError for one it does not. */
export function canonicalZone(zone: string): string {
  return known(zone).resolvedOptions().timeZone;
}

function known(zone: string): Intl.DateTimeFormat {
  const f = wallClock(zone);
  if (!f) throw new RangeError(`Invalid time zone specified: ${zone}`);
  return f;
}

/** How far the wall clock of `zone` is ahead of UTC at the instant `t` (ms; negative west of Greenwich). Throws RangeError for an unknown zone. */
export function zoneOffsetMs(t: number, zone: string): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of known(zone).formatToParts(t)) {
    const n = Number(p.value);
    if (p.type === 'year') y = n;
    else if (p.type === 'month') mo = n;
    else if (p.type === 'day') d = n;
    else if (p.type === 'hour') h = n;
    else if (p.type === 'minute') mi = n;
    else if (p.type === 'second') s = n;
  }
  return utcTime(y, mo, d, h, mi, s) - Math.floor(t / 1000) * 1000;
}

/** The instant a wall-clock date and time names in UTC (years 0–99 included). */
export function utcTime(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  if (y >= 100) return t;
  // Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(t);
  date.setUTCFullYear(y);
  return date.getTime();
}
