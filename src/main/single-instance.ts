/**
 * One tray app per user session: a second launch hands over to the first (which shows its dashboard)
 * and quits.
 */
import { app } from 'electron';

/** Returns false (and quits) when another instance holds the lock. */
export function claimSingleInstance(onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
