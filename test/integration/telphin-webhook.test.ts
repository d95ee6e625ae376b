import { afterEach, describe, expect, it } from 'vitest';
import { removeTelphinSubscriptions, webhookSecret } from '../../src/core/connectors/telphin';
import type { TelphinConnector } from '../../src/core/connectors/telphin/connector';
import { rig, sleep, type Rig } from './telphin-helpers';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

const ours = (rr: Rig) => [...rr.sim.events.values()].filter((e) => e.url.startsWith(`${rr.receiverUrl}/hooks/telphin/`));
const hook = (rr: Rig) => `${rr.receiverUrl}/hooks/telphin/${webhookSecret(rr.config)}`;

async function live(rr: Rig) {
  await rr.waitFor('the source to be live', () => rr.source().status === 'live');
}

describe('Telphin webhook mode against the simulator', () => {
  it('registers login and logout subscriptions for every agent, leaves others\' events alone, and goes live', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    const foreign = r.sim.addEvent('136', { url: 'https://crm.example.com/telphin', method: 'GET', event_type: 'agent-login' });
    await live(r);
    const mine = ours(r);
    expect(mine).toHaveLength(8);
    for (const id of ['136', '137', '138', '201']) {
      const types = mine.filter((e) => e.agentId === id).map((e) => `${e.event_type} ${e.method}`).sort();
      expect(types).toEqual(['agent-login POST', 'agent-logout POST']);
    }
    expect(mine.every((e) => e.url === hook(r!))).toBe(true);
    expect(r.sim.events.get(foreign.id)).toMatchObject({ url: 'https://crm.example.com/telphin', method: 'GET' });
    const src = r.source();
    expect(src.mode).toBe('webhook');
    expect(src.info).toMatchObject({ subscriptions: 8, eventLimit: 100, agentsLocal: 3, agentsRemote: 1 });
    expect(r.engine.snapshot().log!.some((l) => l.kind === 'subscriptions' && /8 created, 0 repaired, 0 duplicates removed; 8 in place/.test(l.text))).toBe(true);
    // initial states come from the agent list
    expect(r.agent('136')).toMatchObject({ name: 'Anna', state: 'available' });
    expect(r.agent('137')).toMatchObject({ state: 'logged_out' });
  });

  it('repairs drifted subscriptions and recreates a deleted one on the next check', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    await live(r);
    const [a, b, c] = ours(r);
    r.sim.driftEvent(a!.id, { method: 'GET' });
    r.sim.driftEvent(b!.id, { url: `${r.receiverUrl}/hooks/telphin/an-old-secret-value` });
    r.sim.events.delete(c!.id);
    const created = r.sim.counters.eventsCreated;
    r.engine.checkAll();
    await r.waitFor('the repair', () => r!.engine.snapshot().log!.find((l) => l.kind === 'subscriptions' && /1 created, 2 repaired/.test(l.text)));
    expect(r.sim.counters.eventsCreated).toBe(created + 1);
    expect(r.sim.counters.eventsUpdated).toBe(2);
    expect(ours(r)).toHaveLength(8);
    expect(ours(r).every((e) => e.url === hook(r!) && e.method === 'POST')).toBe(true);
    expect(r.source().status).toBe('live');
  });

  it('applies POST deliveries: state, event source, one log line per change', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    await live(r);
    const out = await r.sim.setStatus('136', 'logged_out', 'phone');
    expect(out.map((d) => [d.method, d.status])).toEqual([['POST', 204]]);
    expect(r.agent('136')).toMatchObject({ state: 'logged_out', vendorState: 'logged_out', extra: { eventSource: 'phone', agentType: 'local' } });
    await r.sim.setStatus('201', 'logged_out', 'api');
    expect(r.agent('201')).toMatchObject({ state: 'logged_out', extra: { eventSource: 'api', agentType: 'remote' } });
    await r.sim.setStatus('136', 'available', 'api');
    expect(r.agent('136')).toMatchObject({ state: 'available', extra: { eventSource: 'api' } });
    const lines = r.engine.snapshot().log!.filter((l) => l.subjectKey === 'tp:136').map((l) => l.text);
    expect(lines).toEqual(['Anna logged in (seen in the agent list)', 'Anna logged out (from the phone)', 'Anna logged in (via the API)']);
    // a repeated delivery of the same status changes nothing
    await r.sim.deliver(hook(r), 'POST', { agent_id: '136', agent_status: 'available', agent_type: 'local', event_source: 'api' });
    expect(r.engine.snapshot().log!.filter((l) => l.subjectKey === 'tp:136')).toHaveLength(3);
  });

  it('applies GET deliveries (fields in the query string) when subscribed with GET', async () => {
    r = await rig({ webhook: true, pollSec: 30, connector: { webhookMethod: 'GET' } });
    await live(r);
    expect(ours(r).every((e) => e.method === 'GET')).toBe(true);
    const out = await r.sim.setStatus('137', 'available', 'phone');
    expect(out.map((d) => [d.method, d.status])).toEqual([['GET', 204]]);
    expect(r.agent('137')).toMatchObject({ state: 'available', extra: { eventSource: 'phone' } });
    const unknown = await r.sim.deliver(hook(r), 'GET', { agent_id: '137', agent_status: 'on_break', agent_type: 'local' });
    expect(unknown.status).toBe(204);
    expect(r.agent('137')).toMatchObject({ state: 'unknown', vendorState: 'on_break' });
  });

  it('refuses hostile requests — wrong secret 401, malformed 400, flood 429 — without changing the state', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    await live(r);
    const before = JSON.stringify(r.engine.snapshot().agents);
    const wrong = await r.sim.deliver(`${r.receiverUrl}/hooks/telphin/not-the-secret-at-all`, 'POST', { agent_id: '136', agent_status: 'logged_out' });
    expect(wrong.status).toBe(401);
    const rejected0 = r.source().counters!.rejected;
    for (const fields of [{ agent_status: 'logged_out' }, { agent_id: '136' }, { agent_id: '136<x>', agent_status: 'logged_out' }, { agent_id: '136', agent_status: 'logged_out', agent_type: 'robot' }]) {
      expect((await r.sim.deliver(hook(r), 'POST', fields as Record<string, string>)).status).toBe(400);
    }
    const json = await fetch(hook(r), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"agent_id": {"$ne": 1}, "agent_status": "logged_out"}' });
    expect(json.status).toBe(400);
    const big = await fetch(hook(r), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `agent_id=136&agent_status=logged_out&pad=${'x'.repeat(70_000)}` });
    expect(big.status).toBe(413);
    // Every refusal under the source's secret is counted with the source, the oversized body too.
    expect(r.source().counters!.rejected).toBe(rejected0 + 6);
    expect(JSON.stringify(r.engine.snapshot().agents)).toBe(before);
    // flood: valid-looking requests for an unknown agent, far beyond the bucket
    const statuses = await Promise.all(Array.from({ length: 150 }, (_, i) => fetch(`${hook(r!)}?agent_id=${9000 + i}&agent_status=available`).then((x) => x.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(50);
    expect(statuses.every((s) => s === 204 || s === 429)).toBe(true);
    expect(r.source().info!.webhooksRefused).toBe(statuses.filter((s) => s === 429).length);
    expect(r.agent('136')!.state).toBe('available');
    expect(r.source().status).toBe('live');
  });

  describe('refusals are counted with the source and never change the state', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const rejected = (rr: Rig) => rr.source().counters!.rejected;
    const unchanged = (rr: Rig) => {
      const agents = JSON.stringify(rr.engine.snapshot().agents);
      const log = rr.engine.snapshot().log!.length;
      return () => {
        expect(JSON.stringify(rr.engine.snapshot().agents)).toBe(agents);
        expect(rr.engine.snapshot().log!).toHaveLength(log);
      };
    };

    it('a field given both in the query string and in the body: 400 (the body\'s value used to win)', async () => {
      r = await rig({ webhook: true, pollSec: 30 });
      await live(r);
      const check = unchanged(r);
      const count = rejected(r);
      const both = await fetch(`${hook(r)}?agent_id=137`, { method: 'POST', headers: form, body: 'agent_id=136&agent_status=logged_out' });
      expect(both.status).toBe(400);
      expect(await both.text()).toBe('agent_id given both in the query string and in the body');
      const same = await fetch(`${hook(r)}?agent_status=logged_out`, { method: 'POST', headers: form, body: 'agent_id=136&agent_status=logged_out' });
      expect(same.status).toBe(400);
      expect(rejected(r)).toBe(count + 2);
      check();
    });

    it('a wrong method under our secret: 405 with Allow, counted; under another secret: 401, not counted', async () => {
      r = await rig({ webhook: true, pollSec: 30 });
      await live(r);
      const check = unchanged(r);
      let count = rejected(r);
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        const res = await fetch(`${hook(r)}?agent_id=136&agent_status=logged_out`, { method, headers: form, body: 'agent_id=136&agent_status=logged_out' });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, POST');
        expect(rejected(r), method).toBe(++count);
      }
      expect(r.logger.lines.join('\n')).toMatch(/Telphin webhook refused: method PUT not allowed/);
      const wrong = await fetch(`${r.receiverUrl}/hooks/telphin/not-the-secret-at-all?agent_id=136`, { method: 'PUT' });
      expect(wrong.status).toBe(401);
      expect(rejected(r)).toBe(count);
      check();
    });

    it('a value with a control or bidi character: 400 naming the field, the value never repeated raw', async () => {
      r = await rig({ webhook: true, pollSec: 30 });
      await live(r);
      const check = unchanged(r);
      const count = rejected(r);
      const forged = await fetch(hook(r), { method: 'POST', headers: form, body: 'agent_id=136&agent_status=x%0A2026-01-01%20ERROR%20FORGED' });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toBe('agent_status: contains a control or bidirectional-formatting character');
      const viaGet = await fetch(`${hook(r)}?agent_id=136&agent_status=logged_out&extension_name=evil%E2%80%AEtxt.exe`);
      expect(viaGet.status).toBe(400);
      expect(await viaGet.text()).toMatch(/^extension_name: /);
      const c1 = await fetch(hook(r), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agent_id: '136', agent_status: 'logged_out', event_source: 'api\u009b31m' }) });
      expect(c1.status).toBe(400);
      expect(await c1.text()).toMatch(/^event_source: /);
      expect(rejected(r)).toBe(count + 3);
      check();
      // logged (the sample escaped), but no forged line, no raw control or bidi character
      const logged = r.logger.lines.join('\n');
      expect(logged).toMatch(/agent_status: contains a control/);
      expect(logged).not.toMatch(/\n2026-01-01|\u202e|\u009b/);
      // the agent still takes a well-formed delivery
      expect((await r.sim.deliver(hook(r), 'POST', { agent_id: '136', agent_status: 'logged_out' })).status).toBe(204);
      expect(r.agent('136')).toMatchObject({ state: 'logged_out', vendorState: 'logged_out' });
    });
  });

  it('keeps subscriptions on an ordinary stop; removal deletes ours only', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    const foreign = r.sim.addEvent('138', { url: 'https://crm.example.com/telphin', method: 'POST', event_type: 'agent-logout' });
    await live(r);
    await r.engine.stop();
    expect(ours(r)).toHaveLength(8);
    const removed = await removeTelphinSubscriptions(r.config, { log: r.logger });
    expect(removed).toBe(8);
    expect(ours(r)).toHaveLength(0);
    expect([...r.sim.events.values()]).toEqual([foreign]);
  });

  it('restarting keeps and re-checks the subscriptions; unsubscribeAll() removes ours only', async () => {
    let connector: TelphinConnector | null = null;
    r = await rig({ webhook: true, pollSec: 30, onCreate: (c) => (connector = c) });
    const foreign = r.sim.addEvent('201', { url: 'https://crm.example.com/telphin', method: 'POST', event_type: 'agent-login' });
    await live(r);
    const created = r.sim.counters.eventsCreated;
    // A change of anything but the name restarts the source (a new name alone does not).
    await r.engine.setSources([{ ...r.config, pollSec: 31 }]);
    await r.waitFor('the restarted source to check its subscriptions', () => r!.engine.snapshot().log!.filter((l) => l.kind === 'subscriptions').length === 2);
    expect(r.engine.snapshot().log!.filter((l) => l.kind === 'subscriptions').at(-1)!.text).toMatch(/0 created, 0 repaired, 0 duplicates removed; 8 in place/);
    expect(r.sim.counters.eventsCreated).toBe(created);
    expect(await connector!.unsubscribeAll()).toBe(8);
    expect(ours(r)).toHaveLength(0);
    expect([...r.sim.events.values()]).toEqual([foreign]);
  });

  it('reports degraded when the account\'s event limit cannot cover every agent', async () => {
    r = await rig({ webhook: true, pollSec: 30, sim: { eventLimit: 5 } });
    r.sim.addEvent('136', { url: 'https://crm.example.com/telphin', method: 'GET', event_type: 'agent-login' });
    await r.waitFor('degraded', () => r!.source().status === 'degraded');
    expect(r.source().lastError).toMatch(/Telphin allows 5 agent events but 4 agents need 8: 4 login\/logout subscriptions are missing/);
    expect(r.source().problem).toEqual({ code: 'telphin_subscriptions_missing', params: { count: 4 } });
    expect(r.sim.events.size).toBe(5);
    expect(ours(r)).toHaveLength(4);
    // no retry storm: the next check is pollSec away
    const sent = r.sim.counters.apiRequests;
    await sleep(1000);
    expect(r.sim.counters.apiRequests).toBe(sent);
  });

  it('Test connection says whether the event limit covers every agent, without registering anything', async () => {
    r = await rig({ webhook: true, pollSec: 30, sim: { eventLimit: 5 } });
    const short = await r.engine.testSource({ ...r.config, id: 'probe' });
    expect(short).toMatchObject({ ok: true, summary: { code: 'telphin', params: { count: 4, local: 3, remote: 1 } }, details: { mode: 'webhook', eventLimit: 5 } });
    expect(short.message).toContain('Webhook mode needs 8 agent events but the account allows 5');
    expect(short.notes?.[0]).toEqual({ code: 'telphin_webhook_limit', params: { need: 8, limit: 5 } });
    await r.stop();
    r = await rig({ webhook: true, pollSec: 30, sim: { eventLimit: 100 } });
    await live(r); // the running source's own subscriptions are in place
    const events = r.sim.events.size;
    const fits = await r.engine.testSource({ ...r.config, id: 'probe' });
    expect(fits.notes?.[0]).toEqual({ code: 'telphin_webhook', params: { count: 8, url: `${r.receiverUrl}/hooks/telphin/` } });
    expect(fits.notes?.map((n) => n.code)).toEqual(['telphin_webhook', 'telphin_quota']);
    expect(r.sim.events.size).toBe(events);
  });

  it('never writes the client secret or the webhook secret to the log or the snapshot', async () => {
    r = await rig({ webhook: true, pollSec: 30 });
    await live(r);
    await r.sim.setStatus('136', 'logged_out', 'phone');
    await r.sim.deliver(hook(r), 'POST', { agent_status: 'x' });
    await r.sim.deliver(`${r.receiverUrl}/hooks/telphin/not-the-secret-at-all`, 'POST', { agent_id: '1' });
    const secret = webhookSecret(r.config);
    const text = r.logger.lines.join('\n') + JSON.stringify(r.engine.snapshot());
    expect(r.logger.lines.length).toBeGreaterThan(3);
    expect(text).not.toContain(r.sim.clientSecret);
    expect(text).not.toContain(secret);
  });
});
