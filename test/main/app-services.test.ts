import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeNotification, fake, resetElectron } from '../fakes/electron';
import { tempDir, testCipher } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { updateBlocker, startAutoUpdate, SIGNED_BUILD } = await import('../../src/main/updater');
const { applyStartAtLogin, linuxAutostartEntry, startedAtLogin, AUTOSTART_FILE } = await import('../../src/main/login-item');
const { installQuitHandling } = await import('../../src/main/lifecycle');
const { WebhookPort, RETRY_PORT_MS } = await import('../../src/main/webhook-port');
const { FakeClock } = await import('../fakes/clock');
const { DemoController, DEMO_IDS_KEY } = await import('../../src/main/demo');
const { TraySettingsHost } = await import('../../src/core/settings/tray-host');
const { checkConfigFilePermissions, configHasLiteralSecrets } = await import('../../src/core/settings/file-permissions');
const { startWebhookReceiver } = await import('../../src/server/hooks');
const { WebhookRegistry } = await import('../../src/core/webhooks');
const { memoryLogger } = await import('../../src/core/util/logger');
const { SourceConfigSchema } = await import('../../src/shared/sources');

beforeEach(() => {
  resetElectron();
});

type UpdaterLike = import('../../src/main/updater').UpdaterLike;
type CheckResult = Awaited<ReturnType<UpdaterLike['checkForUpdates']>>;

/** electron-updater's autoUpdater as this app uses it: an event emitter with a check and an install. */
class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: UpdaterLike['logger'] = null;
  checkForUpdates = vi.fn(async (): Promise<CheckResult> => null);
  quitAndInstall = vi.fn();
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function memoryStore() {
  const data = new Map<string, unknown>();
  return { data, get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), delete: (k: string) => void data.delete(k) };
}

