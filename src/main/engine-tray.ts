/**
 * The tray of a running engine: the model computed by src/core/tray from the live picture, rendered
 * by TrayService, with menu actions turned into bridge commands (the same ones the dashboard sends).
 */
import type { Engine } from '../core/engine';
import type { CommandHandler } from '../core/commands';
import type { Logger } from '../core/util/logger';
import type { Language } from '../shared/settings';
import { buildTrayModel } from '../core/tray/build';
import { TrayService } from './tray';
import { startTrayUpdates, type TrayUpdates } from './tray-updates';

export interface EngineTrayOptions {
  engine: Engine;
  handler: CommandHandler;
  iconDir: string;
  openDashboard(): void;
  openAlert(alertId: string): void;
  quit(): void;
  log: Logger;
  /** The language of the tooltip and the menu (the dashboard's), read at each render. */
  language: () => Language;
  /** Per polled source, the seconds without events after which it is stale (from its polling intervals), read at each render. */
  staleAfterSec?: () => Record<string, number>;
  /** Whether a downloaded update waits for a restart, read at each render (refresh() when it changes). */
  updateReady?: () => boolean;
  restartToUpdate?(): void;
}

export function startEngineTray(opts: EngineTrayOptions): TrayUpdates {
  const { engine, handler, log } = opts;
  const command = (channel: string, payload: unknown) =>
    handler(channel, payload).then(
      () => updates.refresh(),
      (e) => log.warn(`tray: ${channel} failed`, e),
    );
  /**
   * "Snooze all" snoozes the alerts firing now, each on its own: a snooze with no criteria would also
   * cover alerts raised after it, a source's feed lost included, for as long as it lasts.
   */
  const snoozeFiring = async (minutes: number) => {
    for (const a of engine.alerts.list('firing')) {
      if (a.snoozedUntil !== null && a.snoozedUntil >= engine.clock.now() + minutes * 60_000) continue;
      await handler('alerts:snooze', { minutes, alertId: a.id }).catch((e) => log.warn('tray: alerts:snooze failed', e));
    }
    updates.refresh();
  };
  const tray = new TrayService(opts.iconDir, {
    openDashboard: opts.openDashboard,
    openAlert: opts.openAlert,
    snoozeAll: (minutes) => void snoozeFiring(minutes),
    setNotificationsPaused: (paused) => void command('alerts:pause-notifications', { paused }),
    restartToUpdate: () => opts.restartToUpdate?.(),
    quit: opts.quit,
  });
  const updates = startTrayUpdates({
    clock: engine.clock,
    snapshot: () => engine.snapshot(),
    subscribe: (listener) => engine.subscribe(listener),
    notificationsPaused: () => engine.alerts.settings().notificationsPaused,
    build: (snapshot, o) =>
      buildTrayModel(snapshot, { ...o, language: opts.language(), staleAfterSec: opts.staleAfterSec?.(), updateReady: opts.updateReady?.() ?? false, quiet: engine.alerts.quietNow(o.now) }),
    render: (model) => tray.render(model),
  });
  return {
    refresh: updates.refresh,
    stop: () => {
      updates.stop();
      tray.destroy();
    },
  };
}
