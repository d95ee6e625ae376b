/**
 * The composition root with the faked Electron: what a user sees on first start (tray, dashboard),
 * the bridge answering the dashboard, a second launch, resume from sleep and quitting.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { FakeBrowserWindow, FakeFrame, FakeTray, electronState, fake, resetElectron, type FakeMenu } from '../fakes/electron';
import { tempDir } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./helpers')).FileStore }));

const { Engine } = await import('../../src/core/engine');

async function settle(ms = 20) {
  await new Promise((r) => setTimeout(r, ms));
}

/** Imports the composition root once per test file (a module runs once); see index-lock.test.ts for a held lock. */
async function boot() {
  resetElectron();
  const dir = tempDir('cctm-index-');
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  await import('../../src/main/index');
  await settle();
  return dir;
}

const savedXdg = process.env.XDG_CONFIG_HOME;
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
beforeAll(() => {
  process.env.XDG_CONFIG_HOME = tempDir('cctm-xdg-');
});
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  stderr.mockRestore();
});

describe('tray app composition', () => {
  it('starts in the tray, opens the dashboard for a first run, answers it, and quits cleanly', async () => {
    const checkAll = vi.spyOn(Engine.prototype, 'checkAll');
    const stop = vi.spyOn(Engine.prototype, 'stop');
    await boot();

    // tray with the "ok" icon and the menu
    expect(FakeTray.instances).toHaveLength(1);
    const tray = FakeTray.instances[0]!;
    expect((tray.image as { path: string }).path).toMatch(/resources[\\/]tray[\\/]ok\.png$/);
    expect((tray.menu as FakeMenu).find('No sources configured')).toBeDefined();

    // no sources yet: the dashboard opens, with the pinned preferences and the CommonJS preload
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loadFile).toHaveBeenCalledWith(expect.stringMatching(/renderer[\\/]index\.html$/));

    // session and every web contents are guarded
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);

    // the bridge answers the dashboard's main frame and refuses anything else
    const invoke = fake.ipcMain.handlers.get('cctm:invoke')!;
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const view = (await invoke(own, { channel: 'settings:get', payload: null })) as { ok: boolean; value: { host: string; secretStorage: string } };
    expect(view).toMatchObject({ ok: true, value: { host: 'tray', secretStorage: 'os' } });
    const foreign = { sender: win.webContents, senderFrame: new FakeFrame('https://evil.example.com/') };
    expect(await invoke(foreign, { channel: 'settings:get', payload: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // ready → a snapshot arrives
    fake.ipcMain.emit('cctm:ready', own);
    expect(win.webContents.sent[0]).toMatchObject({ channel: 'cctm:event:snapshot' });

    // hide to the tray on close
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);

    // a second launch brings the dashboard back
    fake.app.emit('second-instance', {}, [], '/');
    expect(win.visible).toBe(true);
    expect(win.focus).toHaveBeenCalled();

    // resume from sleep → one check of every source
    fake.powerMonitor.emit('resume');
    expect(checkAll).toHaveBeenCalledTimes(1);

    // settings changes apply (start at login writes the XDG entry on Linux)
    const update = await invoke(own, { channel: 'settings:update', payload: { app: { hideOnClose: false } } });
    expect(update).toMatchObject({ ok: true, value: { app: { hideOnClose: false }, webhookReceiver: { port: 0, listening: false, error: null } } });

    // the local webhook receiver: listening on loopback once its port is set (the answer says so), off again at 0
    const freePort = await new Promise<number>((res) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => res(port));
      });
    });
    const listening = await invoke(own, { channel: 'settings:update', payload: { app: { webhookPort: freePort } } });
    expect(listening).toMatchObject({ ok: true, value: { app: { webhookPort: freePort }, webhookReceiver: { port: freePort, listening: true, error: null } } });
    expect((await fetch(`http://127.0.0.1:${freePort}/hooks/telphin/not-a-known-secret`, { method: 'POST' })).status).toBe(401);
    const off = await invoke(own, { channel: 'settings:update', payload: { app: { webhookPort: 0 } } });
    expect(off).toMatchObject({ ok: true, value: { webhookReceiver: { port: 0, listening: false } } });
    await expect(fetch(`http://127.0.0.1:${freePort}/hooks/telphin/x`)).rejects.toThrow();

    // the tray speaks the dashboard's language: the system's until one is chosen, then the chosen one
    const menuSays = (label: string) => vi.waitFor(() => expect((tray.menu as FakeMenu).find(label)).toBeDefined(), { timeout: 3000, interval: 20 });
    electronState().locale = 'ru-RU';
    await invoke(own, { channel: 'settings:update', payload: { ui: { theme: 'dark' } } });
    await menuSays('Источники не настроены');
    await invoke(own, { channel: 'settings:update', payload: { ui: { language: 'fr' } } });
    await menuSays('Aucune source configurée');

    // Pausing from the tray menu shows in the open dashboard at once, newer than what it last read
    const before = win.webContents.sent.length;
    const lastRead = (await invoke(own, { channel: 'settings:get', payload: null })) as { value: { revision: number } };
    (tray.menu as FakeMenu).find('Suspendre les notifications')!.click!();
    const pushed = await vi.waitFor(
      () => {
        const m = win.webContents.sent.slice(before).find((s) => s.channel === 'cctm:event:settings');
        expect(m).toBeDefined();
        return m!.payload as { alerts: { notificationsPaused: boolean }; revision: number; sources: unknown[] };
      },
      { timeout: 3000, interval: 20 },
    );
    expect(pushed.alerts.notificationsPaused).toBe(true);
    expect(pushed.revision).toBeGreaterThan(lastRead.value.revision);
    await vi.waitFor(() => expect((tray.menu as FakeMenu).find('Suspendre les notifications')).toMatchObject({ checked: true }), { timeout: 3000, interval: 20 });

    // Quit from the tray menu: the engine stops before the process exits
    (tray.menu as FakeMenu).find('Quitter CC Tray Monitor')!.click!();
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    fake.app.emit('before-quit');
    const willQuit = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', willQuit);
    expect(willQuit.preventDefault).toHaveBeenCalled();
    await settle();
    expect(stop).toHaveBeenCalled();
    expect(tray.destroyed).toBe(true);
    expect(fake.app.quit).toHaveBeenCalledTimes(2);
  });
});
