import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startCollector, type Collector } from '../../src/server/collector';
import { SettingsSchema } from '../../src/shared/settings';
import { MAX_ACK_MANY } from '../../src/shared/bridge';
import { MAX_TESTS_IN_FLIGHT } from '../../src/server/stream';
import { memoryLogger } from '../../src/core/util/logger';
import { scriptedRegistry, wolkvoxConfig } from '../fakes/connector';
import { RecordingNotifier } from '../fakes/notifier';
import { until } from '../support/until';

let collector: Collector | null = null;
afterEach(async () => {
  await collector?.stop();
  collector = null;
});

async function start(extra: Record<string, unknown> = {}) {
  const { registry, handle } = scriptedRegistry();
  const settings = SettingsSchema.parse({ sources: [wolkvoxConfig('wv')], ...extra });
  collector = await startCollector({ settings, port: 0, logger: memoryLogger(), engine: { registry } });
  return { c: collector, handle };
}

function collect(ws: WebSocket) {
  const messages: any[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  return messages;
}

/** A request with the headers a browser page would send (fetch cannot set Host). */
function raw(url: string, opts: { method?: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('collector HTTP API', () => {
  it('serves health and snapshot with the contract fields', async () => {
    const { c, handle } = await start();
    handle.emit('wv', [{ type: 'agent', id: '1001', set: { name: 'Ana', state: 'available' } }]);
    const health = await (await fetch(`${c.url}/api/health`)).json();
    expect(health.ok).toBe(true);
    expect(health.sources[0]).toMatchObject({ id: 'wv', vendor: 'wolkvox', name: 'wv', status: 'live', lastError: null });
    const snap = await (await fetch(`${c.url}/api/snapshot`)).json();
    expect(Object.keys(snap)).toEqual(expect.arrayContaining(['at', 'sources', 'agents', 'queues', 'sites', 'alerts']));
    expect(snap.agents[0]).toMatchObject({ key: 'wv:1001', sourceId: 'wv', vendorId: '1001', name: 'Ana', state: 'available' });
  });

  it('answers 404, 405 and 400 with JSON errors', async () => {
    const { c } = await start();
    const r404 = await fetch(`${c.url}/api/nothing`);
    expect(r404.status).toBe(404);
    expect((await r404.json()).error).toMatch(/unknown route/);
    const r405 = await fetch(`${c.url}/api/snapshot`, { method: 'POST' });
    expect(r405.status).toBe(405);
    expect(r405.headers.get('allow')).toBe('GET');
    // Outside the API too: an unknown route is 404 whatever the method.
    expect((await fetch(`${c.url}/nope`, { method: 'POST' })).status).toBe(404);
    // The stream answered over plain HTTP says it is a WebSocket; other methods are 405.
    const plain = await fetch(`${c.url}/api/stream`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect((await fetch(`${c.url}/api/stream`, { method: 'POST' })).status).toBe(405);
    const bad = await fetch(`${c.url}/api/alerts/snooze`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/JSON/);
    const badState = await fetch(`${c.url}/api/alerts?state=sometimes`);
    expect(badState.status).toBe(400);
    const badSnooze = await fetch(`${c.url}/api/alerts/snooze`, { method: 'POST', body: JSON.stringify({ minutes: 'ten' }) });
    expect(badSnooze.status).toBe(400);
    expect((await badSnooze.json()).error).toMatch(/minutes/);
    // A misspelled field would widen a snooze of one alert to all of them: refused instead.
    const misspelled = await fetch(`${c.url}/api/alerts/snooze`, { method: 'POST', body: JSON.stringify({ minutes: 60, alertID: 'a1' }) });
    expect(misspelled.status).toBe(400);
    expect((await misspelled.json()).error).toMatch(/alertID/);
    // Several values of one parameter: refused, whatever their order.
    expect((await fetch(`${c.url}/api/alerts?state=all&state=bogus`)).status).toBe(400);
    expect((await fetch(`${c.url}/api/alerts?state=bogus&state=all`)).status).toBe(400);
  });

  it('answers a client that never finishes its headers 408 within the timeout, and frees its connection though the client keeps its side open', async () => {
    const { c } = await start();
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(c.url).port), allowHalfOpen: true });
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    await ended;
    const took = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(took).toBeGreaterThanOrEqual(9_000);
    expect(took).toBeLessThan(16_000); // Node's own check every 30 s took up to 40 s
    const open = () => new Promise<number>((resolve) => c.server.getConnections((_e, n) => resolve(n)));
    for (let i = 0; i < 50 && (await open()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await open()).toBe(0);
    socket.destroy();
  }, 20_000);

  it('acknowledges a vendor alert through the API and answers the updated alert', async () => {
    const { c, handle } = await start();
    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' }]);
    const firing = await (await fetch(`${c.url}/api/alerts?state=firing`)).json();
    expect(firing).toHaveLength(1);
    const res = await fetch(`${c.url}/api/alerts/${encodeURIComponent(firing[0].id)}/ack`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: firing[0].id, acknowledged: true, metric: 'vendor.alert_op', severity: 'critical' });
    expect((await fetch(`${c.url}/api/alerts/nope/ack`, { method: 'POST' })).status).toBe(404);
    // Taken back (an extension of the contract's API).
    const undo = await fetch(`${c.url}/api/alerts/${encodeURIComponent(firing[0].id)}/unack`, { method: 'POST' });
    expect(await undo.json()).toMatchObject({ id: firing[0].id, acknowledged: false });
    expect((await fetch(`${c.url}/api/alerts/nope/unack`, { method: 'POST' })).status).toBe(404);
  });

  it("acknowledges an alert from a desktop notification's button, as the dashboard would", async () => {
    const { registry, handle } = scriptedRegistry();
    const settings = SettingsSchema.parse({ sources: [wolkvoxConfig('wv')], alerts: { groupWindowSec: 0 } });
    const shown: Record<string, unknown>[] = [];
    // macOS's notifier answers when the lead clicks "Acknowledge".
    const backend = {
      notify(options: Record<string, unknown>, cb: (err: Error | null, response?: string, metadata?: Record<string, unknown>) => void) {
        shown.push(options);
        setImmediate(() => cb(null, 'activate', { activationType: 'actionClicked', activationValue: 'Acknowledge' }));
      },
    };
    collector = await startCollector({ settings, port: 0, logger: memoryLogger(), engine: { registry }, notify: 'desktop', notifierBackend: { platform: 'darwin', load: async () => backend } });
    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' }]);
    let firing: { acknowledged: boolean }[] = [];
    for (let i = 0; i < 100 && !firing[0]?.acknowledged; i++) {
      await new Promise((r) => setTimeout(r, 20));
      firing = await (await fetch(`${collector.url}/api/alerts?state=firing`)).json();
    }
    expect(firing).toMatchObject([{ acknowledged: true }]);
    expect(shown[0]).toMatchObject({ actions: ['Acknowledge', 'Snooze 1 h'], wait: true });
  });

  it('saving one part of a settings section leaves the other parts as they were', async () => {
    const { c } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await new Promise<void>((res) => ws.once('open', () => res()));
    let id = 0;
    const invoke = async (channel: string, payload: unknown) => {
      const mine = ++id;
      ws.send(JSON.stringify({ type: 'invoke', id: mine, channel, payload }));
      return (await until(() => messages.find((m) => m.type === 'result' && m.id === mine))) as { ok: boolean; value: { alerts: Record<string, unknown>; ui: Record<string, unknown> } };
    };
    const rules = [{ id: 'queue.waiting', warning: 8, critical: 15 }];
    expect(await invoke('settings:update', { alerts: { rules, cooldownMin: 20 } })).toMatchObject({ ok: true });
    expect(await invoke('settings:update', { alerts: { quietHours: { windows: [{ days: [0, 6], start: '00:00', end: '00:00' }], allowCritical: true } } })).toMatchObject({ ok: true });
    expect(await invoke('settings:update', { ui: { theme: 'dark' } })).toMatchObject({ ok: true });
    const last = await invoke('settings:update', { ui: { language: 'fr' } });
    ws.close();
    expect(last.value.alerts).toMatchObject({ rules, cooldownMin: 20, quietHours: { allowCritical: true } });
    expect(last.value.ui).toMatchObject({ theme: 'dark', language: 'fr' });
  });

  it('tells every dashboard when the settings change, with a revision that says which view is newer', async () => {
    const { c } = await start();
    const open = async () => {
      const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
      const messages = collect(ws);
      await new Promise<void>((res) => ws.once('open', () => res()));
      return { ws, messages };
    };
    const a = await open();
    const b = await open();
    let id = 0;
    const invoke = async (channel: string, payload: unknown) => {
      const mine = ++id;
      a.ws.send(JSON.stringify({ type: 'invoke', id: mine, channel, payload }));
      return (await until(() => a.messages.find((m) => m.type === 'result' && m.id === mine))) as { ok: boolean; value: { revision: number } };
    };
    const first = await invoke('settings:get', null);
    // The view is the dashboard's: no secret of any source in it, pushed or answered.
    expect(JSON.stringify(first)).not.toContain('tok-test-123456');
    // Reading changes nothing and tells nobody.
    await invoke('snapshot:get', null);
    expect(b.messages.filter((m) => m.type === 'settings')).toEqual([]);

    const paused = await invoke('alerts:pause-notifications', { paused: true });
    expect(paused.ok).toBe(true);
    const told = await until(() => b.messages.find((m) => m.type === 'settings'));
    expect(told.settings.alerts.notificationsPaused).toBe(true);
    expect(told.settings.revision).toBeGreaterThan(first.value.revision);
    // Numbered by this run of the collector: the same epoch in answers and events.
    expect(told.settings.epoch).toEqual(expect.any(String));
    expect(told.settings.epoch).toBe((first.value as unknown as { epoch: string }).epoch);
    // The one that made the change is told as well (its answer and the event may cross).
    expect(a.messages.filter((m) => m.type === 'settings')).toHaveLength(1);

    const saved = await invoke('settings:update', { alerts: { quietHours: { windows: [{ days: [1], start: '20:00', end: '08:00' }], allowCritical: false } } });
    const second = await until(() => b.messages.filter((m) => m.type === 'settings')[1]);
    expect(second.settings.alerts.quietHours).toMatchObject({ allowCritical: false });
    expect(second.settings.revision).toBe(saved.value.revision);
    expect(second.settings.revision).toBeGreaterThan(told.settings.revision);

    // A refused change changes nothing and tells nobody; sources are settings too.
    expect((await invoke('settings:update', { alerts: { cooldownMin: 'soon' } })).ok).toBe(false);
    await invoke('sources:remove', { id: 'wv' });
    const third = await until(() => b.messages.filter((m) => m.type === 'settings')[2]);
    expect(third.settings.sources).toEqual([]);
    expect(b.messages.filter((m) => m.type === 'settings')).toHaveLength(3);
    expect(JSON.stringify(b.messages.filter((m) => m.type === 'settings'))).not.toContain('tok-test-123456');
    a.ws.close();
    b.ws.close();
  });

  it('sends its notifications to the dashboards too, as the alert engine decided them', async () => {
    const { c, handle } = await start({ alerts: { groupWindowSec: 0 } });
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await new Promise<void>((res) => ws.once('open', () => res()));
    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' }]);
    const n = await until(() => messages.find((m) => m.type === 'notification'));
    ws.close();
    expect(n).toMatchObject({ type: 'notification', kind: 'raise', severity: 'critical', sound: true, alertIds: [expect.stringContaining('vendor.alert_op')] });
    expect(n.title).toMatch(/^Critical: /);
    // The same words in each language, for a browser that reads another than the collector's
    expect(Object.keys(n.texts).sort()).toEqual(['en', 'es', 'fr', 'ru']);
    expect(n.texts.en).toEqual({ title: n.title, body: n.body });
    expect(n.texts.fr.title).toMatch(/^Critique/);
    expect(n.texts.ru.title).not.toBe(n.title);
    // What stays on the host: the buttons' actions and the lifecycles they act on.
    expect(n).not.toHaveProperty('actions');
    expect(n).not.toHaveProperty('lifecycles');
  });

  it('acknowledges several alerts in one request, leaving out ids it does not know, and refuses a malformed list', async () => {
    const { c, handle } = await start();
    handle.emit('wv', [
      { type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' },
      { type: 'vendor.alert', queueId: 'q2', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' },
      { type: 'vendor.alert', queueId: 'q3', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' },
    ]);
    const firing: { id: string }[] = await (await fetch(`${c.url}/api/alerts?state=firing`)).json();
    expect(firing).toHaveLength(3);
    const [a, b, rest] = firing.map((x) => x.id);
    const res = await fetch(`${c.url}/api/alerts/ack`, { method: 'POST', body: JSON.stringify({ ids: [a, b, 'nope', a] }) });
    expect(res.status).toBe(200);
    const acked: { id: string; acknowledged: boolean }[] = await res.json();
    expect(acked.map((x) => [x.id, x.acknowledged])).toEqual([
      [a, true],
      [b, true],
    ]);
    const now: { id: string; acknowledged: boolean }[] = await (await fetch(`${c.url}/api/alerts?state=firing`)).json();
    expect(now.filter((x) => x.acknowledged).map((x) => x.id).sort()).toEqual([a, b].sort());
    expect(now.find((x) => x.id === rest)?.acknowledged).toBe(false);
    for (const body of ['{"ids":[]}', '{"ids":"x"}', '{"ids":[1]}', '{"ids":[""]}', '{"ids":["x"],"more":1}', `{"ids":${JSON.stringify(Array(1001).fill('x'))}}`, '[]', 'nope']) {
      const bad = await fetch(`${c.url}/api/alerts/ack`, { method: 'POST', body });
      expect(bad.status, body.slice(0, 30)).toBe(400);
    }
    expect((await (await fetch(`${c.url}/api/alerts?state=firing`)).json()).filter((x: { acknowledged: boolean }) => x.acknowledged)).toHaveLength(2);
  });

  it('exports one source’s alerts as CSV with ?source=, and every alert without it', async () => {
    const { c, handle } = await start();
    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, message: 'not enough operators' }]);
    const csv = async (q: string) => {
      const r = await fetch(`${c.url}/api/alerts/export.csv${q}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      return (await r.text()).split('\r\n').filter(Boolean);
    };
    const all = await csv('');
    expect(all).toHaveLength(2);
    expect(all[1]).toMatch(/^vendor\.alert_op\|wv:q1,/);
    expect(await csv('?source=wv')).toEqual(all);
    expect(await csv('?source=elsewhere')).toEqual([all[0]]); // the header only
    expect((await fetch(`${c.url}/api/alerts/export.csv?source=${'x'.repeat(300)}`)).status).toBe(400);
  });

  it('refuses oversized headers with 431 and never serves files outside the dashboard', async () => {
    const { c } = await start();
    const big = await fetch(`${c.url}/api/health`, { headers: { 'x-big': 'a'.repeat(20_000) } });
    expect(big.status).toBe(431);
    for (const p of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/.env', '/assets/../../package.json']) {
      const r = await fetch(`${c.url}${p}`);
      expect([400, 404, 503]).toContain(r.status);
      expect(await r.text()).not.toMatch(/"devDependencies"/);
    }
  });
});

describe('collector WebSocket stream', () => {
  it('sends a snapshot first, then patches after a change', async () => {
    const { c, handle } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await until(() => messages.length >= 1);
    expect(messages[0].type).toBe('snapshot');
    expect(messages[0].sources[0]).toMatchObject({ id: 'wv', status: 'live' });
    handle.emit('wv', [{ type: 'agent', id: '7', set: { name: 'Bo', state: 'on_call' } }]);
    handle.status('wv', 'degraded', 'rate limited');
    const patch = await until(() => messages.find((m) => m.type === 'patch' && m.upsert.agents));
    expect(patch.upsert.agents[0]).toMatchObject({ key: 'wv:7', state: 'on_call' });
    expect(patch.remove).toEqual({});
    const srcPatch = await until(() => messages.find((m) => m.type === 'patch' && m.upsert.sources?.some((s: any) => s.status === 'degraded')));
    expect(srcPatch.upsert.sources[0].lastError).toBe('rate limited');
    handle.emit('wv', [{ type: 'agent.remove', id: '7' }]);
    const removal = await until(() => messages.find((m) => m.type === 'patch' && m.remove.agents));
    expect(removal.remove.agents).toEqual(['wv:7']);
    ws.close();
  });

  /** Agents with long names, enough of them for a snapshot of about `mb` megabytes. */
  function floorOf(handle: { emit(id: string, events: unknown[]): void }, count: number, tag = 'a') {
    const pad = 'x'.repeat(400);
    // The bulk in a vendor field: names are cut at 200 characters.
    handle.emit('wv', Array.from({ length: count }, (_, i) => ({ type: 'agent', id: `${tag}${i}`, set: { name: `Agent ${tag}${i}`, state: 'available', extra: { note: pad } } })));
  }

  it('sends a big floor’s snapshot in parts of about 0.5 MB to a client that asks, then the patches; whole to one that does not', async () => {
    const { c, handle } = await start();
    floorOf(handle, 4000);
    await until(() => c.engine.state.agents.size === 4000);
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream?parts=1`);
    const raw: string[] = [];
    ws.on('message', (d) => raw.push(d.toString()));
    const first = await until(() => raw[0] && JSON.parse(raw[0]));
    const parts = first.parts as number;
    expect(parts).toBe(Math.ceil((4000 + c.engine.alerts.list('all').length) / 1500));
    await until(() => raw.length >= parts);
    const messages = raw.slice(0, parts).map((t) => JSON.parse(t));
    expect(messages.map((m) => m.type)).toEqual(['snapshot', ...Array(parts - 1).fill('snapshot.part')]);
    for (const t of raw.slice(0, parts)) expect(Buffer.byteLength(t)).toBeLessThan(1024 * 1024);
    const keys = messages.flatMap((m) => m.agents.map((a: { key: string }) => a.key));
    expect(keys).toHaveLength(4000);
    expect(new Set(keys)).toEqual(new Set([...c.engine.state.agents.keys()]));
    expect(first.sources[0]).toMatchObject({ id: 'wv' });
    handle.emit('wv', [{ type: 'agent', id: 'late', set: { name: 'After the parts' } }]);
    const patch = await until(() => raw.slice(parts).map((t) => JSON.parse(t)).find((m) => m.type === 'patch' && m.upsert.agents));
    expect(patch.upsert.agents[0].key).toBe('wv:late');
    ws.close();
    // The contract's stream, for a client that does not ask: one message.
    const plain = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const whole = collect(plain);
    await until(() => whole.length >= 1);
    expect(whole[0].type).toBe('snapshot');
    expect(whole[0].agents).toHaveLength(4001);
    expect('parts' in whole[0]).toBe(false);
    plain.close();
  });

  /** A client whose socket is not read until `resume()`: a page busy with what it already has. */
  async function pausedClient(url: string) {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('upgrade', () => resolve());
      ws.once('error', reject);
    });
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    return { ws, messages, resume: () => socket.resume() };
  }

  it('lets a client read a snapshot of many megabytes without resynchronizing it, patches arriving meanwhile', async () => {
    const { c, handle } = await start();
    floorOf(handle, 24_000);
    c.engine.flush();
    const size = Buffer.byteLength(JSON.stringify(c.engine.snapshot()));
    expect(size).toBeGreaterThan(10 * 1024 * 1024); // well above the 4 MB a client may fall behind by
    const client = await pausedClient(c.url);
    // Changes while the page has not yet read its snapshot: each flush is a patch for it.
    for (let i = 0; i < 5; i++) {
      handle.emit('wv', [{ type: 'agent', id: `a${i}`, set: { state: 'on_call' } }]);
      c.engine.flush();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(c.stream.resyncs).toBe(0);
    client.resume();
    const last = await until(() => client.messages.find((m) => m.type === 'patch' && m.upsert.agents?.some((a: any) => a.key === 'wv:a4')), 20_000);
    expect(last.upsert.agents[0]).toMatchObject({ key: 'wv:a4', state: 'on_call' });
    // One snapshot, then every patch: nothing was skipped.
    expect(client.messages.filter((m) => m.type === 'snapshot')).toHaveLength(1);
    expect(client.messages[0].agents).toHaveLength(24_000);
    const changed = client.messages.filter((m) => m.type === 'patch').flatMap((m) => m.upsert.agents ?? []).map((a: any) => a.key);
    expect(changed).toEqual(['wv:a0', 'wv:a1', 'wv:a2', 'wv:a3', 'wv:a4']);
    expect(c.stream.resyncs).toBe(0);
    client.ws.close();
  });

  it('resynchronizes a client that falls megabytes of patches behind: a fresh snapshot once it has caught up', async () => {
    const { c, handle } = await start();
    const client = await pausedClient(c.url);
    // Twenty patches of 2,000 long-named agents each (about 20 MB) while the page reads nothing.
    for (let round = 0; round < 20; round++) {
      floorOf(handle, 2000, `r${round}-`);
      c.engine.flush();
    }
    await until(() => c.stream.resyncs === 1);
    client.resume();
    // Once drained, the next change brings the whole floor as it is now, not the patches skipped.
    const snapshots = () => client.messages.filter((m) => m.type === 'snapshot');
    for (let i = 0; snapshots().length < 2; i++) {
      if (i > 400) throw new Error('no fresh snapshot');
      handle.emit('wv', [{ type: 'agent', id: 'late', set: { name: 'Late', state: i % 2 ? 'paused' : 'available' } }]);
      c.engine.flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    const fresh = snapshots()[1]!;
    expect(fresh.agents.length).toBeGreaterThanOrEqual(40_000);
    expect(c.stream.resyncs).toBe(1);
    client.ws.close();
  });

  it('carries bridge commands and validates them', async () => {
    const { c } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await until(() => messages.length >= 1);
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'settings:get', payload: null }));
    ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'fs:read', payload: {} }));
    ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'alerts:ack', payload: { id: 5 } }));
    ws.send('not json');
    const r1 = await until(() => messages.find((m) => m.type === 'result' && m.id === 1));
    expect(r1.ok).toBe(true);
    expect(r1.value.sources[0]).toMatchObject({ id: 'wv', vendor: 'wolkvox', secrets: { token: true } });
    expect(JSON.stringify(r1.value)).not.toContain('tok-test-123456');
    const r2 = await until(() => messages.find((m) => m.type === 'result' && m.id === 2));
    expect(r2).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const r3 = await until(() => messages.find((m) => m.type === 'result' && m.id === 3));
    expect(r3).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await until(() => messages.find((m) => m.type === 'error'));
    // The longest "Acknowledge all" the dashboard sends in one message still fits in one.
    ws.send(JSON.stringify({ type: 'invoke', id: 4, channel: 'alerts:ack-many', payload: { ids: Array.from({ length: MAX_ACK_MANY }, (_, i) => `${i}`.padEnd(200, 'x')) } }));
    const r4 = await until(() => messages.find((m) => m.type === 'result' && m.id === 4));
    expect(r4).toMatchObject({ ok: true, value: [] });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('refuses cross-origin browser pages', async () => {
    const { c } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`, { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('closes a client that sends commands without reading the answers, and stays responsive', async () => {
    const { c } = await start();
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    (ws as unknown as { _socket: { pause(): void } })._socket.pause(); // reads nothing from here on
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const ask = JSON.stringify({ type: 'invoke', id: 1, channel: 'snapshot:get', payload: null });
    for (let i = 0; i < 40_000 && c.stream.rejectedMessages === 0; i++) {
      ws.send(ask);
      if (i % 500 === 499) await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => c.stream.rejectedMessages > 0, 15_000);
    expect((await fetch(`${c.url}/api/health`)).status).toBe(200);
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(1008);
  }, 30_000);

  it('runs at most a few tests of connection of one client at once, and refuses ids that are not whole numbers', async () => {
    // Tests of connection that wait (as on a slow vendor) until released.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { registry } = scriptedRegistry();
    registry.wolkvox = { ...registry.wolkvox!, test: async () => (await gate, { ok: true, message: 'reached' }) };
    const c = (collector = await startCollector({ settings: SettingsSchema.parse({ sources: [wolkvoxConfig('wv')] }), port: 0, logger: memoryLogger(), engine: { registry } }));
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const messages = collect(ws);
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send('{"type":"invoke","id":1e400,"channel":"snapshot:get","payload":null}');
    expect(await until(() => messages.find((m) => m.type === 'error'))).toMatchObject({ error: { code: 'invalid_request', message: 'the id of a command must be a whole number' } });
    // One more than the limit at once is refused; the others are answered once the vendor answers; other commands go on meanwhile.
    const test = (id: number) => JSON.stringify({ type: 'invoke', id, channel: 'sources:test', payload: { config: wolkvoxConfig('wv'), previousId: 'wv' } });
    for (let id = 10; id < 10 + MAX_TESTS_IN_FLIGHT + 1; id++) ws.send(test(id));
    const busy = await until(() => messages.find((m) => m.type === 'result' && m.id === 10 + MAX_TESTS_IN_FLIGHT));
    expect(busy).toMatchObject({ ok: false, error: { code: 'failed', message: `too many tests of connection at once (at most ${MAX_TESTS_IN_FLIGHT}): wait for their results` } });
    expect(messages.filter((m) => m.type === 'result' && m.ok)).toHaveLength(0);
    for (let id = 100; id < 150; id++) ws.send(JSON.stringify({ type: 'invoke', id, channel: 'history:get', payload: { key: 'wv:1', metric: 'latencyMs' } }));
    const others = await until(() => {
      const got = messages.filter((m) => m.type === 'result' && m.id >= 100);
      return got.length === 50 && got;
    });
    expect(others.every((m) => !JSON.stringify(m).includes('too many'))).toBe(true);
    release();
    await until(() => messages.filter((m) => m.type === 'result' && m.ok && m.id < 100).length === MAX_TESTS_IN_FLIGHT);
    ws.close();
  });

  it('keeps web pages of other sites out: no cross-site POST, no DNS rebinding, without a token', async () => {
    const { c } = await start();
    const port = new URL(c.url).port;
    const snooze = JSON.stringify({ minutes: 10_080 });
    // A page of another site posts (text/plain needs no preflight): refused, nothing snoozed.
    const crossSite = await raw(`${c.url}/api/alerts/snooze`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: snooze });
    expect(crossSite).toEqual({ status: 403, body: JSON.stringify({ error: 'requests from pages of another origin are refused' }) });
    // A rebound domain names itself in Host (and Origin): the API and the stream refuse it.
    const rebound = { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` };
    expect((await raw(`${c.url}/api/snapshot`, { headers: { host: rebound.host } })).status).toBe(403);
    expect((await raw(`${c.url}/api/alerts/snooze`, { method: 'POST', headers: rebound, body: snooze })).status).toBe(403);
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`, { headers: rebound });
    expect(await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))).toBe(403);
    // The collector's own page, and scripts that send no Origin, by any loopback name.
    const own = await raw(`${c.url}/api/alerts/snooze`, { method: 'POST', headers: { origin: c.url, host: new URL(c.url).host }, body: JSON.stringify({ minutes: 1 }) });
    expect(own.status).toBe(200);
    expect((await raw(`${c.url}/api/health`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect((await raw(`${c.url}/api/health`, { headers: { host: `[::1]:${port}` } })).status).toBe(200);
  });

  it('with an access token, answers by any name (behind a proxy) but still refuses other sites\' pages', async () => {
    const { c } = await start({ server: { accessToken: 'collector-token-0123456789' } });
    const auth = { authorization: 'Bearer collector-token-0123456789' };
    expect((await raw(`${c.url}/api/health`, { headers: { ...auth, host: 'monitor.example.com' } })).status).toBe(200);
    const crossSite = await raw(`${c.url}/api/alerts/snooze`, { method: 'POST', headers: { ...auth, host: 'monitor.example.com', origin: 'https://evil.example' }, body: '{"minutes":5}' });
    expect(crossSite.status).toBe(403);
  });
});

describe('collector access token', () => {
  const TOKEN = 'collector-token-0123456789';

  it('requires the bearer token on /api/* even on loopback, and on the stream', async () => {
    const { c } = await start({ server: { accessToken: TOKEN } });
    expect((await fetch(`${c.url}/api/health`)).status).toBe(401);
    expect((await fetch(`${c.url}/api/health`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${c.url}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const denied = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream`);
    const code = await new Promise<number>((resolve) => denied.on('close', (cd) => resolve(cd)));
    expect(code).toBe(4401);
    const ok = new WebSocket(`${c.url.replace('http', 'ws')}/api/stream?token=${TOKEN}`);
    const messages = collect(ok);
    await until(() => messages.length >= 1);
    expect(messages[0].type).toBe('snapshot');
    ok.close();
  });

  it('refuses to bind a non-loopback address without an access token', async () => {
    const settings = SettingsSchema.parse({});
    await expect(startCollector({ settings, host: '0.0.0.0', port: 0, logger: memoryLogger() })).rejects.toThrow(/server\.accessToken/);
  });
});

