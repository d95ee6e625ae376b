/**
 * The notifier of a process without Electron (the collector): desktop notifications through
 * node-notifier when asked for, log lines otherwise (a server or a container has no desktop).
 */
import type { Notifier } from '../alerts/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { LogNotifier } from './log-notifier';
import { NodeNotifier } from './node-notifier';

export interface HeadlessNotifierOptions {
  logger: Logger;
  /** Show desktop notifications (node-notifier); false writes them to the log only. */
  desktop: boolean;
  iconPath?: string;
  clock?: Clock;
}

export function createHeadlessNotifier(opts: HeadlessNotifierOptions): Notifier {
  if (!opts.desktop) return new LogNotifier(opts.logger);
  return new NodeNotifier({ logger: opts.logger, iconPath: opts.iconPath, clock: opts.clock });
}
