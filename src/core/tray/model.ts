/**
 * What the tray shows, computed from the live picture by the engine (pure, testable) and rendered by
 * src/main/tray.ts with Electron's Tray. Icon files live in resources/tray/{level}.png (colour and shape).
 */
export type TrayLevel = 'ok' | 'warning' | 'critical' | 'stale';

export interface TrayModel {
  level: TrayLevel;
  /** e.g. "2 critical · 5 calls waiting · Axialys live, Wolkvox 4 min old" */
  tooltip: string;
  /** Count shown next to the icon on macOS ("" when nothing is firing). */
  title: string;
  /** Top active alerts for the menu (most severe first). */
  topAlerts: { id: string; label: string; severity: 'warning' | 'critical' }[];
  /** Sources and their status for the menu: `menuLabel` is the item ("Wolkvox — live"). */
  sources: { id: string; label: string; status: string; menuLabel: string }[];
  notificationsPaused: boolean;
  /** A downloaded update waits for a restart: the menu offers "Restart to update". */
  updateReady: boolean;
  /** The menu's own words, in the user's language. */
  menu: TrayMenuText;
}

export interface TrayMenuText {
  open: string;
  activeAlerts: string;
  snoozeAll: string;
  snoozeChoices: { label: string; minutes: number }[];
  noAlerts: string;
  pause: string;
  sources: string;
  noSources: string;
  restartToUpdate: string;
  quit: string;
}
