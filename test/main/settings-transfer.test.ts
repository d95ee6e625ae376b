import { describe, expect, it } from 'vitest';
import { exportSettings, importSettings, EXPORT_FORMAT } from '../../src/core/settings/transfer';
import { SettingsSchema } from '../../src/shared/settings';

const SECRETS = ['wv-token-123456', 'ax-password-987', 'avaya-secret-555', 'tp-secret-444', 'tp-webhook-secret-0123456789', 'collector-token-77', 'server-token-99'];

const settings = SettingsSchema.parse({
  sources: [
    { id: 'wv', vendor: 'wolkvox', server: '0031', token: SECRETS[0] },
    { id: 'ax', vendor: 'axialys', login: 'lead', password: SECRETS[1] },
    { id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'cid', clientSecret: SECRETS[2], appKey: 'key' },
    { id: 'tp', vendor: 'telphin', clientId: 'cid', clientSecret: SECRETS[3], webhook: { publicUrl: 'https://hooks.example.com', secret: SECRETS[4] } },
    { id: 'team', vendor: 'collector', url: 'https://collector.example.com', accessToken: SECRETS[5] },
    { id: 'env', vendor: 'wolkvox', server: '0032', token: 'env:WV_TOKEN' },
  ],
  alerts: { cooldownMin: 5 },
  ui: { theme: 'dark' },
  server: { accessToken: SECRETS[6] },
});

describe('settings export', () => {
  it('holds no secret field, no secret value and no server section', () => {
    const out = exportSettings(settings);
    const text = JSON.stringify(out);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).not.toContain('env:WV_TOKEN');
    for (const key of ['"token"', '"password"', '"clientSecret"', '"accessToken"', '"secret"']) expect(text).not.toContain(key);
    expect(out).not.toHaveProperty('server');
    expect(out.format).toBe(EXPORT_FORMAT);
    expect(out.sources.find((s) => s.id === 'tp')).toMatchObject({ webhook: { publicUrl: 'https://hooks.example.com' } });
    expect(out.alerts.cooldownMin).toBe(5);
    // the settings themselves are untouched
    expect(settings.sources[0]).toHaveProperty('token', SECRETS[0]);
  });
});

