/**
 * A Notifier that records what it was asked to show, for asserting exactly which notifications an
 * alert scenario produces.
 */
import type { AlertNotification, Notifier } from '../../src/core/alerts/types';

export class RecordingNotifier implements Notifier {
  readonly sent: AlertNotification[] = [];

  /** Alert ids said resolved (`dismiss`), in order. */
  readonly dismissed: string[] = [];

  notify(n: AlertNotification): void {
    this.sent.push(n);
  }

  dismiss(alertIds: readonly string[]): void {
    this.dismissed.push(...alertIds);
  }

  /** `kind:alertId,alertId` per notification, for compact assertions. */
  summary(): string[] {
    return this.sent.map((n) => `${n.kind}:${n.alertIds.join(',')}`);
  }

  /** Removes and returns what was recorded so far. */
  take(): AlertNotification[] {
    return this.sent.splice(0, this.sent.length);
  }
}
