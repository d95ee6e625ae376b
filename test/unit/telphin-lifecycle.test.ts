import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { TelphinConnector } from '../../src/core/connectors/telphin/connector';
import type { ConnectorContext, FetchLike, SourceHealth } from '../../src/core/connectors/types';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { SourceStatus } from '../../src/shared/model';
import type { TelphinSourceConfig } from '../../src/shared/sources';
import { memoryLogger } from '../../src/core/util/logger';
import { WebhookRegistry } from '../../src/core/webhooks';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Route = (method: string, path: string, n: number) => Reply | Error;

const BASE = 'http://127.0.0.1:9/api/ver1.0';
const TOKEN_URL = 'http://127.0.0.1:9/oauth/token';

/** A scripted Telphin: `api` answers API requests, `token` the token endpoint; both are counted. */
function scripted(api: Route, token: (n: number) => Reply = () => ({ status: 200, body: { access_token: 'tok-1234567', expires_in: 3600 } })) {
  const calls = { token: 0, api: 0, paths: [] as string[] };
  const fetch: FetchLike = async (url, init) => {
    if (url === TOKEN_URL) {
      const r = token(++calls.token);
      return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: r.headers });
    }
    const path = url.slice(BASE.length);
    calls.api++;
    calls.paths.push(`${init?.method ?? 'GET'} ${path}`);
    const r = api(init?.method ?? 'GET', path, calls.api);
    if (r instanceof Error) throw r;
    return new Response(r.status === 204 || r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: r.headers });
  };
  return { fetch, calls };
}

function context(fetch: FetchLike, clock: FakeClock, config: Partial<TelphinSourceConfig> = {}) {
  const statuses: { status: SourceStatus; error: string | null }[] = [];
  const info: Record<string, unknown> = {};
  const events: NormalizedEvent[] = [];
  let status: SourceStatus = 'connecting';
  let lastError: string | null = null;
  const health: SourceHealth = {
    get status() {
      return status;
    },
    setStatus: (s, e) => {
      status = s;
      if (e !== undefined) lastError = e;
      statuses.push({ status: s, error: lastError });
    },
    setMode: (m) => void (info.mode = m),
    setInfo: (k, v) => void (info[k] = v),
    rejected: () => undefined,
    unknown: () => undefined,
  };
  const cfg: TelphinSourceConfig = { id: 'tp', vendor: 'telphin', clientId: 'app', clientSecret: 'unit-client-secret', clientRef: '@me', pollSec: 60, apiBaseUrl: BASE, tokenUrl: TOKEN_URL, ...config };
  const ctx: ConnectorContext<TelphinSourceConfig> = {
    config: cfg,
    sourceId: cfg.id,
    clock,
    random: () => 0.5,
    log: memoryLogger(),
    health,
    fetch,
    webhooks: new WebhookRegistry(),
    factories: {},
    shared: new Map(),
    emit: (e) => void events.push(...e),
  };
  return { ctx, statuses, info, events, get status() { return status; }, get lastError() { return lastError; } };
}

const agents: Route = (_m, path) => {
  if (path === '/client/@me/agent/local/') return { status: 200, body: [{ id: 136, name: 'Anna', extension_id: 1136, status: 'available' }] };
  if (path === '/client/@me/agent/remote/') return { status: 200, body: [] };
  if (path === '/client/@me/current_calls/') return { status: 200, body: { call_list: [] } };
  return { status: 404, body: { error: 'not_found' } };
};

let connector: TelphinConnector | null = null;
afterEach(async () => {
  await connector?.stop();
  connector = null;
});

