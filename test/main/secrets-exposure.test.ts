/**
 * Known secret values entered through the dashboard must never appear in the settings file, the log
 * file, an export, or anything sent to the renderer (command results and pushed events).
 */
import { afterAll, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeBrowserWindow, fake, resetElectron } from '../fakes/electron';
import { tempDir } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./helpers')).FileStore }));

const SECRETS = {
  token: 'wv-token-Zx81KqP02',
  password: 'ax-pass-Lm93Rt55',
  avaya: 'avaya-secret-Qw12Er34',
  telphin: 'telphin-secret-Ty56Ui78',
  hook: 'telphin-hook-Op90As12Df34',
  collector: 'collector-token-Gh56Jk78',
};

const stderr: string[] = [];
const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
const savedXdg = process.env.XDG_CONFIG_HOME;
process.env.XDG_CONFIG_HOME = tempDir('cctm-xdg-');
afterAll(() => {
  spy.mockRestore();
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
});

it('secrets stay out of the store file, logs, exports and every bridge payload', async () => {
  resetElectron();
  const dir = tempDir('cctm-secrets-');
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  await import('../../src/main/index');
  await new Promise((r) => setTimeout(r, 20));
  const win = FakeBrowserWindow.instances[0]!;
  const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  const invoke = fake.ipcMain.handlers.get('cctm:invoke')!;
  const results: unknown[] = [];
  const call = async (channel: string, payload: unknown) => {
    const r = await invoke(own, { channel, payload });
    results.push(r);
    return r as { ok: boolean; value?: unknown; error?: { message: string } };
  };
  fake.ipcMain.emit('cctm:ready', own);

  const configs = [
    { id: 'wv', vendor: 'wolkvox', server: '0031', token: SECRETS.token, enabled: false },
    { id: 'ax', vendor: 'axialys', login: 'lead', password: SECRETS.password, enabled: false },
    { id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: SECRETS.avaya, appKey: 'k', enabled: false },
    { id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: SECRETS.telphin, webhook: { publicUrl: 'https://hooks.example.com', secret: SECRETS.hook }, enabled: false },
    { id: 'team', vendor: 'collector', url: 'https://collector.example.com', accessToken: SECRETS.collector, enabled: false },
  ];
  for (const config of configs) expect(await call('sources:save', { config })).toMatchObject({ ok: true });
  // editing without re-entering the secret keeps it…
  expect(await call('sources:save', { config: { id: 'wv', vendor: 'wolkvox', server: '0031', name: 'Bogotá', enabled: false }, previousId: 'wv' })).toMatchObject({ ok: true });
  // …but a stored secret is never sent to a new address without being entered again
  expect(await call('sources:save', { config: { id: 'wv', vendor: 'wolkvox', server: '0032', enabled: false }, previousId: 'wv' })).toMatchObject({
    ok: false,
    error: { code: 'invalid_request' },
  });
  const view = (await call('settings:get', null)).value as { sources: { id: string; secrets: Record<string, boolean> }[] };
  expect(view.sources.find((s) => s.id === 'wv')!.secrets).toEqual({ token: true });
  expect(view.sources.find((s) => s.id === 'tp')!.secrets).toEqual({ clientSecret: true, 'webhook.secret': true });
  // a failing test connection against a closed loopback port reports without the secret
  const test = await call('sources:test', { config: { id: 'wv', vendor: 'wolkvox', server: '0031', token: SECRETS.token, baseUrl: 'http://127.0.0.1:1' }, previousId: 'wv' });
  expect(test).toMatchObject({ ok: true, value: { ok: false } });
  await call('snapshot:get', null);
  await call('log:get', {});
  // a bad request that echoes its input
  await call('sources:save', { config: { id: 'bad id', vendor: 'wolkvox', server: '1', token: SECRETS.token } });
  await new Promise((r) => setTimeout(r, 100));

  const { TraySettingsHost } = await import('../../src/core/settings/tray-host');
  const { exportSettings } = await import('../../src/core/settings/transfer');
  const { FileStore, testCipher } = await import('./helpers');
  const exported = exportSettings((await TraySettingsHost.open({ store: new FileStore({ cwd: join(dir, 'userData') }), cipher: testCipher() })).get());

  const storeFiles = readdirSync(join(dir, 'userData')).map((f) => readFileSync(join(dir, 'userData', f), 'utf8'));
  const logFile = readFileSync(join(dir, 'logs', 'main.log'), 'utf8');
  const haystacks: Record<string, string> = {
    'store files': storeFiles.join('\n'),
    'log file': logFile,
    stderr: stderr.join(''),
    export: JSON.stringify(exported),
    'command results': JSON.stringify(results),
    'pushed events': JSON.stringify(win.webContents.sent),
  };
  expect(storeFiles.join('\n')).toContain('safe:wv/token');
  expect(win.webContents.sent.length).toBeGreaterThan(0);
  // Every source saved was pushed to the window as the settings view: those views are searched too.
  expect(win.webContents.sent.filter((s) => s.channel === 'cctm:event:settings').length).toBeGreaterThanOrEqual(configs.length + 1);
  for (const [where, text] of Object.entries(haystacks)) {
    for (const secret of Object.values(SECRETS)) expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
  }
});
