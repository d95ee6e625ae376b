/**
 * OS notifications of the tray app (Electron Notification). Never steals focus: showing a notification
 * touches no window; a click opens the dashboard at the alert. When the OS has no notification
 * support, a fallback notifier (node-notifier) takes over. Failures are logged, never thrown.
 */
import { Notification } from 'electron';
import type { AlertNotification, NotificationAction, Notifier } from '../core/alerts/types';
import type { Logger } from '../core/util/logger';

export interface ElectronNotifierOptions {
  /** The user clicked a notification: open the dashboard at this alert (or the alerts view). */
  onClick(alertId: string | undefined): void;
  /** A notification button (acknowledge, snooze) was clicked; buttons are shown where Electron supports them (macOS). */
  onAction?(n: AlertNotification, action: NotificationAction): void;
  fallback?: Notifier;
  log: Logger;
}

export class ElectronNotifier implements Notifier {
  /** Shown notifications by id: kept referenced (else they may be collected before a click) and replaced by id. */
  private readonly shown = new Map<string, Notification>();

  constructor(
    private readonly opts: ElectronNotifierOptions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async notify(n: AlertNotification): Promise<void> {
    try {
      if (!Notification.isSupported()) {
        await this.fallback(n);
        return;
      }
      this.shown.get(n.id)?.close();
      // Buttons on macOS and Windows toasts (Electron 41+); Linux notification servers vary too much.
      const buttons = (this.platform === 'darwin' || this.platform === 'win32') && this.opts.onAction ? (n.actions ?? []) : [];
      const note = new Notification({
        title: n.title,
        body: n.body,
        silent: !n.sound,
        urgency: n.severity === 'critical' && n.kind !== 'recover' ? 'critical' : 'normal',
        timeoutType: n.severity === 'critical' && n.kind !== 'recover' ? 'never' : 'default',
        actions: buttons.map((b) => ({ type: 'button' as const, text: b.label })),
      });
      note.on('click', () => this.opts.onClick(n.alertIds[0]));
      note.on('action', (details, index) => {
        // `details.actionIndex` since Electron 41; the positional index before.
        const at = typeof (details as { actionIndex?: unknown } | undefined)?.actionIndex === 'number' ? (details as { actionIndex: number }).actionIndex : index;
        const button = buttons[at];
        if (button) this.opts.onAction?.(n, button.action);
      });
      note.on('close', () => {
        if (this.shown.get(n.id) === note) this.shown.delete(n.id);
      });
      note.on('failed', (_event, error) => this.opts.log.warn(`notification failed: ${error}`));
      this.shown.set(n.id, note);
      if (this.shown.size > 50) this.shown.delete(this.shown.keys().next().value as string);
      note.show();
    } catch (e) {
      this.opts.log.warn('could not show a notification', e);
      await this.fallback(n);
    }
  }

  private async fallback(n: AlertNotification): Promise<void> {
    if (!this.opts.fallback) return;
    try {
      await this.opts.fallback.notify(n);
    } catch (e) {
      this.opts.log.warn('the fallback notifier failed too', e);
    }
  }
}
