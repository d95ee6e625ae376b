/**
 * Buttons on a notification ("Acknowledge", "Snooze 1 h") act on every alert the notification names,
 * so a lead can deal with a storm of twelve agents in one click without opening anything. They go
 * through the same commands the dashboard sends (the tray app's and the collector's alike).
 *
 * An alert that ends and fires again keeps its id, and a notification may be clicked long after it
 * was shown: "Acknowledge" acts only on the lifecycle the notification was about (a later one has
 * not been seen), while "Snooze 1 h" keeps the alert quiet for the hour whichever lifecycle it is in,
 * as snoozing from the dashboard does.
 */
import type { Alert } from '../../shared/model';
import type { Logger } from '../util/logger';
import type { AlertNotification, NotificationAction } from './types';

/** The alert ids a button of `n` acts on now; `get` reads an alert as it is now. */
export function actionTargets(n: Pick<AlertNotification, 'alertIds' | 'lifecycles'>, action: NotificationAction, get: (id: string) => Alert | undefined): string[] {
  const ids = [...new Set(n.alertIds)];
  if (action.kind === 'snooze') return ids;
  return ids.filter((id) => {
    const a = get(id);
    if (!a || a.state === 'resolved') return false;
    const since = n.lifecycles?.[id];
    return since === undefined || a.since === since;
  });
}

/** `run` is the command handler (`alerts:ack`, `alerts:snooze`); `get` reads an alert as it is now. */
export function notificationActionHandler(
  run: (channel: string, payload: unknown) => Promise<unknown>,
  log: Logger,
  get: (id: string) => Alert | undefined,
): (n: AlertNotification, action: NotificationAction) => void {
  return (n, action) => {
    const ids = actionTargets(n, action, get);
    const named = new Set(n.alertIds).size;
    if (ids.length < named) log.info(`notification action ${action.kind}: ${named - ids.length} of its alerts ended since it was shown, left as they are`);
    for (const id of ids) {
      const done = action.kind === 'ack' ? run('alerts:ack', { id }) : run('alerts:snooze', { minutes: action.minutes, alertId: id });
      void done.catch((e) => log.warn(`notification action ${action.kind} failed for an alert`, e));
    }
  };
}
