/**
 * Notification buttons (acknowledge, snooze) turned into the same bridge commands the dashboard sends.
 */
import type { NotificationAction, AlertNotification } from '../core/alerts/types';
import type { CommandHandler } from '../core/commands';
import type { Logger } from '../core/util/logger';

export function notificationActionHandler(handler: CommandHandler, log: Logger): (n: AlertNotification, action: NotificationAction) => void {
  return (n, action) => {
    for (const id of n.alertIds) {
      const done =
        action.kind === 'ack' ? handler('alerts:ack', { id }) : handler('alerts:snooze', { minutes: action.minutes, alertId: id });
      void done.catch((e) => log.warn(`notification action ${action.kind} failed for an alert`, e));
    }
  };
}
