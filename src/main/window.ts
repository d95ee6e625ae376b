/**
 * The dashboard window: created on first use, hidden to the tray on close (setting), with pinned
 * secure webPreferences. Showing it from a notification click or the tray is a user action; nothing
 * else ever brings it to the front.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import type { AppPages } from './pages';
import { usablePlace, type Rect, type WindowPlace } from './window-place';

/** The window's default and smallest sizes (the dashboard's layouts are checked at both). */
export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 720, height: 480 };
/** The key of the window's place in the tray app's store (beside the settings document). */
export const WINDOW_PLACE_KEY = 'windowPlace';
/** A move or resize is saved once the user has stopped for this long. */
const SAVE_DELAY_MS = 500;

/** Where the window's place is kept between runs. */
export interface PlaceStore {
  load(): unknown;
  save(place: WindowPlace): void;
}

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
  /** Remembers where the window was; without it the window always opens at its defaults. */
  place?: PlaceStore;
  /** The work areas of the displays now connected (read when the window is created). */
  workAreas?: () => Rect[];
  /** The dashboard's page ended without being asked to (a crash, killed, out of memory): said in the log. */
  onPageGone?: (reason: string, recovery: 'reload' | 'closed') => void;
}

/** A page that ends this often within a minute is not reloaded again: the window closes instead. */
const RELOADS_PER_MINUTE = 3;

export class DashboardWindow {
  private window: BrowserWindow | null = null;
  /** When the page last ended by itself, for the reload budget. */
  private gone: number[] = [];

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
    const { pages, place } = this.opts;
    const saved = place ? usablePlace(place.load(), this.opts.workAreas?.() ?? [], MIN_SIZE) : null;
    const win = new BrowserWindow({
      ...(saved ? saved.bounds : DEFAULT_SIZE),
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'CC Tray Monitor',
      icon: this.opts.iconPath,
      autoHideMenuBar: true,
      backgroundColor: '#14161a',
      webPreferences: dashboardWebPreferences(this.opts.preloadPath, this.opts.devTools),
    });
    win.removeMenu();
    if (saved?.maximized) win.maximize();
    if (place) this.remember(win, place);
    win.on('close', (event) => {
      if (!this.opts.isQuitting() && this.opts.hideOnClose()) {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (this.window === win) this.window = null;
    });
    // A page that crashed leaves a blank window, and a packaged app has no menu to reload it with:
    // it is loaded again; one that keeps crashing closes its window, which the next show opens anew.
    win.webContents.on('render-process-gone', (_event, details: { reason: string }) => {
      if (details.reason === 'clean-exit' || win.isDestroyed()) return;
      const now = Date.now();
      this.gone = [...this.gone.filter((t) => now - t < 60_000), now];
      if (this.gone.length <= RELOADS_PER_MINUTE) {
        this.opts.onPageGone?.(details.reason, 'reload');
        win.webContents.reload();
      } else {
        this.opts.onPageGone?.(details.reason, 'closed');
        this.gone = [];
        win.destroy();
      }
    });
    this.window = win;
    this.opts.onCreated?.(win);
    if (pages.devOrigin) void win.loadURL(`${pages.devOrigin}/`);
    else void win.loadFile(pages.indexFile);
    return win;
  }

  /** Saves the window's place after each move or resize (once the user stops), and when it closes. */
  private remember(win: BrowserWindow, place: PlaceStore): void {
    let timer: NodeJS.Timeout | null = null;
    const save = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      // Minimized or full screen is not a place to come back to; the last normal one stays saved.
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
      place.save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    };
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
      timer.unref?.();
    };
    win.on('move', later);
    win.on('resize', later);
    win.on('maximize', later);
    win.on('unmaximize', later);
    win.on('close', save);
  }
}
