/**
 * Quiet hours: a weekly schedule of local-time windows during which notifications stay silent
 * (criticals may be allowed through). A window whose end is before its start spans midnight and
 * belongs to the day it starts on; equal start and end mean the whole day. Pure: the engine reads
 * it in its machine's time zone, a dashboard in the host's (`SettingsView.timeZone`).
 */
import type { QuietHours } from './settings';
import { isTimeZone, zoneOffsetMs } from './zones';

/** Local day of week (0 = Sunday) and minutes since local midnight. */
export interface LocalTime {
  day: number;
  minutes: number;
}

export type LocalTimeFn = (ms: number) => LocalTime;

const DAY = 24 * 60;

const toMin = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return Math.min(DAY, h * 60 + m);
};

export function inQuietHours(q: QuietHours, t: LocalTime): boolean {
  if (!q) return false;
  const yesterday = (t.day + 6) % 7;
  for (const w of q.windows) {
    const s = toMin(w.start);
    const e = toMin(w.end);
    if (s === e) {
      if (w.days.includes(t.day)) return true;
    } else if (s < e) {
      if (w.days.includes(t.day) && t.minutes >= s && t.minutes < e) return true;
    } else {
      if (w.days.includes(t.day) && t.minutes >= s) return true;
      if (w.days.includes(yesterday) && t.minutes < e) return true;
    }
  }
  return false;
}

/** Quiet hours in force now: whether criticals still notify, and the local time they end (null: they never do). */
export interface QuietNow {
  allowCritical: boolean;
  until: LocalTime | null;
}

/** Whether quiet hours are in force at `t`, and until when (windows that meet count as one). */
export function quietNow(q: QuietHours, t: LocalTime): QuietNow | null {
  if (!q || !inQuietHours(q, t)) return null;
  // The end is where a window edge is: step over the edges of the coming week, not over minutes.
  const edges = new Set<number>();
  for (const w of q.windows) for (const m of [toMin(w.start), toMin(w.end)]) edges.add(m % DAY);
  edges.add(0);
  const sorted = [...edges].sort((a, b) => a - b);
  const start = t.day * DAY + t.minutes;
  for (let d = 0; d <= 7; d++) {
    for (const m of sorted) {
      const at = (t.day + d) * DAY + m;
      if (at <= start) continue;
      const next = { day: Math.floor(at / DAY) % 7, minutes: m };
      if (!inQuietHours(q, next)) return { allowCritical: q.allowCritical, until: next };
    }
  }
  return { allowCritical: q.allowCritical, until: null };
}

/** Local day and time at `ms` in this machine's (or this browser's) time zone. */
export const machineLocalTime: LocalTimeFn = (ms) => {
  const d = new Date(ms);
  return { day: d.getDay(), minutes: d.getHours() * 60 + d.getMinutes() };
};

/** A weekday's short name in a language ("Mon", "lun."); 0 = Sunday. */
export function weekdayName(day: number, language: string): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
}

/** Local day and time at `ms` in an IANA time zone; this machine's own when the zone is unknown or not given. */
export function zonedLocalTime(ms: number, timeZone?: string): LocalTime {
  if (!timeZone || !isTimeZone(timeZone)) return machineLocalTime(ms);
  const d = new Date(ms + zoneOffsetMs(ms, timeZone));
  return { day: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** "07:00" for a local time. */
export function clockText(t: LocalTime): string {
  return `${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
}

/** When quiet hours end, for a reader at `from`: "07:00" within a day, else with the weekday ("Mon 07:00"). */
export function untilText(from: LocalTime, until: LocalTime, language: string): string {
  const ahead = (((until.day - from.day) * DAY + until.minutes - from.minutes) % (7 * DAY) + 7 * DAY) % (7 * DAY);
  if (ahead > 0 && ahead < DAY) return clockText(until);
  return `${weekdayName(until.day, language)} ${clockText(until)}`;
}
