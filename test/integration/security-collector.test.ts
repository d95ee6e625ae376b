/**
 * The collector's access control beyond test/integration/collector-api.test.ts (bearer token required
 * on /api/* when set, also on loopback; stream closed with 4401; non-loopback bind refused) and
 * collector-cli.test.ts (exit code 2 naming server.accessToken): every non-loopback form of host is
 * refused before anything listens, the token is accepted only where documented, comparisons run on
 * fixed-length digests (tokens) or fixed-width padded secrets (webhooks) in constant time, and a
 * webhook secret lookup checks every route.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

const compared: [number, number][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const { startCollector } = await import('../../src/server/collector');
const { tokensEqual } = await import('../../src/server/auth');
const { WebhookRegistry } = await import('../../src/core/webhooks');
const { SettingsSchema } = await import('../../src/shared/settings');
const { memoryLogger } = await import('../../src/core/util/logger');
type Collector = Awaited<ReturnType<typeof startCollector>>;

const TOKEN = 'collector-token-0123456789abcdef';
let collector: Collector | null = null;
afterEach(async () => {
  await collector?.stop();
  collector = null;
});

async function start(accessToken: string | null = TOKEN) {
  const logger = memoryLogger();
  collector = await startCollector({ settings: SettingsSchema.parse(accessToken ? { server: { accessToken } } : {}), port: 0, logger });
  return { c: collector, logger };
}

describe('collector binding', () => {
  it('refuses every non-loopback address without an access token, before listening', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.7', '172.17.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', '::ffff:127.0.0.1', '0']) {
      await expect(startCollector({ settings: SettingsSchema.parse({}), host, port: 0, logger: memoryLogger() }), host).rejects.toThrow(/server\.accessToken/);
    }
  });

  it('an empty access token counts as none', async () => {
    await expect(startCollector({ settings: SettingsSchema.parse({ server: { accessToken: 'env:UNSET_TOKEN_VAR' } }), env: {}, host: '0.0.0.0', port: 0, logger: memoryLogger() })).rejects.toThrow(
      /server\.accessToken/,
    );
  });
});

describe('collector access token', () => {
  it('is accepted only as a bearer header on the API; the query form works for the stream only', async () => {
    const { c, logger } = await start();
    const status = async (path: string, authorization?: string) => (await fetch(`${c.url}${path}`, authorization ? { headers: { authorization } } : {})).status;
    expect(await status('/api/health', `Bearer ${TOKEN}`)).toBe(200);
    expect(await status('/api/health', `bearer ${TOKEN}`)).toBe(200);
    expect(await status('/api/health', `  Bearer   ${TOKEN}  `)).toBe(200);
    for (const auth of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, `Bearer ${TOKEN} ${TOKEN}`, TOKEN, 'Bearer', `Bearer ${'x'.repeat(8000)}`]) {
      expect(await status('/api/health', auth), auth.slice(0, 40)).toBe(401);
    }
    expect(await status(`/api/health?token=${TOKEN}`)).toBe(401);
    const refused = await fetch(`${c.url}/api/snapshot`, { headers: { authorization: `Bearer ${TOKEN}-wrong` } });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(await refused.text()).not.toContain(TOKEN);
    // Non-browser stream clients may send the header instead of the query parameter.
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const first = await new Promise<string>((res) => ws.once('message', (d) => res(JSON.parse(d.toString()).type)));
    ws.close();
    expect(first).toBe('snapshot');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('a refused stream gets no data before it is closed', async () => {
    const { c } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream?token=${TOKEN.slice(0, -1)}`);
    const messages: string[] = [];
    ws.on('message', (d) => messages.push(d.toString()));
    const code = await new Promise<number>((res) => ws.once('close', (cd) => res(cd)));
    expect(code).toBe(4401);
    expect(messages).toEqual([]);
  });

  it('webhooks are not behind the API token (the vendor cannot send one): their secret path is their key', async () => {
    const { c } = await start();
    const res = await fetch(`${c.url}/hooks/telphin/some-secret-value`, { method: 'POST', body: 'agent_id=1&agent_status=available' });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('unknown webhook');
  });
});

describe('constant-time comparisons', () => {
  it('tokens are compared as SHA-256 digests of equal length, whatever was presented', () => {
    compared.length = 0;
    for (const given of ['', 'x', TOKEN, `${TOKEN}x`, TOKEN.slice(0, -1), 'é'.repeat(1000), 'z'.repeat(1_000_000)]) {
      expect(tokensEqual(given, TOKEN)).toBe(given === TOKEN);
    }
    expect(compared).toHaveLength(7);
    expect(compared.every(([a, b]) => a === 32 && b === 32)).toBe(true);
  });

  it('the API compares through the same digest on every request', async () => {
    const { c } = await start();
    compared.length = 0;
    await fetch(`${c.url}/api/health`, { headers: { authorization: 'Bearer short' } });
    await fetch(`${c.url}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(compared).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });

  it('a webhook secret lookup compares against every registered route, also after a match, at one fixed width', () => {
    const registry = new WebhookRegistry();
    const handler = () => ({ status: 204 });
    for (let i = 0; i < 5; i++) registry.register('telphin', `secret-number-${i}-0123456789`, handler);
    compared.length = 0;
    expect(registry.find('telphin', 'secret-number-0-0123456789')).toBe(handler);
    expect(compared).toHaveLength(5);
    compared.length = 0;
    // Nothing a caller presents changes what is compared: wrong, short, longer than any secret, multi-byte.
    for (const presented of ['not-registered', '', 'secret-number-0-012345678', 'secret-number-0-0123456789x', 'é'.repeat(256), 'z'.repeat(300)]) {
      expect(registry.find('telphin', presented), presented.slice(0, 30)).toBeNull();
    }
    expect(compared).toHaveLength(30);
    expect(compared.every(([a, b]) => a === registry.comparisonWidth && b === registry.comparisonWidth)).toBe(true);
  });

  it('a secret matches only itself: not a prefix, not with padding bytes, not under another vendor', () => {
    const registry = new WebhookRegistry();
    const h1 = () => ({ status: 204 });
    const h2 = () => ({ status: 202 });
    registry.register('telphin', 'first-secret-0123456789', h1);
    registry.register('telphin', 'sécond-secret-ünïcode-0123', h2);
    expect(registry.find('telphin', 'first-secret-0123456789')).toBe(h1);
    expect(registry.find('telphin', 'sécond-secret-ünïcode-0123')).toBe(h2);
    expect(registry.find('telphin', 'first-secret-012345678')).toBeNull();
    // Byte for byte what the route's padded buffer holds: only the lengths tell them apart.
    expect(registry.find('telphin', 'first-secret-0123456789'.padEnd(64, '\0'))).toBeNull();
    expect(registry.find('telphin', 'first-secret-0123456789\u0000')).toBeNull();
    expect(registry.find('telphin', 'second-secret-unicode-0123')).toBeNull();
    expect(registry.find('avaya', 'first-secret-0123456789')).toBeNull();
  });

  it('a long secret widens every comparison; an unregistered route no longer matches', () => {
    const registry = new WebhookRegistry();
    const h1 = () => ({ status: 204 });
    const h2 = () => ({ status: 202 });
    const unregister = registry.register('telphin', 'short-secret-0123456789', h1);
    expect(registry.comparisonWidth).toBe(64);
    const long = `long-${'ж'.repeat(100)}`; // 205 bytes
    registry.register('telphin', long, h2);
    expect(registry.comparisonWidth).toBe(256);
    compared.length = 0;
    expect(registry.find('telphin', 'short-secret-0123456789')).toBe(h1);
    expect(registry.find('telphin', long)).toBe(h2);
    expect(registry.find('telphin', long.slice(0, -1))).toBeNull();
    expect(compared.every(([a, b]) => a === 256 && b === 256)).toBe(true);
    unregister();
    expect(registry.find('telphin', 'short-secret-0123456789')).toBeNull();
    expect(registry.find('telphin', long)).toBe(h2);
  });
});
