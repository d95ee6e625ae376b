import { beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronState, resetElectron } from '../fakes/electron';
import { FileStore, tempDir } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./helpers')).FileStore }));

const { createSafeStorageCipher } = await import('../../src/main/secrets');
const { openStore, openTraySettings } = await import('../../src/main/settings');
const { TraySettingsHost, DOCUMENT_KEY, VAULT_KEY, BACKUP_KEY } = await import('../../src/core/settings/tray-host');
const { memoryLogger } = await import('../../src/core/util/logger');
const { BridgeError } = await import('../../src/shared/bridge');
const { SourceConfigSchema } = await import('../../src/shared/sources');

const SECRETS = { wv: 'wv-token-3b9f1c', ax: 'ax-pass-77c1d0', tp: 'tp-secret-a1b2c3', hook: 'hook-secret-0123456789ab', av: 'av-secret-5e5e5e', avKey: 'av-appkey-9d9d9d' };
const sources = () => [
  SourceConfigSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: SECRETS.wv }),
  SourceConfigSchema.parse({ id: 'ax', vendor: 'axialys', login: 'lead', password: SECRETS.ax }),
  SourceConfigSchema.parse({ id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: SECRETS.tp, webhook: { publicUrl: 'https://h.example.com', secret: SECRETS.hook } }),
  SourceConfigSchema.parse({ id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: SECRETS.av, appKey: SECRETS.avKey }),
];

async function openHost(dir: string, env: Record<string, string> = {}) {
  const log = memoryLogger();
  const store = new FileStore({ cwd: dir, configFileMode: 0o600 });
  const host = await TraySettingsHost.open({ store, cipher: await createSafeStorageCipher(log, 'linux'), log, env });
  return { host, store, log, file: join(dir, 'settings.json') };
}

beforeEach(() => {
  resetElectron();
});

