/**
 * Notifications in a browser showing a collector's dashboard: the tray app has OS notifications, a
 * lead who follows the collector in a browser tab asks for them here. Each browser keeps its own
 * choice (as its display preferences); what is notified, and when, is the collector's alert engine's
 * decision (quiet hours, pauses, snoozes, cooldown and grouping applied there), so a browser shows
 * what the collector's own notifications say, in the language this dashboard reads.
 */
import { useEffect } from 'react';
import type { HostNotification } from '../../shared/bridge';
import type { Language } from '../../shared/settings';
import type { DashboardClient } from '../bridge/client';
import { navigate } from './router';

const KEY = 'cctm.notify';

/** Where this browser stands: not able to (no API, or not a secure page), not asked, refused, or showing. */
export type BrowserNotifyState = 'unsupported' | 'off' | 'denied' | 'on';

type NotificationApi = {
  permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): Notification;
};

function api(): NotificationApi | null {
  const n = (globalThis as { Notification?: NotificationApi }).Notification;
  // Browsers offer notifications to secure pages only (https, or a collector on this computer).
  return n && globalThis.isSecureContext !== false ? n : null;
}

function wanted(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused (private mode): the choice lasts as long as the page.
  }
}

export function browserNotifyState(): BrowserNotifyState {
  const n = api();
  if (!n) return 'unsupported';
  if (n.permission === 'denied') return 'denied';
  return wanted() && n.permission === 'granted' ? 'on' : 'off';
}

/** Turns them on (asking the browser's permission, from the click that asked) or off. */
export async function setBrowserNotify(on: boolean): Promise<BrowserNotifyState> {
  const n = api();
  if (!n) return 'unsupported';
  if (!on) {
    remember(false);
    return browserNotifyState();
  }
  const permission = n.permission === 'default' ? await n.requestPermission() : n.permission;
  remember(permission === 'granted');
  return browserNotifyState();
}

/** Shows one of the collector's notifications in the reader's language; a click brings this tab to the alert. */
export function showBrowserNotification(n: HostNotification, language?: Language): Notification | null {
  const Api = api();
  if (!Api || browserNotifyState() !== 'on') return null;
  const urgent = n.severity === 'critical' && n.kind !== 'recover';
  const { title, body } = (language && n.texts?.[language]) || n;
  const shown = new Api(title, { body, tag: n.id, requireInteraction: urgent, silent: !n.sound });
  shown.onclick = () => {
    globalThis.focus?.();
    if (n.alertIds.length === 1) navigate('alerts', n.alertIds[0]);
    else navigate('alerts');
    shown.close();
  };
  return shown;
}

/** Shows the collector's notifications in this browser while the page is open, if asked for, in the dashboard's language. */
export function useBrowserNotifications(client: DashboardClient, language: Language): void {
  useEffect(() => client.onNotification((n) => void showBrowserNotification(n, language)), [client, language]);
}
