/**
 * Quitting: the window stops hiding to the tray, then the engine stops cleanly (Avaya subscriptions
 * deleted, sockets closed, alert history saved) within a bounded time before the process exits.
 */
import { app, autoUpdater, powerMonitor } from 'electron';
import type { Logger } from '../core/util/logger';

const CLEANUP_LIMIT_MS = 5000;

export interface Lifecycle {
  isQuitting(): boolean;
}

export function installQuitHandling(cleanup: () => Promise<void>, log: Logger): Lifecycle {
  let quitting = false;
  let cleaned = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  // Installing an update (quitAndInstall) closes the windows before 'before-quit' is emitted: without
  // this the dashboard would hide to the tray instead of closing, and the restart would never happen.
  autoUpdater.on('before-quit-for-update', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (cleaned) return;
    event.preventDefault();
    cleaned = true;
    const limit = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
    void Promise.race([cleanup().catch((e) => log.error('shutdown failed', e)), limit]).finally(() => app.quit());
  });
  // A tray app never quits because its last window closed.
  app.on('window-all-closed', () => undefined);
  return { isQuitting: () => quitting };
}

/** Resume from sleep: every source checks its connection now (one check, not a reconnect storm). */
export function onResume(check: () => void, log: Logger): void {
  powerMonitor.on('resume', () => {
    log.info('resumed from sleep: checking every source');
    check();
  });
}
