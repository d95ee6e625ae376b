/**
 * "Start at login": Electron's login items on Windows and macOS; an XDG autostart entry on Linux,
 * where Electron has none.
 */
import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/util/logger';

export const AUTOSTART_FILE = 'cc-tray-monitor.desktop';
/** Passed by the login item so the app starts in the tray without opening the dashboard. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemEnv {
  platform: NodeJS.Platform;
  /** Linux: the executable to start (the AppImage when run from one). */
  execPath: string;
  /** Linux: $XDG_CONFIG_HOME or ~/.config. */
  configDir: string;
}

export function loginItemEnv(): LoginItemEnv {
  return {
    platform: process.platform,
    execPath: process.env.APPIMAGE || process.execPath,
    configDir: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
  };
}

export function linuxAutostartEntry(execPath: string): string {
  const exec = /[\s"'\\]/.test(execPath) ? `"${execPath.replace(/(["\\`$])/g, '\\$1')}"` : execPath;
  return ['[Desktop Entry]', 'Type=Application', 'Name=CC Tray Monitor', `Exec=${exec} ${HIDDEN_ARG}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export function applyStartAtLogin(enabled: boolean, log: Logger, env: LoginItemEnv = loginItemEnv()): void {
  try {
    if (env.platform === 'linux') {
      const dir = join(env.configDir, 'autostart');
      const file = join(dir, AUTOSTART_FILE);
      if (enabled) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, linuxAutostartEntry(env.execPath), { mode: 0o644 });
      } else {
        rmSync(file, { force: true });
      }
      return;
    }
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
  } catch (e) {
    log.warn(`could not ${enabled ? 'turn on' : 'turn off'} start at login`, e);
  }
}
