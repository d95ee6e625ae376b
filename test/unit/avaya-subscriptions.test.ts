import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { TokenManager, tokenUrl } from '../../src/core/connectors/avaya/auth';
import { AxpApi } from '../../src/core/connectors/avaya/api';
import { SubscriptionManager } from '../../src/core/connectors/avaya/subscriptions';
import { DEFAULT_TIMINGS } from '../../src/core/connectors/avaya/config';
import { memoryLogger } from '../../src/core/util/logger';
import type { ConnectorError } from '../../src/core/connectors/errors';
import { BASE, ScriptedFetch, recordingHealth, tokenEndpoint } from './avaya-fakes';

const P = 'Agent_itd_1.0.0';
const SUBS = /\/api\/notification\/v1\/accounts\/ABCDEF\/subscriptions/;
const sub = (id: string, status: string, expiresIn = 100) => ({ subscriptionId: id, status, expiresIn, transport: { type: 'WEBSOCKET', endpoint: 'wss://eu.api.avayacloud.com/ws/notification', pingInterval: 300 } });

function setup() {
  const clock = new FakeClock();
  const f = new ScriptedFetch();
  const endpoint = tokenEndpoint(f, 900);
  const http = { fetch: f.fetch, clock, appKey: 'app-key-123', timeoutMs: 15_000 };
  const tokens = new TokenManager(http, tokenUrl(BASE, 'ABCDEF'), 'client-1', 'very-secret-1');
  const api = new AxpApi(http, tokens, BASE, 'ABCDEF');
  const health = recordingHealth();
  const subs = new SubscriptionManager(api, tokens, clock, memoryLogger(), health, DEFAULT_TIMINGS);
  const events = { pending: [] as string[], lost: [] as string[], fatal: [] as ConnectorError[] };
  subs.attach({ pending: (p) => events.pending.push(p), lost: (p) => events.lost.push(p), fatal: (e) => events.fatal.push(e) });
  let created = 0;
  f.on((c) => c.method === 'POST' && /\/subscriptions$/.test(c.url), (c) => {
    expect(JSON.parse(c.body)).toEqual({ family: 'ANALYTICS', events: ['ALL'], transport: { type: 'WEBSOCKET' }, extensions: { measureProducerId: P } });
    return { status: 201, body: sub(`sub-${++created}`, 'ACTIVE') };
  });
  return { clock, f, endpoint, subs, events, health };
}

describe('Avaya subscriptions', () => {
  it('waits out PENDING with a bounded poll and reports it', async () => {
    const { clock, f, subs, events } = setup();
    f.on((c) => c.method === 'POST' && /\/subscriptions$/.test(c.url), { status: 201, body: sub('sub-p', 'PENDING') });
    let polls = 0;
    f.on(/GET .*\/subscriptions\/sub-p$/, () => ({ status: 200, body: sub('sub-p', ++polls < 3 ? 'PENDING' : 'ACTIVE') }));
    let result: unknown = null;
    const p = subs.ensureActive(P, new AbortController().signal).then((s) => (result = s));
    await clock.advance(2_000);
    expect(result).toBeNull();
    expect(events.pending).toContain(P);
    await clock.advance(4_000);
    await p;
    expect(result).toMatchObject({ id: 'sub-p', status: 'ACTIVE' });
    expect(polls).toBe(3);
  });

  it('gives up a PENDING wait after the bound with a degraded, retryable error, keeping the subscription', async () => {
    const { clock, f, subs } = setup();
    f.on((c) => c.method === 'POST' && /\/subscriptions$/.test(c.url), { status: 201, body: sub('sub-p', 'PENDING') });
    f.on(/GET .*\/subscriptions\/sub-p$/, { status: 200, body: sub('sub-p', 'PENDING') });
    let error: ConnectorError | null = null;
    const p = subs.ensureActive(P, new AbortController().signal).catch((e: ConnectorError) => (error = e));
    await clock.advance(61_000);
    await p;
    expect(error).toMatchObject({ kind: 'transient', degraded: true });
    expect(error!.message).toContain('stayed PENDING for 60 s');
    expect(f.count(/GET .*sub-p$/)).toBe(30);
    expect(subs.owned.get(P)?.id).toBe('sub-p');
  });

  it('renews at 80 % of expiresIn with a token newer than the one used before, and keeps renewing', async () => {
    const { clock, f, subs, endpoint } = setup();
    f.on(/POST .*sub-1:renew$/, { status: 200, body: sub('sub-1', 'ACTIVE', 100) });
    await subs.ensureActive(P, new AbortController().signal);
    await clock.advance(79_000);
    expect(f.count(/:renew$/)).toBe(0);
    await clock.advance(1_000);
    expect(f.count(/:renew$/)).toBe(1);
    await clock.advance(80_000);
    const renewals = f.calls.filter((c) => c.url.endsWith(':renew'));
    expect(renewals.map((c) => c.headers.authorization)).toEqual(['Bearer tok-2-abcdef', 'Bearer tok-3-abcdef']);
    expect(endpoint.issued).toHaveLength(3);
    expect(subs.owned.get(P)?.renewals).toBe(2);
  });

  it('a renewal the server refuses as unknown reports the subscription lost; 5xx is retried; 403 is fatal', async () => {
    const { clock, f, subs, events } = setup();
    let n = 0;
    f.on(/POST .*:renew$/, () => {
      n++;
      if (n === 1) return { status: 503, body: { title: 'Service Unavailable' } };
      if (n === 2) return { status: 200, body: sub('sub-1', 'ACTIVE', 100) };
      if (n === 3) return { status: 404, body: { title: 'Not Found' } };
      return { status: 403, body: { title: 'Forbidden', detail: 'no' } };
    });
    await subs.ensureActive(P, new AbortController().signal);
    await clock.advance(80_000); // 503
    await clock.advance(10_000); // retried: ok
    expect(n).toBe(2);
    await clock.advance(80_000); // 404
    expect(events.lost).toEqual([P]);
    expect(subs.owned.has(P)).toBe(false);
    await subs.ensureActive(P, new AbortController().signal);
    await clock.advance(80_000); // 403
    expect(events.fatal.map((e) => e.kind)).toEqual(['auth']);
  });

  it('replaces an expired subscription and deletes only ours at shutdown, within the budget', async () => {
    const { clock, f, subs } = setup();
    subs.detach(); // no renewals: let it expire
    await subs.ensureActive(P, new AbortController().signal);
    await clock.advance(101_000);
    const next = await subs.ensureActive(P, new AbortController().signal);
    expect(next.id).toBe('sub-2');
    f.on(/DELETE .*sub-1$/, { status: 404 });
    f.on(/DELETE .*sub-2$/, 'hang');
    let done = false;
    const p = subs.deleteAll().then((ids) => {
      done = true;
      return ids;
    });
    await clock.advance(2_000);
    expect(done).toBe(false);
    await clock.advance(500);
    expect(await p).toEqual(['sub-1']);
    const deleted = f.calls.filter((c) => c.method === 'DELETE').map((c) => c.url.split('/').pop());
    expect(deleted.sort()).toEqual(['sub-1', 'sub-2']);
    expect(f.calls.every((c) => !SUBS.test(c.url) || c.headers.appkey === 'app-key-123')).toBe(true);
  });
});