describe('Telphin connector lifecycle', () => {
  it('polls agents and current calls, goes live, and says it is in polling mode', async () => {
    const clock = new FakeClock();
    const s = scripted(agents);
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('live');
    expect(c.info.mode).toBe('polling');
    expect(s.calls.paths).toEqual(['GET /client/@me/agent/local/', 'GET /client/@me/agent/remote/', 'GET /client/@me/current_calls/']);
    expect(c.events.find((e) => e.type === 'agent' && e.set.state === 'available')).toBeTruthy();
    await clock.advance(60_000);
    expect(s.calls.api).toBe(6);
    expect(s.calls.token).toBe(1);
  });

  it('stays down, saying why, when its webhook secret (an env: reference, resolved) is no path segment the receiver could match', async () => {
    const clock = new FakeClock();
    const s = scripted(agents);
    const c = context(s.fetch, clock, { webhook: { publicUrl: 'https://hooks.example.com', secret: 'a secret/with a slash' } });
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('down');
    expect(c.lastError).toMatch(/^webhook\.secret must be 16 to 256 letters, digits/);
    expect(s.calls.api + s.calls.token).toBe(0); // nothing subscribed, nothing polled
    expect(c.ctx.webhooks.find('telphin', 'a secret/with a slash')).toBeNull();
  });

  it('in webhook mode, says so while nothing here can receive them, and is live once the receiver listens', async () => {
    const clock = new FakeClock();
    const s = scripted((m, p) => (p.includes('/event/') || p.includes('/limit/') ? { status: 200, body: p.includes('/limit/') ? { agent_events: 100 } : [] } : agents(m, p, 0)));
    const c = context(s.fetch, clock, { webhook: { publicUrl: 'https://hooks.example.com', secret: 'a-secret-of-sixteen.' }, pollSec: 30 });
    c.ctx.webhooks.setReceiver({ listening: false, port: 8080, error: 'EADDRINUSE' });
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('degraded');
    expect(c.lastError).toMatch(/^The webhook receiver cannot listen on port 8080 \(another program holds it\): Telphin's login and logout events cannot arrive; agent states are only re-read every 30 s\./);
    c.ctx.webhooks.setReceiver({ listening: false, port: 0, error: null });
    await clock.advance(30_000);
    expect(c.lastError).toMatch(/^The webhook receiver of this app is off/);
    c.ctx.webhooks.setReceiver({ listening: true });
    await clock.advance(30_000);
    expect(c.status).toBe('live');
  });

  it('fetches one new token on a 401 and repeats the request', async () => {
    const clock = new FakeClock();
    let n = 0;
    const s = scripted((m, p, i) => (i === 1 ? { status: 401, body: { error: 'invalid_token' } } : agents(m, p, ++n)));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(s.calls.token).toBe(2);
    expect(c.status).toBe('live');
  });

  it('stops with auth_failed when a fresh token is refused too, without a retry loop', async () => {
    const clock = new FakeClock();
    const s = scripted(() => ({ status: 401, body: { error: 'invalid_token' } }));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('auth_failed');
    expect(c.lastError).toMatch(/Telphin rejected a fresh access token \(401 invalid_token\)/);
    await clock.advance(3_600_000);
    expect(s.calls.api).toBe(2);
    expect(s.calls.token).toBe(2);
  });

  it('says the application credentials are wrong and does not retry', async () => {
    const clock = new FakeClock();
    const s = scripted(agents, () => ({ status: 401, body: { error: 'invalid_client' } }));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(3_600_000);
    expect(c.status).toBe('auth_failed');
    expect(c.lastError).toMatch(/check the client id and client secret/);
    expect(c.lastError).not.toContain('unit-client-secret');
    expect(s.calls.token).toBe(1);
    expect(s.calls.api).toBe(0);
  });

  it('on 429 shows degraded with the reason and sends nothing until the reset', async () => {
    const clock = new FakeClock();
    const resetSec = String(Math.floor(clock.now() / 1000) + 600);
    let limited = true;
    const s = scripted((m, p, i) =>
      limited && i === 2 ? { status: 429, body: { error: 'rate_limit_exceeded' }, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': resetSec } } : agents(m, p, i),
    );
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('degraded');
    expect(c.lastError).toMatch(/Telphin request quota used up \(429 rate_limit_exceeded .*limit 100 requests per hour\): waiting 10 min/);
    const sent = s.calls.api;
    await clock.advance(590_000);
    expect(s.calls.api).toBe(sent);
    limited = false;
    await clock.advance(15_000);
    expect(s.calls.api).toBeGreaterThan(sent);
    expect(c.status).toBe('live');
  });

  it('paces polling by the quota headers so that the hourly limit is never exceeded', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 9, 0, 0));
    const limit = 30;
    const windows = new Map<number, number>();
    const s = scripted((m, p) => {
      const hour = Math.floor(clock.now() / 3_600_000);
      const used = (windows.get(hour) ?? 0) + 1;
      windows.set(hour, used);
      const headers = { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - used)), 'X-RateLimit-Reset': String((hour + 1) * 3600) };
      if (used > limit) return { status: 429, body: { error: 'rate_limit_exceeded' }, headers };
      return { ...(agents(m, p, 0) as Reply), headers };
    });
    const c = context(s.fetch, clock, { pollSec: 5 });
    connector = new TelphinConnector(c.ctx);
    connector.start();
    for (let i = 0; i < 3 * 60; i++) await clock.advance(60_000);
    expect(Math.max(...windows.values())).toBeLessThanOrEqual(limit);
    expect(windows.size).toBeGreaterThanOrEqual(3);
    expect(c.statuses.some((x) => x.status === 'degraded' && /429/.test(x.error ?? ''))).toBe(false);
    expect(c.info.quotaLimit).toBe(limit);
  });

  it('retries network failures with backoff and shows the source down meanwhile', async () => {
    const clock = new FakeClock();
    let broken = true;
    const s = scripted((m, p, i) => (broken ? new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }) : agents(m, p, i)));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(c.status).toBe('down');
    expect(c.lastError).toMatch(/Telphin is unreachable for GET \/client\/@me\/agent\/local\/ \(127\.0\.0\.1:9: connect ECONNREFUSED/);
    await clock.advance(60_000);
    const tries = s.calls.api;
    expect(tries).toBeGreaterThan(1);
    expect(tries).toBeLessThan(10);
    broken = false;
    await clock.advance(120_000);
    expect(c.status).toBe('live');
  });

  it('check() runs the next cycle at once instead of waiting for pollSec', async () => {
    const clock = new FakeClock();
    const s = scripted(agents);
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(s.calls.api).toBe(3);
    connector.check();
    await clock.advance(10);
    expect(s.calls.api).toBe(6);
  });

  it('check() does not run a cycle the quota cannot afford', async () => {
    const clock = new FakeClock();
    const reset = String(Math.floor(clock.now() / 1000) + 3600);
    const s = scripted((m, p, i) => ({ ...(agents(m, p, i) as Reply), headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': String(Math.max(0, 6 - i)), 'X-RateLimit-Reset': reset } }));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(s.calls.api).toBe(3);
    // 3 left with 2 in reserve: the next poll waits for the reset, and the source says why
    expect(c.status).toBe('degraded');
    expect(c.lastError).toMatch(/Telphin request quota nearly used up \(3 of 100 requests left this hour\): polling every 3601 s instead of every 60 s/);
    connector.check();
    await clock.advance(10);
    expect(s.calls.api).toBe(3);
  });

  it('renews the token before it expires', async () => {
    const clock = new FakeClock();
    const s = scripted(agents, () => ({ status: 200, body: { access_token: 'short-lived-token', expires_in: 300 } }));
    const c = context(s.fetch, clock);
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(10);
    expect(s.calls.token).toBe(1);
    await clock.advance(300_000);
    expect(s.calls.token).toBe(2);
  });

  it('refuses an unknown clientRef with a configuration error', async () => {
    const clock = new FakeClock();
    const s = scripted(() => ({ status: 404, body: { error: 'not_found' } }));
    const c = context(s.fetch, clock, { clientRef: '999' });
    connector = new TelphinConnector(c.ctx);
    connector.start();
    await clock.advance(600_000);
    expect(c.status).toBe('down');
    expect(c.lastError).toMatch(/check clientRef \(now "999", default "@me"\)/);
    expect(s.calls.api).toBe(1);
  });
});
