/**
 * Buttons on a notification ("Acknowledge", "Snooze 1 h") act on every alert the notification names,
 * so a lead can deal with a storm of twelve agents in one click without opening anything.
 */
import type { Alert } from '../../shared/model';
import type { AlertEngineApi, AlertNotification, NotificationAction } from './types';

export function applyNotificationAction(
  alerts: Pick<AlertEngineApi, 'ack' | 'snooze'>,
  n: Pick<AlertNotification, 'alertIds'>,
  action: NotificationAction,
  now: number,
): Alert[] {
  const out: Alert[] = [];
  for (const id of n.alertIds) {
    if (action.kind === 'ack') {
      const a = alerts.ack(id, now);
      if (a) out.push(a);
    } else {
      out.push(...alerts.snooze({ alertId: id, minutes: action.minutes }, now));
    }
  }
  return out;
}
