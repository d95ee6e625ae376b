/**
 * Auto-update from GitHub releases (electron-updater, publish provider "github"). Only in packaged,
 * signed builds and when the setting is on: an unsigned app cannot verify what it would install
 * (and macOS refuses to update it), and a development run has nothing to update.
 */
import type { Logger } from '../core/util/logger';

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

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

const EVERY_MS = 6 * 60 * 60 * 1000;

async function loadUpdater(): Promise<UpdaterLike> {
  const mod = (await import('electron-updater')) as unknown as { default?: { autoUpdater: UpdaterLike }; autoUpdater?: UpdaterLike };
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/**
 * Checks now and every 6 hours while the policy allows; re-evaluated on every tick so turning the
 * setting off stops checks. `recheck` (after a settings change) checks at once when the policy's
 * answer changed — turning the setting on checks now, not in six hours.
 */
export function startAutoUpdate(opts: {
  policy: () => UpdatePolicyInput;
  log: Logger;
  load?: () => Promise<UpdaterLike>;
  setInterval?: (fn: () => void, ms: number) => { unref?(): void } | number;
  clearInterval?: (h: unknown) => void;
}): { stop(): void; recheck(): void } {
  const { log } = opts;
  let updater: Promise<UpdaterLike> | null = null;
  let lastBlocker: string | null | undefined;
  const check = async () => {
    const blocker = updateBlocker(opts.policy());
    if (blocker !== lastBlocker) log.info(blocker ? `automatic updates off: ${blocker}` : 'automatic updates on');
    lastBlocker = blocker;
    if (blocker) return;
    try {
      updater ??= (opts.load ?? loadUpdater)().then((u) => {
        u.autoDownload = true;
        u.autoInstallOnAppQuit = true;
        u.logger = { info: (m) => log.info(String(m)), warn: (m) => log.warn(String(m)), error: (m) => log.error(String(m)) };
        return u;
      });
      await (await updater).checkForUpdatesAndNotify();
    } catch (e) {
      updater = null;
      log.warn('checking for updates failed (will retry later)', e);
    }
  };
  void check();
  const set = opts.setInterval ?? setInterval;
  const clear = opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  const handle = set(() => void check(), EVERY_MS);
  if (typeof handle === 'object') handle.unref?.();
  return {
    stop: () => clear(handle),
    recheck: () => {
      if (updateBlocker(opts.policy()) !== lastBlocker) void check();
    },
  };
}
