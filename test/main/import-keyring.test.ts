import { describe, expect, it, vi } from 'vitest';
import { testCipher } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { createCommandHandler } = await import('../../src/core/commands');
const { Engine } = await import('../../src/core/engine');
const { TraySettingsHost } = await import('../../src/core/settings/tray-host');
const { memoryLogger } = await import('../../src/core/util/logger');
const { FakeClock } = await import('../fakes/clock');

function memoryStore() {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), delete: (k: string) => void data.delete(k) };
}

describe('settings import without an OS keyring', () => {
  it('asks before storing the credentials a file holds, changing nothing until told to', async () => {
    const log = memoryLogger();
    const engine = new Engine({ clock: new FakeClock(), logger: log });
    const settings = await TraySettingsHost.open({ store: memoryStore(), cipher: testCipher('basic_text'), log });
    expect(settings.secretStorage()).toBe('basic_text');
    const run = createCommandHandler({ engine, settings });
    const data = { sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'typed-in-the-file-123', enabled: false }], alerts: { cooldownMin: 30 } };
    const refusal = await run('settings:import', { data }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'needs_confirmation' });
    expect((refusal as Error).message).toMatch(/No OS keyring .*"wv".*Import anyway\?$/);
    expect((refusal as Error).message).not.toContain('typed-in-the-file-123');
    expect(settings.get().sources).toEqual([]);
    expect(settings.get().alerts.cooldownMin).toBe(15);
    await run('settings:import', { data, allowPlaintextSecrets: true });
    expect(settings.get().sources.map((s) => s.id)).toEqual(['wv']);
    expect(settings.get().alerts.cooldownMin).toBe(30);
    // A file without credentials needs no consent.
    await run('settings:import', { data: { alerts: { cooldownMin: 5 } } });
    expect(settings.get().alerts.cooldownMin).toBe(5);
    await engine.stop();
  });
});
