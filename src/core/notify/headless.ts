/**
 * The notifier of a process without Electron (the collector): desktop notifications through
 * node-notifier when asked for, log lines otherwise (a server or a container has no desktop).
 */
import type { AlertNotification, NotificationAction, Notifier } from '../alerts/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { LogNotifier } from './log-notifier';
import { NodeNotifier, type NodeNotifierOptions } from './node-notifier';

export interface HeadlessNotifierOptions {
  logger: Logger;
  /** Show desktop notifications (node-notifier); false writes them to the log only. */
  desktop: boolean;
  iconPath?: string;
  clock?: Clock;
  /** A notification's button was pressed (macOS and Windows show them). */
  onAction?: (n: AlertNotification, action: NotificationAction) => void;
  /** Tests inject a fake node-notifier and the platform it stands for. */
  backend?: Pick<NodeNotifierOptions, 'load' | 'platform'>;
}

export function createHeadlessNotifier(opts: HeadlessNotifierOptions): Notifier {
  if (!opts.desktop) return new LogNotifier(opts.logger);
  return new NodeNotifier({ logger: opts.logger, iconPath: opts.iconPath, clock: opts.clock, onAction: opts.onAction, ...opts.backend });
}