describe('auto-update policy', () => {
  it('runs only in packaged, signed builds with the setting on', () => {
    expect(updateBlocker({ enabled: true, isPackaged: false, signed: true })).toBe('development run');
    expect(updateBlocker({ enabled: true, isPackaged: true, signed: false })).toBe('unsigned build');
    expect(updateBlocker({ enabled: false, isPackaged: true, signed: true })).toBe('turned off in settings');
    expect(updateBlocker({ enabled: true, isPackaged: true, signed: true })).toBeNull();
    expect(SIGNED_BUILD).toBe(false); // tests are not a signed bundle
  });

  it('checks on start and on every tick while allowed, never loading the updater otherwise', async () => {
    const updater = new FakeUpdater();
    const load = vi.fn(async () => updater);
    const policy = { enabled: true, isPackaged: true, signed: false };
    let tick: () => void = () => undefined;
    const log = memoryLogger();
    const clearInterval = vi.fn();
    const updates = startAutoUpdate({ policy: () => policy, log, language: () => 'en', load, setInterval: (fn) => ((tick = fn), 1), clearInterval });
    await flush();
    expect(load).not.toHaveBeenCalled();
    expect(log.lines.join('\n')).toMatch(/automatic updates off: unsigned build/);
    policy.signed = true;
    tick();
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    updater.checkForUpdates.mockRejectedValueOnce(new Error('offline'));
    tick();
    await flush();
    expect(log.lines.join('\n')).toMatch(/checking for updates failed \(will retry later\)/);
    policy.enabled = false;
    tick();
    await flush();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    // A settings change that does not touch the policy checks nothing; turning updates back on checks at once.
    updates.recheck();
    await flush();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    policy.enabled = true;
    updates.recheck();
    await flush();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    updates.recheck(); // unchanged since: no second check
    await flush();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    // A failed check keeps the updater: its listeners are added once, however many checks fail.
    expect(load).toHaveBeenCalledTimes(1);
    expect(updater.listenerCount('error')).toBe(1);
    expect(updater.listenerCount('update-downloaded')).toBe(1);
    updates.stop();
    expect(clearInterval).toHaveBeenCalledWith(1);
  });

  it('a failed load of the updater is logged and tried again at the next check', async () => {
    const updater = new FakeUpdater();
    const load = vi.fn(async () => updater).mockRejectedValueOnce(new Error('Cannot find module'));
    let tick: () => void = () => undefined;
    const log = memoryLogger();
    startAutoUpdate({ policy: () => ({ enabled: true, isPackaged: true, signed: true }), log, language: () => 'en', load, setInterval: (fn) => ((tick = fn), 1), clearInterval: () => undefined });
    await flush();
    expect(log.lines.join('\n')).toMatch(/could not load the updater \(will retry later\)/);
    tick();
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('a failed download is logged once, never an unhandled rejection, and an updater error never throws', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const updater = new FakeUpdater();
      const failure = new Error('net::ERR_CONNECTION_RESET while downloading');
      // As electron-updater does it: the check resolves with the download still running; the download
      // fails, emitting 'error' and rejecting downloadPromise with the same error.
      updater.checkForUpdates.mockImplementation(async () => {
        const downloadPromise = new Promise<string[]>((_resolve, reject) =>
          setTimeout(() => {
            updater.emit('error', failure, failure.stack);
            reject(failure);
          }, 5),
        );
        return { updateInfo: { version: '0.2.0' }, downloadPromise };
      });
      const log = memoryLogger();
      const updates = startAutoUpdate({ policy: () => ({ enabled: true, isPackaged: true, signed: true }), log, language: () => 'en', load: async () => updater, setInterval: () => 1, clearInterval: () => undefined });
      await new Promise((r) => setTimeout(r, 30));
      expect(updater.listenerCount('error')).toBe(1);
      expect(log.lines.filter((l) => l.includes('ERR_CONNECTION_RESET'))).toHaveLength(1);
      // An error of its own (a bad feed, a failed install) is logged, not thrown from the emitter.
      expect(() => updater.emit('error', new Error('latest-mac.yml: 404'))).not.toThrow();
      expect(log.lines.join('\n')).toMatch(/automatic update failed \(will retry later\).*404/);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
      expect(updates.ready()).toBeNull();
      expect(FakeNotification.instances).toHaveLength(0);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('offers a downloaded update at once: a notification and the tray item in the user\'s language, both restarting into it', async () => {
    const updater = new FakeUpdater();
    const onReady = vi.fn();
    let language: 'en' | 'fr' = 'fr';
    const updates = startAutoUpdate({ policy: () => ({ enabled: true, isPackaged: true, signed: true }), log: memoryLogger(), language: () => language, onReady, load: async () => updater, setInterval: () => 1, clearInterval: () => undefined });
    await flush();
    updates.restart(); // nothing downloaded yet: nothing to install
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.ready()).toBeNull();

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(updates.ready()).toBe('0.2.0');
    expect(onReady).toHaveBeenCalledWith('0.2.0');
    expect(FakeNotification.instances).toHaveLength(1);
    const note = FakeNotification.instances[0]!;
    expect(note.shown).toBe(true);
    expect(note.options.title).toBe('CC Tray Monitor 0.2.0 est prêt');
    expect(note.options.body).toContain('«\u00a0Redémarrer pour mettre à jour\u00a0»');
    note.emit('click');
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);

    // Each later check finds the same download again: told once.
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(FakeNotification.instances).toHaveLength(1);
    expect(onReady).toHaveBeenCalledTimes(1);
    // A newer one is told again.
    language = 'en';
    updater.emit('update-downloaded', { version: '0.3.0' });
    expect(FakeNotification.instances[1]!.options).toMatchObject({ title: 'CC Tray Monitor 0.3.0 is ready', body: expect.stringContaining('“Restart to update”') });
    expect(note.close).toHaveBeenCalled();
    updates.restart();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(2);
  });

  it('without notification support the tray item still offers the restart', async () => {
    FakeNotification.supported = false;
    const updater = new FakeUpdater();
    const onReady = vi.fn();
    const updates = startAutoUpdate({ policy: () => ({ enabled: true, isPackaged: true, signed: true }), log: memoryLogger(), language: () => 'en', onReady, load: async () => updater, setInterval: () => 1, clearInterval: () => undefined });
    await flush();
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(FakeNotification.instances).toHaveLength(0);
    expect(onReady).toHaveBeenCalledWith('0.2.0');
    expect(updates.ready()).toBe('0.2.0');
  });

  it('installing an update closes the dashboard instead of hiding it to the tray', () => {
    // quitAndInstall closes the windows before 'before-quit'; Electron's autoUpdater says so first.
    const lifecycle = installQuitHandling(async () => undefined, memoryLogger());
    expect(lifecycle.isQuitting()).toBe(false);
    fake.autoUpdater.emit('before-quit-for-update');
    expect(lifecycle.isQuitting()).toBe(true);
  });
});

describe('start at login', () => {
  it('uses login items on Windows (with --hidden) and macOS (which takes no arguments)', () => {
    applyStartAtLogin(true, memoryLogger(), { platform: 'win32', execPath: 'C:\\app.exe', configDir: 'x' });
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    applyStartAtLogin(true, memoryLogger(), { platform: 'darwin', execPath: '/Applications/x', configDir: 'x' });
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
    applyStartAtLogin(false, memoryLogger(), { platform: 'darwin', execPath: '/Applications/x', configDir: 'x' });
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false });
  });

  it('knows a start at login: --hidden on Windows and Linux, the system\'s word on macOS', () => {
    expect(startedAtLogin(['app', '--hidden'], 'win32')).toBe(true);
    expect(startedAtLogin(['app', '--hidden'], 'linux')).toBe(true);
    expect(startedAtLogin(['app'], 'win32')).toBe(false);
    expect(startedAtLogin(['app'], 'linux')).toBe(false);
    expect(fake.app.getLoginItemSettings).not.toHaveBeenCalled();
    // macOS starts a login item without the arguments it was registered with
    expect(startedAtLogin(['/Applications/CC Tray Monitor.app/Contents/MacOS/CC Tray Monitor'], 'darwin')).toBe(false);
    fake.app.getLoginItemSettings.mockReturnValue({ openAtLogin: true, wasOpenedAtLogin: true } as never);
    expect(startedAtLogin(['/Applications/CC Tray Monitor.app/Contents/MacOS/CC Tray Monitor'], 'darwin')).toBe(true);
    fake.app.getLoginItemSettings.mockImplementation(() => {
      throw new Error('not available');
    });
    expect(startedAtLogin(['x'], 'darwin')).toBe(false);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const configDir = tempDir();
    const env = { platform: 'linux' as const, execPath: '/opt/CC Tray Monitor/cc-tray-monitor', configDir };
    applyStartAtLogin(true, memoryLogger(), env);
    const file = join(configDir, 'autostart', AUTOSTART_FILE);
    expect(readFileSync(file, 'utf8')).toBe(linuxAutostartEntry(env.execPath));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/CC Tray Monitor/cc-tray-monitor" --hidden');
    applyStartAtLogin(false, memoryLogger(), env);
    expect(existsSync(file)).toBe(false);
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('collector config file permissions', () => {
  it('refuses group/world-readable files holding literal secrets, saying how to fix it', () => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    const message = checkConfigFilePermissions(file, true, 'linux');
    expect(message).toContain(`chmod 600 ${file}`);
    expect(message).toMatch(/accessible to its group and other users \(mode 644\)/);
    expect(checkConfigFilePermissions(file, false, 'linux')).toBeNull();
    expect(checkConfigFilePermissions(file, true, 'win32')).toBeNull();
    chmodSync(file, 0o600);
    expect(checkConfigFilePermissions(file, true, 'linux')).toBeNull();
    chmodSync(file, 0o640);
    expect(checkConfigFilePermissions(file, true, 'linux')).toMatch(/accessible to its group \(mode 640\)/);
    expect(checkConfigFilePermissions(join(tempDir(), 'missing.json'), true, 'linux')).toMatch(/cannot read its permissions \(ENOENT\)/);
  });

  it('knows which configs hold literal secrets', () => {
    const env = SourceConfigSchema.parse({ id: 'a', vendor: 'wolkvox', server: '1', token: 'env:WV' });
    const literal = SourceConfigSchema.parse({ id: 'b', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: 'plain', appKey: 'k' });
    const hook = SourceConfigSchema.parse({ id: 'c', vendor: 'telphin', clientId: 'c', clientSecret: 'env:TP', webhook: { publicUrl: 'https://x.example.com', secret: 'literal-webhook-secret' } });
    expect(configHasLiteralSecrets([env])).toBe(false);
    expect(configHasLiteralSecrets([env], 'env:TOKEN')).toBe(false);
    expect(configHasLiteralSecrets([env], 'server-token')).toBe(true);
    expect(configHasLiteralSecrets([env, literal])).toBe(true);
    expect(configHasLiteralSecrets([hook])).toBe(true);
  });
});

describe('local webhook receiver', () => {
  it('listens on loopback when a port is set, moves when it changes, and stops at 0', async () => {
    const registry = new WebhookRegistry();
    registry.register('telphin', 'a-secret-of-sixteen+', () => ({ status: 204 }));
    const log = memoryLogger();
    const started: number[] = [];
    const port = new WebhookPort(async (o) => {
      const r = await startWebhookReceiver({ ...o, port: 0 });
      started.push(r.port);
      return r;
    }, registry, log);
    expect(port.state()).toEqual({ port: 0, listening: false, error: null });
    await port.apply(18_001);
    expect(port.state()).toEqual({ port: 18_001, listening: true, error: null });
    const res = await fetch(`http://127.0.0.1:${started[0]}/hooks/telphin/a-secret-of-sixteen+`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(204);
    await port.apply(18_001); // unchanged: nothing restarts
    expect(started).toHaveLength(1);
    await port.apply(0);
    expect(port.state()).toEqual({ port: 0, listening: false, error: null });
    await expect(fetch(`http://127.0.0.1:${started[0]}/hooks/telphin/x`)).rejects.toThrow();
    expect(log.lines.join('\n')).not.toContain('a-secret-of-sixteen');
  });

  it('a port in use is reported with what to do, never fatal, tried again every minute, and told to the sources waiting for webhooks', async () => {
    const log = memoryLogger();
    let free = false;
    const registry = new WebhookRegistry();
    const clock = new FakeClock();
    const port = new WebhookPort(
      async () => {
        if (!free) throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' });
        return { server: null as never, port: 8080, close: async () => undefined };
      },
      registry,
      log,
      clock,
    );
    expect(registry.receiver()).toEqual({ listening: false, port: 0, error: null });
    await expect(port.apply(8080)).resolves.toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/could not listen on port 8080: choose another port in Settings → Application; trying it again every minute/);
    expect(port.state()).toEqual({ port: 8080, listening: false, error: 'EADDRINUSE' });
    expect(registry.receiver()).toEqual({ listening: false, port: 8080, error: 'EADDRINUSE' });
    // A minute later, still taken: tried again, not logged again.
    const logged = log.lines.length;
    await clock.advance(RETRY_PORT_MS);
    await port.apply(8080);
    expect(log.lines.length).toBe(logged);
    free = true; // the other program let the port go
    await clock.advance(RETRY_PORT_MS);
    await port.apply(8080);
    expect(port.state()).toEqual({ port: 8080, listening: true, error: null });
    expect(registry.receiver()).toEqual({ listening: true });
    // Turned off after a failure: no error left behind.
    await port.apply(0);
    expect(port.state()).toEqual({ port: 0, listening: false, error: null });
  });
});

describe('demo mode', () => {
  const demoSource = (port: number) => SourceConfigSchema.parse({ id: 'demo-wv', vendor: 'wolkvox', server: '0031', token: 'demo-token', baseUrl: `http://127.0.0.1:${port}` });

  it('starts the simulators once and remembers the demo sources', async () => {
    const stop = vi.fn(async () => undefined);
    const start = vi.fn(async () => ({ sources: [demoSource(4001)], stop }));
    const store = memoryStore();
    const demo = new DemoController(start, store, memoryLogger());
    expect((await demo.sources())[0]!.id).toBe('demo-wv');
    await demo.sources();
    expect(start).toHaveBeenCalledTimes(1);
    expect(store.get(DEMO_IDS_KEY)).toEqual(['demo-wv']);
    await demo.stop();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('after a restart re-points configured demo sources at the new simulators', async () => {
    const store = memoryStore();
    const settings = await TraySettingsHost.open({ store, cipher: testCipher(), log: memoryLogger() });
    await settings.saveSource(demoSource(4001), undefined, { allowPlaintextSecrets: true });
    store.set(DEMO_IDS_KEY, ['demo-wv']);
    const demo = new DemoController(async () => ({ sources: [demoSource(5002)], stop: async () => undefined }), store, memoryLogger());
    await demo.resume(settings);
    expect(settings.get().sources[0]).toMatchObject({ id: 'demo-wv', baseUrl: 'http://127.0.0.1:5002' });
    // demo sources removed by the user: nothing starts and the record is dropped
    await settings.removeSource('demo-wv');
    const start = vi.fn();
    await new DemoController(start, store, memoryLogger()).resume(settings);
    expect(start).not.toHaveBeenCalled();
    expect(store.get(DEMO_IDS_KEY)).toBeUndefined();
  });
});
