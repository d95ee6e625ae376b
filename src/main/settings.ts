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

function openStore(log: Logger, dir: string): Store {
  const options = { name: STORE_NAME, cwd: dir, accessPropertiesByDotNotation: false, configFileMode: 0o600, clearInvalidConfig: false };
  try {
    return new Store(options);
  } catch (e) {
    // Unreadable JSON: keep the file aside for the user and start afresh rather than not starting.
    const file = join(dir, `${STORE_NAME}.json`);
    const aside = `${file}.unreadable-${Date.now()}`;
    log.error(`the settings file is unreadable; it was moved to ${aside} and default settings are used`, e);
    renameSync(file, aside);
    return new Store(options);
  }
}

export async function openTraySettings(log: Logger, dir: string = app.getPath('userData')): Promise<{ host: TraySettingsHost; store: Store }> {
  const store = openStore(log, dir);
  const cipher = await createSafeStorageCipher(log);
  const host = await TraySettingsHost.open({ store, cipher, log, env: process.env });
  return { host, store };
}
