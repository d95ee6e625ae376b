/**
 * The tray app's settings: electron-store (written only by the main process, file mode 0600) holding
 * the settings document and the sealed-secret vault, read through the TraySettingsHost of src/core.
 */
import { app } from 'electron';
import Store from 'electron-store';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { TraySettingsHost } from '../core/settings/tray-host';
import type { Logger } from '../core/util/logger';
import { createSafeStorageCipher } from './secrets';

export const STORE_NAME = 'settings';

/** Tries at opening a settings file that cannot be read for another reason than its content. */
const OPEN_TRIES = 5;
const RETRY_MS = 200;

/**
 * Opens the store. A file that is not JSON (cut short by a crash, edited by hand) is kept aside for
 * the user and the app starts afresh, saying so; a file that cannot be read now (held by a backup or
 * an antivirus, a permission) is tried again for a second, then the app does not start and says why
 * (src/main/startup-error.ts), rather than replacing settings that are fine.
 */
export async function openStore(log: Logger, dir: string, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<{ store: Store; problem: string | null }> {
  const options = { name: STORE_NAME, cwd: dir, accessPropertiesByDotNotation: false, configFileMode: 0o600, clearInvalidConfig: false };
  for (let attempt = 1; ; attempt++) {
    try {
      return { store: new Store(options), problem: null };
    } catch (e) {
      if (e instanceof SyntaxError) {
        const file = join(dir, `${STORE_NAME}.json`);
        const aside = `${file}.unreadable-${Date.now()}`;
        const problem = `The settings file could not be read (it is not JSON); it was moved to ${aside} and default settings are used.`;
        log.error(problem);
        renameSync(file, aside);
        return { store: new Store(options), problem };
      }
      if (attempt >= OPEN_TRIES) throw e;
      log.warn(`the settings file cannot be opened now (${(e as NodeJS.ErrnoException).code ?? 'error'}); trying again`);
      await wait(RETRY_MS);
    }
  }
}

export async function openTraySettings(log: Logger, dir: string = app.getPath('userData')): Promise<{ host: TraySettingsHost; store: Store }> {
  const { store, problem } = await openStore(log, dir);
  const cipher = await createSafeStorageCipher(log);
  const host = await TraySettingsHost.open({ store, cipher, log, env: process.env, startProblems: problem ? [problem] : [] });
  return { host, store };
}
