import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, resolveSource } from '../../src/server/config';
import { configHasLiteralSecrets } from '../../src/core/settings/file-permissions';
import { SettingsSchema } from '../../src/shared/settings';

const ok = {
  sources: [
    { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV', poll: { latencySec: 300 } },
    { id: 'ax', vendor: 'axialys', mode: 'supervisor', login: 'l', password: 'env:AX', socketIo: 'auto' },
    { id: 'av', vendor: 'avaya', region: 'eu', accountId: 'ABCDEF', clientId: 'c', clientSecret: 'env:AV', appKey: 'env:AK' },
    { id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: 'env:TP', webhook: { publicUrl: 'https://collector.example.com' }, pollSec: 120 },
  ],
  alerts: { rules: [], quietHours: null },
  server: { accessToken: 'env:TOKEN' },
};
const env = { WV: 'w', AX: 'a', AV: 'v', AK: 'k', TP: 't', TOKEN: 'tok' };

describe('collector configuration', () => {
  it('accepts the CONTRACT.md example shape and applies defaults', () => {
    const s = parseConfig(ok, 'c.json', env);
    expect(s.sources.map((x) => x.id)).toEqual(['wv', 'ax', 'av', 'tp']);
    const av = s.sources[2] as Extract<(typeof s.sources)[number], { vendor: 'avaya' }>;
    expect(av.producers).toEqual(['Agent_itd_1.0.0', 'Queue_itd_1.0.0']);
    expect(av.pingSec).toBe(30);
    expect(s.alerts.cooldownMin).toBe(15);
  });

  it('resolves env: secrets', () => {
    const s = parseConfig(ok, 'c.json', env);
    expect(resolveSource(s.sources[0]!, env)).toMatchObject({ token: 'w' });
    expect(configHasLiteralSecrets(s.sources, s.server.accessToken)).toBe(false);
  });

  it.each([
    [{ sources: [{ id: 'x', vendor: 'avaya', accountId: 'AB', clientId: 'c', clientSecret: 's', appKey: 'k' }] }, /sources\[0\] \(id "x"\): field "accountId"/],
    [{ sources: [{ id: 'x', vendor: 'wolkvox', server: '1', token: 't', poll: { latencySec: 0 } }] }, /field "poll\.latencySec"/],
    [{ sources: [{ id: 'x', vendor: 'axialys', login: 'l', password: 'p', socketIo: 'v3' }] }, /field "socketIo"/],
    [{ sources: [{ id: 'bad id!', vendor: 'wolkvox', server: '1', token: 't' }] }, /field "id"/],
    [{ sources: [{ id: 'a', vendor: 'wolkvox', server: '1', token: 't' }, { id: 'a', vendor: 'wolkvox', server: '2', token: 't' }] }, /sources\[1\] \(id "a"\): field "id": duplicate/],
    [{ sources: [{ id: 'a', vendor: 'telphin', clientId: 'c', clientSecret: 's', webhook: { publicUrl: 'http://hooks.example.com' } }] }, /field "webhook\.publicUrl".*loopback/],
    [{ sources: [], server: { accessToken: 'env:MISSING_TOKEN' } }, /server\.accessToken.*MISSING_TOKEN/],
  ])('rejects %j', (doc, message) => {
    expect(() => parseConfig(doc, 'c.json', {})).toThrow(ConfigError);
    expect(() => parseConfig(doc, 'c.json', {})).toThrow(message);
  });

  it('allows plain http to non-loopback hosts only with allowInsecure', () => {
    const doc = { sources: [{ id: 'a', vendor: 'wolkvox', server: '1', token: 't', baseUrl: 'http://10.0.0.5', allowInsecure: true }] };
    expect(parseConfig(doc, 'c.json', {}).sources).toHaveLength(1);
  });

  it('an empty alert rule list means the built-ins, never no rules', () => {
    expect(SettingsSchema.parse({ alerts: { rules: [] } }).alerts.rules).toEqual([]);
  });
});
