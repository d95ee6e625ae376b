/**
 * Whether a latency report's dates agree with this computer's clock. A connected agent's network is
 * measured all along, so the newest measurement of a connected agent is dated minutes before the poll
 * at most; dated hours away, the report writes its dates in another time zone than the one they are
 * read in (a collector on a server kept in UTC reading an account in Bogotá's time, for one), and
 * every sample would be filed hours away from when it was taken.
 */
import { localTimeZone } from '../../../shared/zones';

/** Later than this after the poll: no measurement is taken in the future. */
const AHEAD_MS = 10 * 60_000;
/** Earlier than this before the poll: not a connected agent's measurement of this hour. */
const BEHIND_MS = 50 * 60_000;

export interface ReportClock {
  /** The newest `last_date` of an agent the report says is connected, as read; null when none has one. */
  newest: number | null;
  /** When the report was read. */
  now: number;
}

/**
 * Minutes the report's dates are off this computer's clock (negative: behind) when they are off by more
 * than measurements can be; 0 when they agree; null when the report says nothing (no connected agent
 * with a date).
 */
export function reportClockOffsetMin(clock: ReportClock): number | null {
  if (clock.newest === null) return null;
  const skew = clock.newest - clock.now;
  return skew > AHEAD_MS || skew < -BEHIND_MS ? Math.round(skew / 60_000) : 0;
}

export type ClockVerdict =
  /** Nothing new to say: what is shown stays. */
  | { kind: 'same' }
  /** The dates agree (again): no warning; `log` when one was shown. */
  | { kind: 'agrees'; log: boolean }
  /** The dates are `offsetMin` off; `log` when that is news (it appears, or moves by an hour). */
  | { kind: 'off'; offsetMin: number; log: boolean };

/**
 * What a source says of its latency reports' dates, report after report. Dates after the poll cannot
 * be measurements: said at once. Dates long before it are a zone only while the measurements keep
 * coming (the newest moved since the report before): a newest date that only grows older is an agent
 * no longer measured, and a zone is never blamed for it (nor at the first report, which cannot tell).
 */
export class ClockWatch {
  private lastNewest: number | null = null;
  /** The offset last written to the log; 0: none (or cleared). */
  private logged = 0;

  see(clock: ReportClock): ClockVerdict {
    const offset = reportClockOffsetMin(clock);
    const before = this.lastNewest;
    if (clock.newest !== null) this.lastNewest = clock.newest;
    if (offset === null) return { kind: 'same' };
    if (offset === 0) {
      const log = this.logged !== 0;
      this.logged = 0;
      return { kind: 'agrees', log };
    }
    if (offset < 0 && (before === null || clock.newest! <= before)) return { kind: 'same' };
    const log = this.logged === 0 || Math.abs(offset - this.logged) >= 60;
    if (log) this.logged = offset;
    return { kind: 'off', offsetMin: offset, log };
  }
}

/** What the source says when the dates are off (English; the dashboard writes it from `reportClockOffsetMin` in its own language). */
export function clockWarning(offsetMin: number, zone: string | undefined): string {
  const abs = Math.abs(offsetMin);
  const by = `${Math.floor(abs / 60)} h ${abs % 60} min ${offsetMin < 0 ? 'before' : 'after'}`;
  const now = zone ?? `this computer's, ${localTimeZone()}`;
  return (
    `Wolkvox dates the newest network measurement of a connected agent ${by} this computer's clock: ` +
    `check the source's time zone (now ${now}); it must be the one the Wolkvox account writes its dates in.`
  );
}
