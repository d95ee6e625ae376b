import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, electronState, fake, resetElectron } from '../fakes/electron';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { DashboardWindow, dashboardWebPreferences } = await import('../../src/main/window');
const { resolveAppPages } = await import('../../src/main/pages');

const pages = resolveAppPages('/app/out/main', { isPackaged: true, env: {} });

beforeEach(() => {
  resetElectron();
});

function dashboard(opts: { hideOnClose?: boolean; quitting?: boolean } = {}) {
  const state = { hideOnClose: opts.hideOnClose ?? true, quitting: opts.quitting ?? false };
  const onCreated = vi.fn();
  const d = new DashboardWindow({
    pages,
    preloadPath: '/app/out/preload/index.cjs',
    devTools: false,
    hideOnClose: () => state.hideOnClose,
    isQuitting: () => state.quitting,
    onCreated,
  });
  return { d, state, onCreated };
}

describe('dashboard window', () => {
  it('pins secure webPreferences', () => {
    const prefs = dashboardWebPreferences('/app/out/preload/index.cjs', false);
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('creates the window on first show with those preferences and loads the built dashboard', () => {
    const { d, onCreated } = dashboard();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    const win = d.show() as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options.webPreferences).toEqual(dashboardWebPreferences('/app/out/preload/index.cjs', false));
    expect(win.options.show).toBe(false);
    expect(win.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(onCreated).toHaveBeenCalledWith(win);
    // a second show reuses it and restores it when minimized
    win.minimized = true;
    expect(d.show()).toBe(win);
    expect(win.restore).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('loads the dev server in development', () => {
    const devPages = resolveAppPages('/app/out/main', { isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    const d = new DashboardWindow({ pages: devPages, preloadPath: '/p.cjs', devTools: true, hideOnClose: () => true, isQuitting: () => false });
    const win = d.show() as unknown as FakeBrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('hides to the tray on close, and really closes when quitting or when the setting is off', () => {
    const { d, state } = dashboard();
    const win = d.show() as unknown as FakeBrowserWindow;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.hide).toHaveBeenCalled();
    state.quitting = true;
    win.close();
    expect(win.destroyed).toBe(true);
    expect(d.current).toBeNull();

    const other = dashboard({ hideOnClose: false });
    const w2 = other.d.show() as unknown as FakeBrowserWindow;
    w2.close();
    expect(w2.destroyed).toBe(true);
    // showing again creates a new window
    other.d.show();
    expect(FakeBrowserWindow.instances.filter((w) => !w.destroyed)).toHaveLength(1);
  });
});

describe('window place', () => {
  /** A store like the tray app's: what was saved, as JSON round-trips it. */
  function placed() {
    const saved: { value: unknown } = { value: undefined };
    const save = vi.fn((p: unknown) => (saved.value = JSON.parse(JSON.stringify(p))));
    const open = () =>
      new DashboardWindow({
        pages,
        preloadPath: '/p.cjs',
        devTools: false,
        hideOnClose: () => false,
        isQuitting: () => false,
        place: { load: () => saved.value, save },
        workAreas: () => electronState().workAreas,
      });
    return { saved, save, open };
  }

  it('loads a crashed page again, and closes a window whose page keeps crashing, opened anew at the next show', () => {
    const onPageGone = vi.fn();
    const d = new DashboardWindow({ pages, preloadPath: '/p.cjs', devTools: false, hideOnClose: () => true, isQuitting: () => false, onPageGone });
    const win = d.show() as unknown as FakeBrowserWindow;
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(win.webContents.reload).not.toHaveBeenCalled();
    for (let i = 0; i < 3; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(win.webContents.reload).toHaveBeenCalledTimes(3);
    expect(onPageGone.mock.calls).toEqual([['crashed', 'reload'], ['crashed', 'reload'], ['crashed', 'reload']]);
    // A fourth within the minute: no reload loop; the window goes, and the next show makes a new one.
    win.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(win.webContents.reload).toHaveBeenCalledTimes(3);
    expect(onPageGone).toHaveBeenLastCalledWith('oom', 'closed');
    expect(win.destroyed).toBe(true);
    expect(d.current).toBeNull();
    const again = d.show() as unknown as FakeBrowserWindow;
    expect(again).not.toBe(win);
    expect(again.visible).toBe(true);
  });

  it('opens where the user left it last time, maximized if it was', () => {
    vi.useFakeTimers();
    try {
      const { saved, save, open } = placed();
      const first = open().show() as unknown as FakeBrowserWindow;
      expect([first.options.width, first.options.height, first.options.x]).toEqual([1280, 800, undefined]);
      first.userMoves({ x: 200, y: 90, width: 1500, height: 900 });
      first.userMoves({ x: 240, y: 100, width: 1500, height: 900 });
      expect(save).not.toHaveBeenCalled(); // saved once the user stops
      vi.advanceTimersByTime(600);
      expect(save).toHaveBeenCalledTimes(1);
      expect(saved.value).toEqual({ bounds: { x: 240, y: 100, width: 1500, height: 900 }, maximized: false });
      first.maximize();
      first.close();
      expect(saved.value).toEqual({ bounds: { x: 240, y: 100, width: 1500, height: 900 }, maximized: true });

      const again = open().show() as unknown as FakeBrowserWindow;
      expect([again.options.x, again.options.y, again.options.width, again.options.height]).toEqual([240, 100, 1500, 900]);
      expect(again.maximize).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the last normal place when closed minimized, and opens at the defaults when that display is gone', () => {
    const { saved, open } = placed();
    electronState().workAreas = [
      { x: 0, y: 0, width: 1920, height: 1040 },
      { x: 1920, y: 0, width: 2560, height: 1400 },
    ];
    const win = open().show() as unknown as FakeBrowserWindow;
    win.userMoves({ x: 2100, y: 80, width: 1400, height: 900 });
    win.minimized = true;
    win.bounds = { x: -32000, y: -32000, width: 160, height: 28 };
    win.close();
    expect(saved.value).toBeUndefined();
    saved.value = { bounds: { x: 2100, y: 80, width: 1400, height: 900 }, maximized: false };
    expect((open().show() as unknown as FakeBrowserWindow).options).toMatchObject({ x: 2100, y: 80, width: 1400, height: 900 });
    electronState().workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }]; // the second display unplugged
    const back = open().show() as unknown as FakeBrowserWindow;
    expect([back.options.x, back.options.width, back.options.height]).toEqual([undefined, 1280, 800]);
  });
});

describe('single instance', () => {
  it('a second launch shows the dashboard of the first', async () => {
    const { claimSingleInstance } = await import('../../src/main/single-instance');
    const onSecond = vi.fn();
    expect(claimSingleInstance(onSecond)).toBe(true);
    fake.app.emit('second-instance', {}, ['cctm'], '/');
    expect(onSecond).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('quits when another instance holds the lock', async () => {
    const { claimSingleInstance } = await import('../../src/main/single-instance');
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(onSecond)).toBe(false);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });
});
