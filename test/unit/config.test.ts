import { describe, expect, it } from 'vitest';
import { ConfigError, literalSecretFields, loadConfigFile, parseConfig, resolveSource, unknownFields } from '../../src/server/config';
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
  it("takes a collector's access token out of an address written with it, and counts it as a literal secret", () => {
    const doc = { sources: [{ id: 'team', vendor: 'collector', url: 'https://floor.example.com:8787/?token=TeamTok-1234#x' }] };
    const s = parseConfig(doc, 'c.json', {});
    expect(s.sources[0]).toMatchObject({ url: 'https://floor.example.com:8787/', accessToken: 'TeamTok-1234' });
    expect(literalSecretFields(s)).toEqual(['sources[0].accessToken']);
    // A token given in its own field wins; the address is still cleaned.
    const both = parseConfig({ sources: [{ ...doc.sources[0], accessToken: 'env:TEAM' }] }, 'c.json', { TEAM: 'x' });
    expect(both.sources[0]).toMatchObject({ url: 'https://floor.example.com:8787/', accessToken: 'env:TEAM' });
  });

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
    [{ sources: [{ id: 'x', vendor: 'avaya', accountId: 'AB', clientId: 'c', clientSecret: 's', appKey: 'k' }] }, /field "sources\[0\]\.accountId" \(source "x"\)/],
    [{ sources: [{ id: 'x', vendor: 'wolkvox', server: '1', token: 't', poll: { latencySec: 0 } }] }, /field "sources\[0\]\.poll\.latencySec"/],
    [{ sources: [{ id: 'x', vendor: 'axialys', login: 'l', password: 'p', socketIo: 'v3' }] }, /field "sources\[0\]\.socketIo"/],
    [{ sources: [{ id: 'bad id!', vendor: 'wolkvox', server: '1', token: 't' }] }, /field "sources\[0\]\.id"/],
    [{ sources: [{ id: 'a', vendor: 'wolkvox', server: '1', token: 't' }, { id: 'a', vendor: 'wolkvox', server: '2', token: 't' }] }, /field "sources\[1\]\.id" \(source "a"\): duplicate/],
    [{ sources: [{ id: 'a', vendor: 'telphin', clientId: 'c', clientSecret: 's', webhook: { publicUrl: 'http://hooks.example.com' } }] }, /field "sources\[0\]\.webhook\.publicUrl".*loopback/],
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
        '  - field "sources[0].poll.latencySec" (source "wv"): Too small: expected number to be >=1',
        '  - field "sources[1].password" (source "ax"): is required',
        '  - field "sources[1].socketIo" (source "ax"): Invalid option: expected one of "auto"|"v2"|"v4"',
        '  - field "sources[2].vendor" (source "zz"): unknown vendor: use wolkvox, axialys, avaya, telphin or collector',
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
      '  - field "sources[0].token" (source "a"): environment variable NOPE_1 is not set',
      '  - field "sources[1].id" (source "a"): duplicate source id',
      expect.stringMatching(/^ {2}- field "sources\[1\]\.webhook\.publicUrl" \(source "a"\): .*loopback/),
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
  it('names the line and column of a JSON syntax error, never the text around it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctm-config-'));
    const cases: [string, RegExp][] = [
      // a missing comma after a secret: V8 quotes the text around the error
      ['{\n  "sources": [],\n  "server": { "accessToken": "s3cr3t-token-value-123" "host": "0.0.0.0" }\n}\n', /not valid JSON at line 3, column 55: check quotes and commas there$/],
      // a misspelled literal right after the secret: V8 quotes the whole file
      ['{"server": {"accessToken": "s3cr3t-token-value-123", "x": tru}}', /not valid JSON at line 1, column 59: /],
      // an unterminated string holding the secret
      ['{\n"server": {"accessToken": "s3cr3t-token-value-123', /not valid JSON at line 2, column 27: the text in quotes that starts there has no closing quote$/],
      ['{"sources": [],}', /not valid JSON at line 1, column 16: /],
      ['{"sources": [\n', /not valid JSON at line 2, column 1 \(the end of the file\): check that every "\{", "\[" and quote is closed$/],
    ];
    for (const [text, message] of cases) {
      const path = join(dir, 'c.json');
      writeFileSync(path, text);
      let thrown: unknown;
      try {
        loadConfigFile(path, env);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const said = (thrown as Error).message;
      expect(said).toMatch(message);
      expect(said.startsWith(`${path}: `)).toBe(true);
      expect(said).not.toContain('s3cr3t');
      expect(said).not.toContain('accessToken');
    }
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, ' \n');
    expect(() => loadConfigFile(empty, env)).toThrow(`${empty}: the file is empty: write a JSON object such as {"sources": []}`);
    // a byte order mark (some Windows editors write one) is not an error
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, '\uFEFF{"sources": []}');
    expect(loadConfigFile(bom, env).sources).toEqual([]);
  });

  it('says what a union field accepts, and "unknown vendor" only of the vendor', () => {
    const said = (doc: unknown) => {
      try {
        parseConfig(doc, 'c.json', {});
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(said({ sources: [{ id: 'wv', vendor: 'wolkvox', token: 't' }] })).toBe('c.json: field "sources[0].server" (source "wv"): is required');
    for (const server of [true, '', null, { code: 31 }]) {
      const message = said({ sources: [{ id: 'wv', vendor: 'wolkvox', server, token: 't' }] });
      expect(message).toMatch(/^c\.json: field "sources\[0\]\.server" \(source "wv"\): must be the Wolkvox server code such as "0031"/);
      expect(message).not.toContain('vendor');
    }
    for (const clientId of [-1, 1.5, true, '  ', []]) {
      const message = said({ sources: [{ id: 'ax', vendor: 'axialys', mode: 'api', login: 'l', password: 'p', clientId }] });
      expect(message).toMatch(/^c\.json: field "sources\[0\]\.clientId" \(source "ax"\): must be the client id Axialys gave/);
      expect(message).not.toContain('vendor');
    }
    expect(said({ sources: [{ id: 'zz', vendor: 'genesys' }] })).toBe('c.json: field "sources[0].vendor" (source "zz"): unknown vendor: use wolkvox, axialys, avaya, telphin or collector');
    expect(said({ sources: [{ id: 'zz' }] })).toBe('c.json: field "sources[0].vendor" (source "zz"): is required: use wolkvox, axialys, avaya, telphin or collector');
    expect(said({ sources: ['wv'] })).toMatch(/^c\.json: field "sources\[0\]": must be an object such as \{"id": "wv", "vendor": "wolkvox", …\}$/);
  });

  it('writes every field path the same way: sources[0].server, alerts.rules[0].warning', () => {
    expect(() => parseConfig({ alerts: { rules: [{ id: 'queue.waiting', warning: 'a' }] } }, 'c.json', {})).toThrow(
      'c.json: field "alerts.rules[0].warning": Invalid input: expected number, received string',
    );
    expect(() => parseConfig({ server: { port: 'x' } }, 'c.json', {})).toThrow('c.json: field "server.port": Invalid input: expected number, received string');
    expect(() => parseConfig({ alerts: { quietHours: { windows: [{ days: [9], start: '22:00', end: '06:00' }] } } }, 'c.json', {})).toThrow(
      /^c\.json: field "alerts\.quietHours\.windows\[0\]\.days\[0\]": /,
    );
    expect(() => parseConfig([], 'c.json', {})).toThrow('c.json: the configuration must be a JSON object such as {"sources": []}');
  });

  it('says that the name after "env:" is empty', () => {
    expect(() => parseConfig({ sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:' }] }, 'c.json', {})).toThrow(
      'c.json: field "sources[0].token" (source "wv"): "env:" must be followed by the name of an environment variable, such as "env:WOLKVOX_TOKEN"',
    );
    expect(() => parseConfig({ server: { accessToken: 'env:' } }, 'c.json', {})).toThrow(
      'c.json: field "server.accessToken": "env:" must be followed by the name of an environment variable, such as "env:COLLECTOR_TOKEN"',
    );
  });

  it('names the fields that hold literal secrets, never their values', () => {
    const s = parseConfig(
      {
        sources: [
          { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV' },
          { id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: 'env:AV', appKey: 'literal-app-key' },
          { id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: 'env:TP', webhook: { publicUrl: 'https://x.example.com', secret: 'literal-hook-secret-1234' } },
        ],
        server: { accessToken: 'literal-token' },
      },
      'c.json',
      env,
    );
    expect(literalSecretFields(s)).toEqual(['sources[1].appKey', 'sources[2].webhook.secret', 'server.accessToken']);
    expect(literalSecretFields(parseConfig(ok, 'c.json', env))).toEqual([]);
  });
});
