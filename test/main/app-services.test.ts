import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, resetElectron } from '../fakes/electron';
import { tempDir, testCipher } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { updateBlocker, startAutoUpdate, SIGNED_BUILD } = await import('../../src/main/updater');
const { applyStartAtLogin, linuxAutostartEntry, AUTOSTART_FILE } = await import('../../src/main/login-item');
const { WebhookPort } = await import('../../src/main/webhook-port');
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
    const updater = { autoDownload: false, autoInstallOnAppQuit: false, logger: null, checkForUpdatesAndNotify: vi.fn(async () => null) };
    const load = vi.fn(async () => updater);
    const policy = { enabled: true, isPackaged: true, signed: false };
    let tick: () => void = () => undefined;
    const log = memoryLogger();
    const clearInterval = vi.fn();
    const updates = startAutoUpdate({ policy: () => policy, log, load, setInterval: (fn) => ((tick = fn), 1), clearInterval });
    await new Promise((r) => setTimeout(r, 0));
    expect(load).not.toHaveBeenCalled();
    expect(log.lines.join('\n')).toMatch(/automatic updates off: unsigned build/);
    policy.signed = true;
    tick();
    await new Promise((r) => setTimeout(r, 0));
    expect(load).toHaveBeenCalledTimes(1);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    expect(updater.autoDownload).toBe(true);
    updater.checkForUpdatesAndNotify.mockRejectedValueOnce(new Error('offline'));
    tick();
    await new Promise((r) => setTimeout(r, 0));
    expect(log.lines.join('\n')).toMatch(/checking for updates failed \(will retry later\)/);
    policy.enabled = false;
    tick();
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    // A settings change that does not touch the policy checks nothing; turning updates back on checks at once.
    updates.recheck();
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    policy.enabled = true;
    updates.recheck();
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(3);
    updates.recheck(); // unchanged since: no second check
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(3);
    updates.stop();
    expect(clearInterval).toHaveBeenCalledWith(1);
  });
});

describe('start at login', () => {
  it('uses login items on Windows and macOS', () => {
    applyStartAtLogin(true, memoryLogger(), { platform: 'win32', execPath: 'C:\\app.exe', configDir: 'x' });
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    applyStartAtLogin(false, memoryLogger(), { platform: 'darwin', execPath: '/Applications/x', configDir: 'x' });
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: ['--hidden'] });
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
    const timers: (() => void)[] = [];
    const fakeTimers = { set: ((fn: () => void) => (timers.push(fn), timers.length)) as unknown as typeof setTimeout, clear: (() => undefined) as unknown as typeof clearTimeout };
    const port = new WebhookPort(
      async () => {
        if (!free) throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' });
        return { server: null as never, port: 8080, close: async () => undefined };
      },
      registry,
      log,
      fakeTimers,
    );
    expect(registry.receiver()).toEqual({ listening: false, port: 0, error: null });
    await expect(port.apply(8080)).resolves.toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/could not listen on port 8080: choose another port in Settings → Application; trying it again every minute/);
    expect(port.state()).toEqual({ port: 8080, listening: false, error: 'EADDRINUSE' });
    expect(registry.receiver()).toEqual({ listening: false, port: 8080, error: 'EADDRINUSE' });
    // A minute later, still taken: tried again, not logged again.
    const logged = log.lines.length;
    timers.shift()!();
    await port.apply(8080);
    expect(log.lines.length).toBe(logged);
    free = true; // the other program let the port go
    timers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
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
