import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig, resolveSource, unknownFields } from '../../src/server/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('the contract example has no unknown field; misspelled ones are named, with what they look like', () => {
    expect(unknownFields(SettingsSchema, ok)).toEqual([]);
    expect(unknownFields(SettingsSchema, { sources: [{ id: 'a', vendor: 'wolkvox', server: '1', token: 't', poll: { agentSec: 3 } }] })[0]!.steps).toEqual(['sources', 0, 'poll', 'agentSec']);
    const typos = {
      source: [],
      sources: [
        { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV', baseURL: 'http://127.0.0.1:9', pol: { latencySec: 60 }, poll: { agentSec: 30 } },
        { id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: 'env:TP', webhook: { publicUrl: 'https://x.example.com', secrt: 'y' } },
      ],
      alerts: { cooldownMinutes: 5, rules: [{ id: 'queue.waiting', warnign: 3 }] },
      server: { acessToken: 'env:TOKEN' },
    };
    expect(unknownFields(SettingsSchema, typos).map(({ path, like }) => ({ path, like }))).toEqual([
      { path: 'source', like: 'sources' },
      { path: 'sources[0].baseURL', like: 'baseUrl' },
      { path: 'sources[0].pol', like: 'poll' },
      { path: 'sources[0].poll.agentSec', like: 'agentsSec' },
      { path: 'sources[1].webhook.secrt', like: 'secret' },
      { path: 'alerts.cooldownMinutes', like: undefined },
      { path: 'alerts.rules[0].warnign', like: 'warning' },
      { path: 'server.acessToken', like: 'accessToken' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'cctm-config-'));
    const path = join(dir, 'c.json');
    writeFileSync(path, JSON.stringify({ ...ok, source: [] }));
    const warned: string[] = [];
    loadConfigFile(path, env, (w) => warned.push(w));
    expect(warned).toEqual([`${path}: field "source" is not a setting and is ignored (did you mean "sources"?)`]);
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

  it('names every problem of a file at once, one per line, not the first only', () => {
    const schema = {
      sources: [
        { id: 'wv', vendor: 'wolkvox', server: '1', token: 't', poll: { latencySec: 0 } },
        { id: 'ax', vendor: 'axialys', login: 'l', socketIo: 'v3' },
        { id: 'zz', vendor: 'genesys' },
      ],
    };
    const thrown = (doc: unknown) => {
      try {
        parseConfig(doc, 'c.json', {});
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message.split('\n');
      }
      throw new Error('accepted');
    };
    const lines = thrown(schema);
    expect(lines[0]).toBe('c.json: 4 problems:');
    expect(lines.slice(1).sort()).toEqual(
      [
        '  - sources[0] (id "wv"): field "poll.latencySec": Too small: expected number to be >=1',
        '  - sources[1] (id "ax"): field "password": is required',
        '  - sources[1] (id "ax"): field "socketIo": Invalid option: expected one of "auto"|"v2"|"v4"',
        '  - sources[2] (id "zz"): field "vendor": unknown vendor: use wolkvox, axialys, avaya, telphin or collector',
      ].sort(),
    );
    // once the shapes are right, every duplicate id, plain-http address and missing variable
    const later = thrown({
      sources: [
        { id: 'a', vendor: 'wolkvox', server: '1', token: 'env:NOPE_1' },
        { id: 'a', vendor: 'telphin', clientId: 'c', clientSecret: 's', webhook: { publicUrl: 'http://hooks.example.com' } },
      ],
      server: { accessToken: 'env:NOPE_2' },
    });
    expect(later[0]).toBe('c.json: 4 problems:');
    expect(later.slice(1)).toEqual([
      '  - sources[0] (id "a"): field "token": environment variable NOPE_1 is not set',
      '  - sources[1] (id "a"): field "id": duplicate source id',
      expect.stringMatching(/^ {2}- sources\[1\] \(id "a"\): field "webhook\.publicUrl": .*loopback/),
      '  - field "server.accessToken": environment variable NOPE_2 is not set',
    ]);
    // a long list is cut, and says how much more there is
    const many = thrown({ sources: Array.from({ length: 25 }, (_, i) => ({ id: `s${i}`, vendor: 'wolkvox', server: '1' })) });
    expect(many[0]).toBe('c.json: 25 problems:');
    expect(many).toHaveLength(22);
    expect(many.at(-1)).toBe('  - and 5 more');
  });

  it('allows plain http to non-loopback hosts only with allowInsecure', () => {
    const doc = { sources: [{ id: 'a', vendor: 'wolkvox', server: '1', token: 't', baseUrl: 'http://10.0.0.5', allowInsecure: true }] };
    expect(parseConfig(doc, 'c.json', {}).sources).toHaveLength(1);
  });

  it('an empty alert rule list means the built-ins, never no rules', () => {
    expect(SettingsSchema.parse({ alerts: { rules: [] } }).alerts.rules).toEqual([]);
  });
});
