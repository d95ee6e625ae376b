import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { telphinFactory } from '../../src/core/connectors/telphin';
import { memoryLogger } from '../../src/core/util/logger';
import { startTelphinSimulator } from '../../src/simulators/telphin';
import { rig, sleep, TEAM, type Rig } from './telphin-helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

describe('Telphin polling mode against the simulator', () => {
  it('keeps agents, calls and the queue right without webhooks, and says it is polling', async () => {
    r = await rig({ pollSec: 1 });
    await r.waitFor('live', () => r!.source().status === 'live');
    expect(r.source().mode).toBe('polling');
    expect(r.agent('136')).toMatchObject({ name: 'Anna', state: 'available', extra: { agentType: 'local', extension: '000*094@ringme.ru' } });
    expect(r.agent('137')!.state).toBe('logged_out');
    await r.sim.setStatus('137', 'available', 'phone');
    await r.sim.setStatus('201', 'logged_out', 'api');
    const callId = r.sim.startCall('136', { number: '74951112233' });
    r.sim.queueCall({ id: 5000, name: 'Support line' }, '78120000000');
    r.sim.removeAgent('138');
    await r.waitFor('the changes to be polled', () => r!.agent('137')?.state === 'available' && r!.agent('136')?.state === 'on_call' && !r!.agent('138'));
    expect(r.agent('201')!.state).toBe('logged_out');
    expect(r.agent('136')!.call).toMatchObject({ id: callId, number: '74951112233' });
    expect(r.engine.state.queues.get('tp:5000')).toMatchObject({ name: 'Support line', waiting: 1 });
    expect(r.engine.snapshot().log!.some((l) => l.text === 'Boris logged in (seen by polling)')).toBe(true);
    r.sim.endCall(callId);
    await r.waitFor('the call to end', () => r!.agent('136')?.state === 'available');
    expect(r.agent('136')!.call).toBeNull();
    expect(r.sim.counters.byRoute['GET /client/:ref/current_calls/']).toBeGreaterThan(0);
    expect(r.sim.counters.rateLimited).toBe(0);
  });

  it('never exceeds the request quota: it slows down to fit the window', async () => {
    // 5 requests per 2 s window; one cycle costs 3, so polling every second would need 6 per window.
    r = await rig({ pollSec: 1, sim: { quota: { limit: 5, windowMs: 2000 } } });
    await r.waitFor('live', () => r!.source().status === 'live');
    await r.sim.setStatus('137', 'available', 'phone');
    await sleep(5000);
    expect(r.sim.counters.rateLimited).toBe(0);
    // paced, not stopped by the quota gate: the source never had to wait for a reset
    expect(r.logger.lines.filter((l) => /→ degraded/.test(l))).toEqual([]);
    expect(r.sim.counters.maxServedPerWindow).toBeLessThanOrEqual(5);
    expect(r.sim.counters.servedPerWindow.size).toBeGreaterThanOrEqual(2);
    expect(r.agent('137')!.state).toBe('available');
    expect(r.source().info).toMatchObject({ quotaLimit: 5 });
  });

  it('on 429 (quota spent by another application) shows degraded and waits for the reset without retrying', async () => {
    r = await rig({ pollSec: 1, sim: { quota: { limit: 100, windowMs: 3000, resetStyle: 'delta' } } });
    await r.waitFor('live', () => r!.source().status === 'live');
    // spend the quota just after a window opened, so that the next poll meets a 429
    const w = r.sim.quota.windowMs;
    await sleep(w - (Date.now() % w) + 50);
    r.sim.consumeQuota(1000);
    await r.waitFor('degraded', () => r!.source().status === 'degraded');
    expect(r.source().lastError).toMatch(/Telphin request quota used up \(429 rate_limit_exceeded on GET .*limit 100 requests per hour\): waiting/);
    expect(r.source().problem).toEqual({ code: 'quota', params: {} });
    expect(r.sim.counters.rateLimited).toBe(1);
    await r.waitFor('live again after the reset', () => r!.source().status === 'live', 8000);
    expect(r.sim.counters.rateLimited).toBe(1);
  });

  it('counts malformed list items as rejected and stays live', async () => {
    r = await rig({ pollSec: 1 });
    r.sim.junk.local.push({ name: 'no id' }, 'garbage', { id: { $gt: 1 } });
    r.sim.junk.calls.push({ call_flow: 'IN' });
    await r.waitFor('live', () => r!.source().status === 'live');
    await r.waitFor('rejections counted', () => r!.source().counters!.rejected >= 4);
    await sleep(1200);
    expect(r.source().status).toBe('live');
    expect(r.engine.snapshot().agents).toHaveLength(4);
  });

  it('stops with auth_failed on wrong credentials, without a retry storm', async () => {
    r = await rig({ pollSec: 1, config: { clientSecret: 'definitely-not-the-secret' } });
    await r.waitFor('auth_failed', () => r!.source().status === 'auth_failed');
    expect(r.source().lastError).toMatch(/Telphin refused the application credentials \(401 invalid_client\): check the client id and client secret/);
    expect(r.source().problem).toEqual({ code: 'auth_refused', params: {} });
    await sleep(1500);
    expect(r.sim.counters.tokenRequests).toBe(1);
    expect(r.sim.counters.apiRequests).toBe(0);
    expect(r.logger.lines.join('\n')).not.toContain('definitely-not-the-secret');
  });

  it('shows the API down while it fails and retries with backoff, not in a loop', async () => {
    r = await rig({ pollSec: 1 });
    r.sim.failures.api = 'unavailable';
    await r.waitFor('down', () => r!.source().status === 'down');
    expect(r.source().lastError).toMatch(/Telphin API error \(503 service_unavailable\) on GET \/client\/@me\/agent\/local\/; retrying/);
    expect(r.source().problem).toEqual({ code: 'server_error', params: { status: 503 } });
    await sleep(2500);
    expect(r.sim.counters.apiRequests).toBeLessThanOrEqual(3);
    r.sim.failures.api = null;
    r.engine.checkAll();
    await r.waitFor('live again', () => r!.source().status === 'live');
  });

  it('"Test connection" reports the agents found, or what to fix', async () => {
    const sim = await startTelphinSimulator({ agents: TEAM });
    const engine = new Engine({ registry: { telphin: telphinFactory }, logger: memoryLogger() });
    try {
      const base = { id: 'tp', vendor: 'telphin' as const, apiBaseUrl: sim.apiBaseUrl, tokenUrl: sim.tokenUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, clientRef: '@me', pollSec: 120 };
      const ok = await engine.testSource(base);
      expect(ok).toMatchObject({ ok: true, details: { agents: 4, local: 3, remote: 1, mode: 'polling' } });
      expect(ok.message).toMatch(/^Connected to Telphin: 4 queue agents \(3 local, 1 remote\)\. Polling mode/);
      expect(ok.summary).toEqual({ code: 'telphin', params: { count: 4, local: 3, remote: 1 } });
      expect(ok.notes?.map((n) => n.code)).toEqual(['telphin_polling', 'telphin_quota']);
      expect(ok.notes?.[0]).toEqual({ code: 'telphin_polling', params: { seconds: 120 } });
      const bad = await engine.testSource({ ...base, clientSecret: 'wrong-secret-value' });
      expect(bad.ok).toBe(false);
      expect(bad.message).toMatch(/check the client id and client secret/);
      const ref = await engine.testSource({ ...base, clientRef: '999' });
      expect(ref.message).toMatch(/check clientRef/);
      expect([bad.problem?.code, ref.problem?.code]).toEqual(['auth_refused', 'not_found']);
      expect(sim.events.size).toBe(0);
      expect(engine.snapshot().agents).toEqual([]);
    } finally {
      await engine.stop();
      await sim.close();
    }
  });
});
