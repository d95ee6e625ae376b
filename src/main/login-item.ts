/**
 * "Start at login": Electron's login items on Windows and macOS; an XDG autostart entry on Linux,
 * where Electron has none. A start at login stays in the tray: Windows and Linux pass --hidden, macOS
 * (whose login items take no arguments) says so itself.
 */
import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/util/logger';

export const AUTOSTART_FILE = 'cc-tray-monitor.desktop';
/** Passed by the login item (Windows) and the autostart entry (Linux) so the app starts in the tray without opening the dashboard. */
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
    // macOS ignores `args` (its login items start the app bundle as such): see startedAtLogin.
    app.setLoginItemSettings(env.platform === 'darwin' ? { openAtLogin: enabled } : { openAtLogin: enabled, args: [HIDDEN_ARG] });
  } catch (e) {
    log.warn(`could not ${enabled ? 'turn on' : 'turn off'} start at login`, e);
  }
}

/**
 * Whether this start is a start at login, which stays in the tray: --hidden on the command line, or on
 * macOS the system's word for it (wasOpenedAtLogin). Read after the app is ready.
 */
export function startedAtLogin(argv: readonly string[] = process.argv, platform: NodeJS.Platform = process.platform): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  if (platform !== 'darwin') return false;
  try {
    return app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false; // cannot tell: start as if the user had opened the app
  }
}
