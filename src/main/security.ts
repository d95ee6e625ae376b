/**
 * Guards every web contents and the session (Electron security checklist): a strict CSP on the app's
 * own pages, every permission denied but writing to the clipboard, navigation and new windows refused (https links go to the OS
 * browser through the guarded openExternal), no <webview>.
 */
import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/util/logger';
import { isAppUrl, type AppPages } from './pages';
import { dashboardPolicy } from './csp';

/** The dashboard's policy (csp.ts), sent as a header on the app's own pages. */
export function contentSecurityPolicy(pages: AppPages): string {
  return dashboardPolicy(pages.devOrigin);
}

/**
 * The one permission the dashboard's pages have: writing text to the clipboard (its Copy buttons),
 * which cannot read it. Every other request and check is refused, and this one from any other page.
 */
const GRANTED: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session, pages: AppPages, log: Logger): void {
  const csp = contentSecurityPolicy(pages);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, pages)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  const granted = (contents: WebContents | null | undefined, permission: string) => GRANTED.has(permission) && isAppUrl(contents?.getURL(), pages);
  session.setPermissionRequestHandler((contents, permission, callback) => {
    if (granted(contents, permission)) {
      callback(true);
      return;
    }
    log.warn(`denied a permission request from the dashboard: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler((contents, permission) => granted(contents, permission));
  session.setDevicePermissionHandler(() => false);
}

/** Attached to every web contents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents, pages: AppPages, openExternal: (url: string) => Promise<boolean>, log: Logger): void {
  const refuse = (what: string) => (event: { preventDefault(): void; url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (what === 'navigation' && isAppUrl(url, pages)) return;
    event.preventDefault();
    log.warn(`blocked ${what} of the dashboard to ${safeOrigin(url)}`);
    if (url.startsWith('https://')) void openExternal(url);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview> in the dashboard');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void openExternal(url);
    else log.warn(`blocked a new window to ${safeOrigin(url)}`);
    return { action: 'deny' };
  });
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? 'a local file' : `${u.protocol}//${u.hostname}`;
  } catch {
    return 'an invalid URL';
  }
}
