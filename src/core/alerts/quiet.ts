/**
 * Quiet hours: a weekly schedule of local-time windows during which notifications stay silent
 * (criticals may be allowed through). A window whose end is before its start spans midnight and
 * belongs to the day it starts on; equal start and end mean the whole day.
 */
import type { Severity } from '../../shared/model';
import type { QuietHours } from '../../shared/settings';

/** Local day of week (0 = Sunday) and minutes since local midnight. */
export interface LocalTime {
  day: number;
  minutes: number;
}

export type LocalTimeFn = (ms: number) => LocalTime;

export const systemLocalTime: LocalTimeFn = (ms) => {
  const d = new Date(ms);
  return { day: d.getDay(), minutes: d.getHours() * 60 + d.getMinutes() };
};

const toMin = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return Math.min(24 * 60, h * 60 + m);
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

/** Whether quiet hours silence a notification of this severity now. */
export function quietSilences(q: QuietHours, severity: Severity, t: LocalTime): boolean {
  if (!q || !inQuietHours(q, t)) return false;
  return !(severity === 'critical' && q.allowCritical);
}
