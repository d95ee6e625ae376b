/**
 * Auto-update from GitHub releases (electron-updater, publish provider "github"). Only in packaged,
 * signed builds and when the setting is on: an unsigned app cannot verify what it would install
 * (and macOS refuses to update it), and a development run has nothing to update.
 */
import { Notification } from 'electron';
import type { Logger } from '../core/util/logger';
import type { Language } from '../shared/settings';
import { hostMessages } from '../core/i18n/host';

declare const __CCTM_SIGNED__: boolean | undefined;

/** Whether this build was signed (set at bundle time from the signing environment, see electron.vite.config.ts). */
export const SIGNED_BUILD: boolean = typeof __CCTM_SIGNED__ === 'boolean' ? __CCTM_SIGNED__ : false;

export interface UpdatePolicyInput {
  enabled: boolean;
  isPackaged: boolean;
  signed: boolean;
}

/** null when updates may run, else why not (logged once). */
export function updateBlocker(input: UpdatePolicyInput): string | null {
  if (!input.isPackaged) return 'development run';
  if (!input.signed) return 'unsigned build';
  if (!input.enabled) return 'turned off in settings';
  return null;
}

/** What this file uses of electron-updater's autoUpdater (a fake in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  checkForUpdates(): Promise<{ updateInfo: { version: string }; downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface AutoUpdate {
  stop(): void;
  /** After a settings change: checks at once when the policy's answer changed. */
  recheck(): void;
  /** The downloaded version waiting for a restart, or null. */
  ready(): string | null;
  /** Quits and installs the downloaded update (the app restarts into it). */
  restart(): void;
}

const EVERY_MS = 6 * 60 * 60 * 1000;

async function loadUpdater(): Promise<UpdaterLike> {
  // A CommonJS package: imported from the ESM bundle its exports may sit under `default`. Typed as the
  // package declares itself, so its AppUpdater is checked against UpdaterLike at compile time.
  type Module = typeof import('electron-updater');
  const mod = (await import('electron-updater')) as Partial<Module> & { default?: Module };
  const updater: UpdaterLike | undefined = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/**
 * Checks now and every 6 hours while the policy allows; re-evaluated on every tick so turning the
 * setting off stops checks. `recheck` (after a settings change) checks at once when the policy's
 * answer changed — turning the setting on checks now, not in six hours.
 *
 * An update downloads in the background and installs when the app quits; since a tray app is rarely
 * quit, a downloaded update is also offered at once: a notification and the tray's "Restart to
 * update" (`onReady`, then `ready()`), both in the user's language, both calling `restart()`.
 */
export function startAutoUpdate(opts: {
  policy: () => UpdatePolicyInput;
  log: Logger;
  /** The language of the notification (the dashboard's, else the system's). */
  language: () => Language;
  /** An update was downloaded: show the tray's "Restart to update". */
  onReady?(version: string): void;
  load?: () => Promise<UpdaterLike>;
  setInterval?: (fn: () => void, ms: number) => { unref?(): void } | number;
  clearInterval?: (h: unknown) => void;
}): AutoUpdate {
  const { log } = opts;
  let updater: Promise<UpdaterLike> | null = null;
  let loaded: UpdaterLike | null = null;
  let lastBlocker: string | null | undefined;
  let readyVersion: string | null = null;
  let notice: Notification | null = null;
  // electron-updater both emits 'error' and rejects its promise with the same error: logged once.
  const reported = new WeakSet<object>();
  const report = (what: string, e: unknown) => {
    if (e && typeof e === 'object') {
      if (reported.has(e)) return;
      reported.add(e);
    }
    log.warn(what, e);
  };
  const restart = () => {
    if (!loaded || readyVersion === null) return;
    log.info(`restarting to install version ${readyVersion}`);
    loaded.quitAndInstall();
  };
  const downloaded = (version: string) => {
    // Every check finds the same update again and re-emits 'update-downloaded' from the cache: told once.
    if (readyVersion === version) return;
    readyVersion = version;
    log.info(`version ${version} downloaded: installs on restart or quit`);
    opts.onReady?.(version);
    notice?.close(); // an older version's notice would restart into this one anyway
    notice = notifyReady(version, opts.language(), restart, log);
  };
  const check = async () => {
    const blocker = updateBlocker(opts.policy());
    if (blocker !== lastBlocker) log.info(blocker ? `automatic updates off: ${blocker}` : 'automatic updates on');
    lastBlocker = blocker;
    if (blocker) return;
    let u: UpdaterLike;
    try {
      // Set up once: electron-updater's autoUpdater is one object for the whole process, and a listener
      // added at every check would be called once more each time.
      updater ??= (opts.load ?? loadUpdater)().then((loading) => {
        loading.autoDownload = true;
        loading.autoInstallOnAppQuit = true;
        loading.logger = { info: (m) => log.info(String(m)), warn: (m) => log.warn(String(m)), error: (m) => log.error(String(m)) };
        // Without a listener an 'error' event would be thrown from inside electron-updater.
        loading.on('error', (e) => report('automatic update failed (will retry later)', e));
        loading.on('update-downloaded', (info) => downloaded(info.version));
        loaded = loading;
        return loading;
      });
      u = await updater;
    } catch (e) {
      updater = null; // loading failed: tried again at the next check
      report('could not load the updater (will retry later)', e);
      return;
    }
    try {
      const result = await u.checkForUpdates();
      // With autoDownload the download runs on after the check resolves; a failed download rejects this
      // promise, which nothing else awaits: unhandled, it would be reported as a crash of the main process.
      result?.downloadPromise?.catch((e: unknown) => report('downloading the update failed (will retry later)', e));
    } catch (e) {
      report('checking for updates failed (will retry later)', e);
    }
  };
  void check();
  const set = opts.setInterval ?? setInterval;
  const clear = opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  const handle = set(() => void check(), EVERY_MS);
  if (typeof handle === 'object') handle.unref?.();
  return {
    stop: () => {
      clear(handle);
      notice?.close();
    },
    recheck: () => {
      if (updateBlocker(opts.policy()) !== lastBlocker) void check();
    },
    ready: () => readyVersion,
    restart,
  };
}

/** "CC Tray Monitor 1.2.0 is ready": a click restarts into it. Returned so it stays referenced until clicked. */
function notifyReady(version: string, language: Language, restart: () => void, log: Logger): Notification | null {
  try {
    if (!Notification.isSupported()) return null;
    const m = hostMessages(language);
    const note = new Notification({ title: m.t('update.readyTitle', { version }), body: m.t('update.readyBody') });
    note.on('click', restart);
    note.on('failed', (_event, error) => log.warn(`the update notification failed: ${error}`));
    note.show();
    return note;
  } catch (e) {
    log.warn('could not show the update notification', e);
    return null;
  }
}
