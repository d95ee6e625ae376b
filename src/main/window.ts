/**
 * The dashboard window: created on first use, hidden to the tray on close (setting), with pinned
 * secure webPreferences. Showing it from a notification click or the tray is a user action; nothing
 * else ever brings it to the front.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import type { AppPages } from './pages';

/** Pinned by test/main/window.test.ts: change only together with docs/security.md. */
export function dashboardWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export interface DashboardOptions {
  pages: AppPages;
  preloadPath: string;
  iconPath?: string;
  devTools: boolean;
  /** Close hides to the tray unless the app is quitting or the setting is off. */
  hideOnClose: () => boolean;
  isQuitting: () => boolean;
  /** A new window's web contents (the IPC event queue attaches to it). */
  onCreated?: (window: BrowserWindow) => void;
}

export class DashboardWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly opts: DashboardOptions) {}

  get current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows (creating if needed), restores and focuses the dashboard. */
  show(): BrowserWindow {
    const win = this.current ?? this.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  }

  private create(): BrowserWindow {
    const { pages } = this.opts;
    const win = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'CC Tray Monitor',
      icon: this.opts.iconPath,
      autoHideMenuBar: true,
      backgroundColor: '#14161a',
      webPreferences: dashboardWebPreferences(this.opts.preloadPath, this.opts.devTools),
    });
    win.removeMenu();
    win.on('close', (event) => {
      if (!this.opts.isQuitting() && this.opts.hideOnClose()) {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    this.window = win;
    this.opts.onCreated?.(win);
    if (pages.devOrigin) void win.loadURL(`${pages.devOrigin}/`);
    else void win.loadFile(pages.indexFile);
    return win;
  }
}
