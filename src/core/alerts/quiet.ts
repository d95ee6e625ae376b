/**
 * Quiet hours as the engine reads them: in this machine's time zone. The schedule itself is in
 * src/shared/quiet.ts, which dashboards share.
 */
import type { Severity } from '../../shared/model';
import { inQuietHours, type LocalTime, type LocalTimeFn } from '../../shared/quiet';
import type { QuietHours } from '../../shared/settings';

export { inQuietHours, quietNow, type LocalTime, type LocalTimeFn, type QuietNow } from '../../shared/quiet';

export const systemLocalTime: LocalTimeFn = (ms) => {
  const d = new Date(ms);
  return { day: d.getDay(), minutes: d.getHours() * 60 + d.getMinutes() };
};

/** Whether quiet hours silence a notification of this severity now. */
export function quietSilences(q: QuietHours, severity: Severity, t: LocalTime): boolean {
  if (!q || !inQuietHours(q, t)) return false;
  return !(severity === 'critical' && q.allowCritical);
}