describe('settings import', () => {
  it('keeps stored secrets of matching sources and replaces the sections', () => {
    const exported = JSON.parse(JSON.stringify(exportSettings(settings)));
    exported.sources[0].name = 'Bogotá';
    exported.alerts.cooldownMin = 30;
    const { settings: merged, skipped } = importSettings(settings, exported);
    expect(skipped).toEqual([]);
    expect(merged.sources.find((s) => s.id === 'wv')).toMatchObject({ name: 'Bogotá', token: SECRETS[0] });
    expect(merged.sources.find((s) => s.id === 'tp')).toMatchObject({ clientSecret: SECRETS[3], webhook: { secret: SECRETS[4] } });
    expect(merged.alerts.cooldownMin).toBe(30);
    expect(merged.server.accessToken).toBe(SECRETS[6]);
  });

  it('skips new sources without credentials and says what to do; keeps sources the import lacks', () => {
    const empty = SettingsSchema.parse({ sources: [{ id: 'local', vendor: 'wolkvox', server: '1', token: 'x' }] });
    const { settings: merged, skipped } = importSettings(empty, exportSettings(settings));
    // a collector source needs no token; `env:` references are stripped like any secret
    expect(merged.sources.map((s) => s.id)).toEqual(['local', 'team']);
    expect(skipped.map((s) => s.id)).toEqual(['wv', 'ax', 'av', 'tp', 'env']);
    expect(skipped[0]!.reason).toMatch(/no token .*add the source in the Sources view/);
  });

  it('skips a source whose secret names an environment variable or a sealed secret instead of a value, unless it is the stored one', () => {
    const sealed = SettingsSchema.parse({ sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'safe:wv/token' }, { id: 'env', vendor: 'wolkvox', server: '0032', token: 'env:WV_TOKEN' }] });
    const doc = {
      sources: [
        { id: 'new', vendor: 'wolkvox', server: '0031', token: 'env:HOME' },
        { id: 'wv', vendor: 'wolkvox', server: '0031', baseUrl: 'https://stranger.example.com', token: 'safe:wv/token' },
        { id: 'env', vendor: 'wolkvox', server: '0032', token: 'env:WV_TOKEN', name: 'Renamed' },
      ],
    };
    const { settings: merged, skipped } = importSettings(sealed, doc);
    expect(skipped.map((s) => s.id)).toEqual(['new', 'wv']);
    expect(skipped[0]!.reason).toMatch(/^token: the export names an environment variable or a stored secret instead of a value/);
    expect(merged.sources.find((s) => s.id === 'wv')).toMatchObject({ token: 'safe:wv/token' });
    expect(merged.sources.find((s) => s.id === 'wv')).not.toHaveProperty('baseUrl');
    expect(merged.sources.find((s) => s.id === 'env')).toMatchObject({ token: 'env:WV_TOKEN', name: 'Renamed' });
  });

  it('does not take secrets from a stored source of another vendor, and migrates old exports', () => {
    const other = SettingsSchema.parse({ sources: [{ id: 'wv', vendor: 'axialys', login: 'l', password: 'p-secret' }] });
    const { skipped } = importSettings(other, { sources: [{ id: 'wv', vendor: 'wolkvox', server: '1' }] });
    expect(skipped[0]).toMatchObject({ id: 'wv' });
    const { settings: fromV0 } = importSettings(other, { startAtLogin: true, sources: [] });
    expect(fromV0.app.startAtLogin).toBe(true);
  });

  it('never sends a stored secret to an address the import changed, and refuses plain http:// to another machine', () => {
    const doc = {
      sources: [
        { id: 'wv', vendor: 'wolkvox', server: '0031', baseUrl: 'http://127.0.0.1:19999' }, // the token would go there
        { id: 'team', vendor: 'collector', url: 'https://elsewhere.example.com' },
        { id: 'ax', vendor: 'axialys', login: 'lead', password: 'typed-with-the-import', socketUrl: 'https://socket.example.com' },
        { id: 'new', vendor: 'collector', url: 'http://10.1.2.3:8787' },
      ],
    };
    const { settings: merged, skipped } = importSettings(settings, doc);
    expect(skipped).toEqual([
      { id: 'wv', reason: 'the export sends token to another address (baseUrl) than the one it was entered for here: enter it again in the Sources view' },
      { id: 'new', reason: 'url: plain http:// is only allowed for loopback hosts; use https:// or set "allowInsecure": true' },
    ]);
    expect(merged.sources.find((s) => s.id === 'wv')).toEqual(settings.sources.find((s) => s.id === 'wv'));
    // A collector's token is optional: the source moves, without the token stored for the old address.
    expect(merged.sources.find((s) => s.id === 'team')).toEqual({ ...settings.sources.find((s) => s.id === 'team'), url: 'https://elsewhere.example.com', accessToken: undefined });
    // A credential given with the import goes where the import says.
    expect(merged.sources.find((s) => s.id === 'ax')).toMatchObject({ password: 'typed-with-the-import', socketUrl: 'https://socket.example.com' });
    expect(JSON.stringify(merged.sources)).not.toContain('10.1.2.3');
  });

  it('changes only the fields a section gives, and says which section it could not take', () => {
    const tuned = SettingsSchema.parse({ alerts: { rules: [{ id: 'agent.latency', warning: 200 }], quietHours: { windows: [{ days: [0], start: '22:00', end: '06:00' }] } } });
    const { settings: merged, skipped } = importSettings(tuned, { alerts: { cooldownMin: 5 }, ui: { theme: 'no-such-theme' } });
    expect(merged.alerts).toMatchObject({ cooldownMin: 5, rules: [{ id: 'agent.latency', warning: 200 }], quietHours: { windows: [{ start: '22:00' }] } });
    expect(merged.ui).toEqual(tuned.ui);
    expect(skipped.map((s) => s.id)).toEqual(['ui']);
    expect(skipped[0]!.reason).toMatch(/^theme: /);
    const never = importSettings(tuned, { alerts: { rules: [{ id: 'queue.waiting', raiseN: 4, raiseM: 3 }] } });
    expect(never.settings.alerts).toEqual(tuned.alerts);
    expect(never.skipped).toEqual([{ id: 'alerts', reason: 'alerts.rules[0] (queue.waiting): raiseN 4 is more than raiseM 3, so the rule could never raise' }]);
  });

  it('refuses files that are not an export', () => {
    expect(() => importSettings(settings, { format: 'something-else' })).toThrow(/Not a CC Tray Monitor settings export/);
    expect(() => importSettings(settings, [1, 2])).toThrow(/not a JSON object/);
  });
});
