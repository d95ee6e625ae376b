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

  it('keeps what the file held that is not a setting, in the element it was in, and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctm-file-'));
    const path = join(dir, 'collector.json');
    const written = {
      source: [],
      sources: [
        { id: 'x', vendor: 'wolkvox', server: '0032', token: 'env:WV_TOKEN' },
        { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', baseURL: 'http://127.0.0.1:9', pol: { latencySec: 60 } },
      ],
      alerts: { cooldownMins: 30, rules: [{ id: 'queue.waiting', warnign: 3 }] },
      server: { prot: 9000 },
    };
    writeFileSync(path, JSON.stringify(written), { mode: 0o600 });
    const env = { WV_TOKEN: 'from-env-123' };
    const host = new CollectorSettingsHost(loadConfigFile(path, env), path, env);
    expect(host.notes()).toEqual([
      'field "source" is not a setting and is ignored (did you mean "sources"?)',
      'field "sources[1].baseURL" is not a setting and is ignored (did you mean "baseUrl"?)',
      'field "sources[1].pol" is not a setting and is ignored (did you mean "poll"?)',
      'field "alerts.cooldownMins" is not a setting and is ignored (did you mean "cooldownMin"?)',
      'field "alerts.rules[0].warnign" is not a setting and is ignored (did you mean "warning"?)',
      'field "server.prot" is not a setting and is ignored (did you mean "port"?)',
    ]);
    // The dashboard removes one source and changes a threshold: the rest of what was written stays.
    await host.removeSource('x');
    await host.update({ alerts: { ...host.get().alerts, rules: [{ id: 'queue.waiting', critical: 12 }] } });
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc.source).toEqual([]);
    expect(doc.sources).toEqual([{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', baseURL: 'http://127.0.0.1:9', pol: { latencySec: 60 } }]);
    expect(doc.alerts).toEqual({ cooldownMins: 30, rules: [{ id: 'queue.waiting', critical: 12, warnign: 3 }] });
    expect(doc.server).toEqual({ prot: 9000 });
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
