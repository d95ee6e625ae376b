import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CollectorSettingsHost, withoutDefaults } from '../../src/server/settings-host';
import { loadConfigFile } from '../../src/server/config';
import { SettingsSchema } from '../../src/shared/settings';
import { SourceConfigSchema } from '../../src/shared/sources';

describe('the collector configuration file written back', () => {
  it('keeps a hand-written file short: what the dashboard changed, nothing the schema puts back by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctm-file-'));
    const path = join(dir, 'collector.json');
    const written = {
      sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', baseUrl: 'http://127.0.0.1:9', poll: { latencySec: 60 } }],
      alerts: { cooldownMin: 20 },
      server: { accessToken: 'env:COLLECTOR_TOKEN' },
    };
    writeFileSync(path, JSON.stringify(written, null, 2), { mode: 0o600 });
    const env = { WV_TOKEN: 'from-env-123', COLLECTOR_TOKEN: 'tok-456' };
    const host = new CollectorSettingsHost(loadConfigFile(path, env), path, env);
    // The dashboard renames the source (its token comes back resolved) and sets a threshold.
    await host.saveSource(SourceConfigSchema.parse({ ...written.sources[0], token: 'from-env-123', name: 'Bogotá' }), 'wv');
    await host.update({ alerts: { ...host.get().alerts, rules: [{ id: 'queue.waiting', warning: 8 }] } });
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc).toEqual({
      version: host.get().version,
      sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', baseUrl: 'http://127.0.0.1:9', poll: { latencySec: 60 }, name: 'Bogotá' }],
      alerts: { rules: [{ id: 'queue.waiting', warning: 8 }], cooldownMin: 20 },
      server: { accessToken: 'env:COLLECTOR_TOKEN' },
    });
    expect(Object.keys(doc.sources[0])[0]).toBe('id');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Read again, it is the same settings.
    expect(loadConfigFile(path, env)).toEqual(host.get());
  });

  it('leaves out nothing that would read differently', () => {
    const s = SettingsSchema.parse({
      sources: [{ id: 'ax', vendor: 'axialys', login: 'l', password: 'p', enabled: false, socketIo: 'v2' }],
      alerts: { sound: { warning: true, critical: true }, quietHours: { windows: [{ days: [1], start: '22:00', end: '06:00' }], allowCritical: true } },
      ui: { language: 'es' },
      app: { autoUpdate: false },
    });
    const doc = withoutDefaults(s);
    expect(SettingsSchema.parse(doc)).toEqual(s);
    expect(doc).toMatchObject({ sources: [{ enabled: false, socketIo: 'v2' }], alerts: { sound: { warning: true } }, ui: { language: 'es' }, app: { autoUpdate: false } });
    expect((doc.sources as object[])[0]).not.toHaveProperty('mode');
    expect(doc.alerts).not.toHaveProperty('cooldownMin');
    expect((doc.alerts as { quietHours: object }).quietHours).not.toHaveProperty('allowCritical');
  });
});
