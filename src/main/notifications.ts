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
  /**
   * The alerts a shown notification names that have not resolved yet: once none is left it is taken
   * away (a critical one stays on screen until closed, and a group's id is never shown again).
   */
  private readonly unresolved = new Map<Notification, Set<string>>();

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
      // A notification of several alerts opens the list, not one of them chosen at random.
      note.on('click', () => this.opts.onClick(n.alertIds.length === 1 ? n.alertIds[0] : undefined));
      note.on('action', (details, index) => {
        // `details.actionIndex` since Electron 41; the positional index before.
        const at = typeof (details as { actionIndex?: unknown } | undefined)?.actionIndex === 'number' ? (details as { actionIndex: number }).actionIndex : index;
        const button = buttons[at];
        if (button) this.opts.onAction?.(n, button.action);
      });
      note.on('close', () => {
        if (this.shown.get(n.id) === note) this.shown.delete(n.id);
        this.unresolved.delete(note);
      });
      // Windows says when a toast could not be shown (notifications off for the app, a broken
      // service): the fallback shows it another way rather than the alert going unseen.
      note.on('failed', (_event, error) => {
        this.opts.log.warn(`notification failed: ${error}`);
        this.unresolved.delete(note);
        void this.fallback(n);
      });
      this.shown.set(n.id, note);
      if (n.kind !== 'recover') this.unresolved.set(note, new Set(n.alertIds));
      if (this.shown.size > 50) {
        const oldest = this.shown.keys().next().value as string;
        const gone = this.shown.get(oldest);
        this.shown.delete(oldest);
        if (gone) this.unresolved.delete(gone);
      }
      note.show();
    } catch (e) {
      this.opts.log.warn('could not show a notification', e);
      await this.fallback(n);
    }
  }

  dismiss(alertIds: readonly string[]): void {
    for (const [note, ids] of this.unresolved) {
      for (const id of alertIds) ids.delete(id);
      if (ids.size) continue;
      this.unresolved.delete(note);
      try {
        note.close();
      } catch (e) {
        this.opts.log.warn('could not close a notification', e);
      }
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