describe('TraySettingsHost with safeStorage', () => {
  it('round-trips secrets through safeStorage and never writes them to the store file', async () => {
    const dir = tempDir();
    const { host, file } = await openHost(dir);
    for (const s of sources()) await host.saveSource(s, undefined, {});
    const text = readFileSync(file, 'utf8');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    const doc = JSON.parse(text);
    expect(doc[DOCUMENT_KEY].sources[0].token).toBe('safe:wv/token');
    expect(doc[DOCUMENT_KEY].sources[2].webhook.secret).toBe('safe:tp/webhook.secret');
    expect(Object.keys(doc[VAULT_KEY]).sort()).toEqual(['av/appKey', 'av/clientSecret', 'ax/password', 'tp/clientSecret', 'tp/webhook.secret', 'wv/token']);
    expect(electronState().encrypted.sort()).toEqual(Object.values(SECRETS).sort());
    if (process.platform !== 'win32') expect(readdirSync(dir).length).toBeGreaterThan(0);

    const again = await openHost(dir);
    const resolved = await Promise.all(again.host.get().sources.map((s) => again.host.resolve(s)));
    expect(resolved.map((s) => s.vendor === 'wolkvox' ? s.token : null)[0]).toBe(SECRETS.wv);
    expect(resolved[2]).toMatchObject({ clientSecret: SECRETS.tp, webhook: { secret: SECRETS.hook } });
    expect(again.host.get().sources[0]).toMatchObject({ token: 'safe:wv/token' });
    for (const line of again.log.lines) for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);
  });

  it('renames and removes sources together with their vault entries', async () => {
    const { host, file } = await openHost(tempDir());
    const [wv] = sources();
    await host.saveSource(wv!, undefined, {});
    await host.saveSource({ ...wv!, id: 'bogota' }, 'wv', {});
    let doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc[DOCUMENT_KEY].sources.map((s: { id: string }) => s.id)).toEqual(['bogota']);
    expect(Object.keys(doc[VAULT_KEY])).toEqual(['bogota/token']);
    expect((await host.resolve(host.get().sources[0]!)) as { token: string }).toMatchObject({ token: SECRETS.wv });
    await host.removeSource('bogota');
    doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc[DOCUMENT_KEY].sources).toEqual([]);
    expect(doc[VAULT_KEY]).toEqual({});
  });

  it('keeps env: references and reports unset variables with what to do', async () => {
    const { host, log } = await openHost(tempDir(), { WV_TOKEN: 'from-env-123' });
    const cfg = SourceConfigSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '1', token: 'env:WV_TOKEN' });
    await host.saveSource(cfg, undefined, {});
    expect(electronState().encrypted).toEqual([]);
    // the dashboard sends back the resolved value: it stays a reference
    await host.saveSource({ ...cfg, token: 'from-env-123', name: 'Renamed' } as typeof cfg, 'wv', {});
    expect(host.get().sources[0]).toMatchObject({ token: 'env:WV_TOKEN', name: 'Renamed' });
    expect(await host.resolve(host.get().sources[0]!)).toMatchObject({ token: 'from-env-123' });
    await host.saveSource(SourceConfigSchema.parse({ id: 'x', vendor: 'wolkvox', server: '1', token: 'env:NOT_SET' }), undefined, {});
    expect(await host.resolve(host.get().sources[1]!)).toMatchObject({ token: '' });
    expect(log.lines.join('\n')).toMatch(/Source "x": environment variable NOT_SET .* is not set/);
  });

  it('refuses to store secrets without an OS keyring unless the user confirms', async () => {
    electronState().backend = 'basic_text';
    const { host, file } = await openHost(tempDir());
    expect(host.secretStorage()).toBe('basic_text');
    const [wv] = sources();
    const refusal = await host.saveSource(wv!, undefined, {}).catch((e) => e);
    expect(refusal).toBeInstanceOf(BridgeError);
    expect(refusal).toMatchObject({ code: 'needs_confirmation' });
    expect(refusal.message).toMatch(/No OS keyring .*"wv".*Store them anyway\?$/);
    expect(refusal.message).not.toContain(SECRETS.wv);
    expect(host.get().sources).toEqual([]);
    // env references need no confirmation
    await host.saveSource(SourceConfigSchema.parse({ id: 'e', vendor: 'wolkvox', server: '1', token: 'env:X' }), undefined, {});
    await host.saveSource(wv!, undefined, { allowPlaintextSecrets: true });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRETS.wv);
    expect(host.get().sources.map((s) => s.id)).toEqual(['e', 'wv']);
  });

  it('without any OS encryption stores secrets only encoded, after confirmation', async () => {
    electronState().encryptionAvailable = false;
    const { host, file } = await openHost(tempDir());
    expect(host.secretStorage()).toBe('basic_text');
    await expect(host.saveSource(sources()[0]!, undefined, {})).rejects.toThrow(/Store them anyway/);
    await host.saveSource(sources()[0]!, undefined, { allowPlaintextSecrets: true });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRETS.wv);
    expect(await host.resolve(host.get().sources[0]!)).toMatchObject({ token: SECRETS.wv });
  });

  it('seals literal secrets found in the document (hand-edited or older versions)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ [DOCUMENT_KEY]: { version: 1, sources: [{ id: 'wv', vendor: 'wolkvox', server: '1', token: SECRETS.wv }] } }));
    const { host, file } = await openHost(dir);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRETS.wv);
    expect(await host.resolve(host.get().sources[0]!)).toMatchObject({ token: SECRETS.wv });
  });

  it('a lost vault entry or an undecryptable one asks the user to enter the secret again', async () => {
    const dir = tempDir();
    const { host, store } = await openHost(dir);
    await host.saveSource(sources()[0]!, undefined, {});
    await host.saveSource(sources()[1]!, undefined, {});
    store.set(VAULT_KEY, { 'ax/password': Buffer.from('garbage').toString('base64') });
    const again = await openHost(dir);
    expect(await again.host.resolve(again.host.get().sources[0]!)).toMatchObject({ token: '' });
    expect(await again.host.resolve(again.host.get().sources[1]!)).toMatchObject({ password: '' });
    const text = again.log.lines.join('\n');
    expect(text).toMatch(/Source "wv": its stored token is missing: enter it again in the Sources view/);
    expect(text).toMatch(/Source "ax": its stored password could not be decrypted/);
  });

  it('starts with defaults when the document is from a newer version, keeping it as a backup', async () => {
    const dir = tempDir();
    const newer = { version: 7, sources: [] };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ [DOCUMENT_KEY]: newer }));
    const { host, store, log } = await openHost(dir);
    expect(host.get().version).toBe(1);
    expect(host.problems[0]).toMatch(/newer version/);
    expect(store.get(BACKUP_KEY)).toEqual(newer);
    expect(log.lines.join('\n')).toMatch(/Starting with default settings/);
  });

  it('keeps a partly invalid document as the backup with its credentials sealed, never as found', async () => {
    const dir = tempDir();
    const found = {
      version: 1,
      sources: [
        { id: 'wv', vendor: 'wolkvox', server: '0031', token: SECRETS.wv },
        // invalid (no login): left out of the settings, kept only in the backup
        { id: 'ax', vendor: 'axialys', password: SECRETS.ax },
        { id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: 'env:TP_SECRET', webhook: { publicUrl: 'not a url', secret: SECRETS.hook } },
      ],
      server: { accessToken: SECRETS.av, port: 'eighty' },
    };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ [DOCUMENT_KEY]: found }));
    const { host, store, file, log } = await openHost(dir);
    expect(host.problems.length).toBeGreaterThan(0);
    const text = readFileSync(file, 'utf8');
    for (const secret of Object.values(SECRETS)) expect(text, secret).not.toContain(secret);
    const backup = store.get(BACKUP_KEY) as typeof found;
    // The document as found, but each literal credential a marker of its sealed value; references stay.
    expect(backup).toEqual({
      ...found,
      sources: [
        { ...found.sources[0], token: 'safe:backup:sources.0.token' },
        { ...found.sources[1], password: 'safe:backup:sources.1.password' },
        { ...found.sources[2], webhook: { publicUrl: 'not a url', secret: 'safe:backup:sources.2.webhook.secret' } },
      ],
      server: { accessToken: 'safe:backup:server.accessToken', port: 'eighty' },
    });
    const vault = store.get(VAULT_KEY) as Record<string, string>;
    const cipher = await createSafeStorageCipher(memoryLogger(), 'linux');
    const unsealed = async (ref: string) => (await cipher.decrypt(vault[ref]!)).value;
    expect(await unsealed('backup:sources.0.token')).toBe(SECRETS.wv);
    expect(await unsealed('backup:sources.1.password')).toBe(SECRETS.ax);
    expect(await unsealed('backup:sources.2.webhook.secret')).toBe(SECRETS.hook);
    expect(await unsealed('backup:server.accessToken')).toBe(SECRETS.av);
    // The valid source is sealed as always, under its own reference.
    expect(host.get().sources.map((s) => s.id)).toEqual(['wv']);
    expect(await host.resolve(host.get().sources[0]!)).toMatchObject({ token: SECRETS.wv });
    for (const line of log.lines) for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);

    // Removing or renaming a source leaves the backup's secrets alone.
    await host.removeSource('wv');
    expect(Object.keys(store.get(VAULT_KEY) as object).filter((r) => r.startsWith('backup:')).sort()).toEqual(['backup:server.accessToken', 'backup:sources.0.token', 'backup:sources.1.password', 'backup:sources.2.webhook.secret']);
  });

  it('seals the credentials of a newer version\'s document wherever they are, and a new backup replaces the old one', async () => {
    const dir = tempDir();
    const newer = { version: 7, connections: { list: [{ kind: 'wolkvox', auth: { token: SECRETS.wv, password: '' } }] }, notes: 'token is kept elsewhere' };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ [DOCUMENT_KEY]: newer, [VAULT_KEY]: { 'backup:old.token': 'stale' } }));
    const { store, file } = await openHost(dir);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRETS.wv);
    expect(store.get(BACKUP_KEY)).toEqual({ ...newer, connections: { list: [{ kind: 'wolkvox', auth: { token: 'safe:backup:connections.list.0.auth.token', password: '' } }] } });
    expect(Object.keys(store.get(VAULT_KEY) as object)).toEqual(['backup:connections.list.0.auth.token']);
  });

  it('migrates a v0 document on open and writes it back', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ [DOCUMENT_KEY]: { startAtLogin: true, sources: [] } }));
    await openHost(dir);
    const doc = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))[DOCUMENT_KEY];
    expect(doc).toMatchObject({ version: 1, app: { startAtLogin: true } });
  });

  it('openTraySettings moves an unreadable settings file aside and starts afresh (file mode 0600)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const log = memoryLogger();
    const { host } = await openTraySettings(log, dir);
    await host.update({ ui: { language: 'fr', theme: 'dark' } });
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.unreadable-'))).toBe(true);
    expect(log.lines.join('\n')).toMatch(/settings file could not be read \(it is not JSON\); it was moved to/);
    // Said in the dashboard's Settings too, not only in the log.
    expect(host.notes()).toEqual([expect.stringMatching(/^The settings file could not be read \(it is not JSON\); it was moved to .*settings\.json\.unreadable-\d+ and default settings are used\.$/)]);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    if (process.platform !== 'win32') {
      const { statSync } = await import('node:fs');
      expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
    }
  });

  it('keeps a settings file that cannot be opened now (not for its content): tried again, never moved aside', async () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const doc = JSON.stringify({ [DOCUMENT_KEY]: { version: 1, ui: { language: 'fr', theme: 'dark' } } });
    // A read that fails for another reason than the text (here EISDIR; in life a lock or a permission).
    mkdirSync(file);
    const log = memoryLogger();
    const waits: number[] = [];
    // Readable on the third try.
    const opened = await openStore(log, dir, async (ms) => {
      waits.push(ms);
      if (waits.length === 2) {
        rmSync(file, { recursive: true });
        writeFileSync(file, doc);
      }
    });
    expect(waits).toEqual([200, 200]);
    expect(opened.problem).toBeNull();
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toEqual([]);
    expect((opened.store.get(DOCUMENT_KEY) as { ui: { language: string } }).ui.language).toBe('fr');
    expect(log.lines.join('\n')).toMatch(/cannot be opened now \(EISDIR\); trying again/);
    // Never readable: the app does not start on defaults over it (it says why and quits).
    rmSync(file);
    mkdirSync(file);
    await expect(openStore(memoryLogger(), dir, async () => undefined)).rejects.toThrow(/EISDIR/);
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toEqual([]);
  });
});
