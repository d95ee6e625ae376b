/**
 * The shared source schema's Wolkvox `server`: a server code, a host or an address the connector can
 * build its URL from, nothing else; and the demo sources' ids the dashboard knows.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SOURCE_IDS, insecureUrlProblem, isWolkvoxServer, SourceConfigSchema, WOLKVOX_SERVER_RULE, type SourceConfig } from '../../src/shared/sources';
import { baseUrlFor } from '../../src/core/connectors/wolkvox/url';
import { startDemo } from '../../src/simulators/demo';

const wolkvox = (server: unknown) => SourceConfigSchema.safeParse({ id: 'wv', vendor: 'wolkvox', server, token: 't' });

describe('Wolkvox server', () => {
  it('accepts a server code, its host or its address, each read by the connector as the Wolkvox server', () => {
    const cases: [unknown, string][] = [
      ['0031', 'https://wv0031.wolkvox.com'],
      ['31', 'https://wv0031.wolkvox.com'],
      [31, 'https://wv0031.wolkvox.com'],
      ['wv9901', 'https://wv9901.wolkvox.com'],
      ['WV0031', 'https://wv0031.wolkvox.com'],
      [' 0031 ', 'https://wv0031.wolkvox.com'],
      ['wv0024.wolkvox.com', 'https://wv0024.wolkvox.com'],
      ['wv0024.wolkvox.com/', 'https://wv0024.wolkvox.com'],
      ['proxy.example.com:8443', 'https://proxy.example.com:8443'],
      ['https://wv0024.wolkvox.com/', 'https://wv0024.wolkvox.com'],
      ['http://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ];
    for (const [server, url] of cases) {
      const parsed = wolkvox(server);
      expect(parsed.success, String(server)).toBe(true);
      expect(baseUrlFor(parsed.data as { server: string }), String(server)).toBe(url);
    }
  });

  it('refuses what names no server, with a message saying what is expected', () => {
    for (const server of [
      'not a server code !!',
      'http://example.com/x y',
      'wv0031 wolkvox',
      'wv0031.wolkvox.com/api/v2',
      'ftp://wv0031.wolkvox.com',
      'javascript:alert(1)',
      'https://',
      '-wv.example.com',
      'wv..wolkvox.com',
      '',
      '   ',
      3.5,
      -31,
    ]) {
      const parsed = wolkvox(server);
      expect(parsed.success, JSON.stringify(server)).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(['server']);
    }
    expect(wolkvox('not a server code !!').error!.issues[0]!.message).toBe(WOLKVOX_SERVER_RULE);
    expect(isWolkvoxServer('0031')).toBe(true);
    expect(isWolkvoxServer('0031 !')).toBe(false);
  });

  it('an address sent in clear to another computer is refused unless the source allows insecure addresses', () => {
    const cfg = (server: string, allowInsecure?: boolean) => SourceConfigSchema.parse({ id: 'wv', vendor: 'wolkvox', server, token: 't', allowInsecure }) as SourceConfig;
    expect(insecureUrlProblem(cfg('http://wv0031.wolkvox.com'))?.field).toBe('server');
    expect(insecureUrlProblem(cfg('http://wv0031.wolkvox.com', true))).toBeNull();
    expect(insecureUrlProblem(cfg('http://localhost:9000'))).toBeNull();
    expect(insecureUrlProblem(cfg('https://wv0031.wolkvox.com'))).toBeNull();
    expect(insecureUrlProblem(cfg('wv0031.wolkvox.com'))).toBeNull();
    expect(insecureUrlProblem(cfg('0031'))).toBeNull();
  });
});

describe('demo sources', () => {
  it('the ids the dashboard knows are those the demo adds', async () => {
    const demo = await startDemo();
    try {
      expect(demo.sources.map((s) => s.id).sort()).toEqual([...DEMO_SOURCE_IDS].sort());
    } finally {
      await demo.stop();
    }
  });
});