describe('collector notifications', () => {
  const raise = (c: Collector) =>
    c.engine.alerts.onVendorAlert('wv', { type: 'vendor.alert', queueId: 'sales', metric: 'vendor.alert_op', validitySec: 300, message: 'overflow' }, Date.now());

  it('speak the language of the settings, else the system\'s', async () => {
    const { registry } = scriptedRegistry();
    const notifier = new RecordingNotifier();
    const settings = SettingsSchema.parse({ sources: [wolkvoxConfig('wv')], ui: { language: 'ru' }, alerts: { groupWindowSec: 0 } });
    collector = await startCollector({ settings, port: 0, logger: memoryLogger(), env: { LANG: 'es_CO.UTF-8' }, engine: { registry, notifier } });
    raise(collector);
    expect(notifier.sent[0]).toMatchObject({ title: 'Критично: Не хватает операторов', actions: [{ label: 'Подтвердить' }, { label: 'Отложить на 1 ч' }] });
    await collector.stop();

    const fromSystem = new RecordingNotifier();
    collector = await startCollector({ settings: SettingsSchema.parse({ sources: [wolkvoxConfig('wv')], alerts: { groupWindowSec: 0 } }), port: 0, logger: memoryLogger(), env: { LANG: 'es_CO.UTF-8' }, engine: { registry: scriptedRegistry().registry, notifier: fromSystem } });
    raise(collector);
    expect(fromSystem.sent[0]!.title).toBe('Crítica: Faltan agentes');
    expect(fromSystem.sent[0]!.body).toBe('Faltan agentes (alerta del proveedor) — sales (Wolkvox wv) · conecte más agentes en sales');
  });
});
