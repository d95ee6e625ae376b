/**
 * Notifications as log lines: what the headless collector uses when desktop notifications are off or
 * unavailable, and what the desktop notifier falls back to. Lines go through the redacting logger.
 */
import type { AlertNotification, Notifier } from '../alerts/types';
import type { Logger } from '../util/logger';

/** One line: "[critical raise] Critical: Agent latency — Latency 412 ms ≥ 400 ms … (alerts: agent.latency|wv:1001)". */
export function notificationLine(n: AlertNotification): string {
  const ids = n.alertIds.length > 3 ? `${n.alertIds.slice(0, 3).join(', ')} and ${n.alertIds.length - 3} more` : n.alertIds.join(', ');
  return `[${n.severity} ${n.kind}] ${n.title} — ${n.body} (alerts: ${ids})`;
}

export class LogNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}

  notify(n: AlertNotification): void {
    try {
      const line = notificationLine(n);
      if (n.kind !== 'recover' && n.severity === 'critical') this.logger.warn(line);
      else this.logger.info(line);
    } catch {
      // A logger that throws must not break alerting.
    }
  }
}
