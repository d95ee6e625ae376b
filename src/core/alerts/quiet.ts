/**
 * Quiet hours as the engine reads them: in this machine's time zone. The schedule itself is in
 * src/shared/quiet.ts, which dashboards share.
 */
import type { Severity } from '../../shared/model';
import { inQuietHours, type LocalTime } from '../../shared/quiet';
import type { QuietHours } from '../../shared/settings';

export { inQuietHours, quietNow, machineLocalTime as systemLocalTime, type LocalTime, type LocalTimeFn, type QuietNow } from '../../shared/quiet';

/** Whether quiet hours silence a notification of this severity now. */
export function quietSilences(q: QuietHours, severity: Severity, t: LocalTime): boolean {
  if (!q || !inQuietHours(q, t)) return false;
  return !(severity === 'critical' && q.allowCritical);
}
