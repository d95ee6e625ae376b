/**
 * Team mode over real sockets on 127.0.0.1: a collector (the real one, its vendor source scripted) and
 * a local engine with a `collector` source reading it. A scripted stream server stands in for a
 * collector that misbehaves (unreadable frames, a link that goes silent, a resynchronization).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createServer, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { startCollector, type Collector } from '../../src/server/collector';
import { Engine } from '../../src/core/engine';
import { memoryLogger } from '../../src/core/util/logger';
import type { CollectorTimings } from '../../src/core/connectors/collector';
import { AlertSettingsSchema, SettingsSchema } from '../../src/shared/settings';
import { SourceConfigSchema, type SourceConfig } from '../../src/shared/sources';
import type { Source } from '../../src/shared/model';
import { scriptedRegistry, wolkvoxConfig, type ScriptedHandle } from '../fakes/connector';
import { RecordingNotifier } from '../fakes/notifier';
import { until } from '../support/until';

const TOKEN = 'team-token-0123456789abcdef';
const TIMINGS: CollectorTimings = { openTimeoutMs: 2_000, snapshotTimeoutMs: 2_000, pingIntervalMs: 300, pongTimeoutMs: 300, backoffBaseMs: 50, backoffCapMs: 200, stableMs: 60_000 };

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The remote collector: one scripted Wolkvox source "wv", with an access token unless told otherwise. */
async function startRemote(opts: { port?: number; token?: string | null } = {}): Promise<{ c: Collector; handle: ScriptedHandle }> {
  const { registry, handle } = scriptedRegistry();
  const token = opts.token === undefined ? TOKEN : opts.token;
  const settings = SettingsSchema.parse({ sources: [wolkvoxConfig('wv', { name: 'Wolkvox Bogotá' })], ...(token ? { server: { accessToken: token } } : {}) });
  const c = await startCollector({ settings, host: '127.0.0.1', port: opts.port ?? 0, logger: memoryLogger(), engine: { registry, notifier: new RecordingNotifier() } });
  cleanup.push(() => c.stop());
  return { c, handle };
}

function teamConfig(url: string, extra: Record<string, unknown> = {}): SourceConfig {
  return SourceConfigSchema.parse({ id: 'team', vendor: 'collector', name: 'Team collector', url, accessToken: TOKEN, ...extra });
}

/** The lead's engine, reading the collector through the real connector. */
function startLocal(config: SourceConfig, factories: Record<string, unknown> = {}, alerts: Record<string, unknown> = {}) {
  const logger = memoryLogger();
  const notifier = new RecordingNotifier();
  // Notified at once: no grouping window to wait for.
  const alertSettings = AlertSettingsSchema.parse({ groupWindowSec: 0, ...alerts });
  const engine = new Engine({ logger, notifier, alertSettings, factories: { collectorTimings: TIMINGS, ...factories } });
  engine.start([config]);
  cleanup.push(() => engine.stop());
  const source = (): Source => engine.state.sources.get(config.id)!;
  return { engine, logger, notifier, source };
}

const ANA = { type: 'agent', id: '1001', set: { name: 'Ana', state: 'available', vendorState: 'Disponible' } } as const;
const BO = { type: 'agent', id: '1002', set: { name: 'Bo', state: 'paused', pauseReason: 'Lunch' } } as const;

describe('collector source (team mode) against a real collector', () => {
  it('mirrors agents, queues, sites and lines under this source, and follows updates, removals and the remote sources', async () => {
    const { c, handle } = await startRemote();
    handle.emit('wv', [
      ANA,
      BO,
      { type: 'queue', id: 'sales', set: { name: 'Sales', waiting: 2, longestWaitSec: 40 } },
      { type: 'site', ip: '203.0.113.5', set: { agents: 2, avgLatencyMs: 80, maxLatencyMs: 120, minLatencyMs: 40, rejectionPct: 0 } },
      { type: 'line', user: '2001', set: { status: 'ok', txJitterMs: 1, rxJitterMs: 2, txLossPct: 0, rxLossPct: 0 } },
    ]);
    const { engine, source } = startLocal(teamConfig(c.url));
    await until(() => engine.state.agents.size === 2 && source().status === 'live');
    expect(source()).toMatchObject({ id: 'team', vendor: 'collector', name: 'Team collector', status: 'live', lastError: null, mode: 'WebSocket', info: { host: `127.0.0.1:${c.port}`, sources: 1, sourcesLive: 1 } });
    expect(engine.state.agents.get('team:wv:1001')).toMatchObject({ sourceId: 'team', vendorId: 'wv:1001', name: 'Ana', state: 'available', vendorState: 'Disponible' });
    expect(engine.state.agents.get('team:wv:1002')).toMatchObject({ state: 'paused', pauseReason: 'Lunch' });
    expect(engine.state.queues.get('team:wv:sales')).toMatchObject({ name: 'Sales', waiting: 2, longestWaitSec: 40 });
    // Keyed apart from other remote sources' sites, with its public IP as it is.
    expect(engine.state.sites.get('team:wv:203.0.113.5')).toMatchObject({ ip: '203.0.113.5', agents: 2, avgLatencyMs: 80 });
    expect(engine.state.lines.get('team:wv:2001')).toMatchObject({ status: 'ok', rxJitterMs: 2 });

    handle.emit('wv', [{ type: 'agent', id: '1001', set: { state: 'on_call' } }, { type: 'agent.remove', id: '1002' }, { type: 'queue', id: 'sales', set: { waiting: 6 } }]);
    await until(() => engine.state.agents.get('team:wv:1001')?.state === 'on_call' && !engine.state.agents.has('team:wv:1002'));
    expect(engine.state.queues.get('team:wv:sales')!.waiting).toBe(6);
    // The collector's time in state, not the time the patch arrived here.
    expect(engine.state.agents.get('team:wv:1001')!.stateSince).toBe(c.engine.state.agents.get('wv:1001')!.stateSince);

    handle.status('wv', 'down', 'could not reach wv0031.wolkvox.com');
    await until(() => source().status === 'degraded');
    expect(source().lastError).toBe('Collector: 1 source of the collector is not live: Wolkvox Bogotá is down (could not reach wv0031.wolkvox.com)');
    expect(source().problem).toEqual({ code: 'collector_sources', params: { count: 1, sources: 'Wolkvox Bogotá' } });
    expect(source().info).toMatchObject({ sources: 1, sourcesLive: 0 });
    handle.status('wv', 'live', null);
    await until(() => source().status === 'live');
    expect(source().lastError).toBeNull();

    await c.engine.removeSource('wv');
    await until(() => engine.state.agents.size === 0 && source().status === 'degraded');
    expect(engine.state.queues.size + engine.state.sites.size + engine.state.lines.size).toBe(0);
    expect(source().problem).toEqual({ code: 'collector_empty', params: {} });
  });

  it("evaluates the lead's own alert rules on the mirrored data, and mirrors the vendor's own alerts", async () => {
    const { c, handle } = await startRemote();
    handle.emit('wv', [ANA, { type: 'queue', id: 'q1', set: { name: 'Support', waiting: 0 } }]);
    const { engine, notifier } = startLocal(teamConfig(c.url));
    await until(() => engine.state.agents.has('team:wv:1001'));

    const sample = (latencyMs: number, sampledAt: number) => ({ latencyMs, txJitterMs: 2, rxJitterMs: 2, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '203.0.113.5', sampledAt });
    handle.emit('wv', [{ type: 'agent', id: '1001', set: { network: sample(650, Date.now()) } }]);
    // A 5-minute latency poll: one breaching sample raises, here as on the collector.
    const latency = await until(() => engine.alerts.list('firing').find((a) => a.ruleId === 'agent.latency'));
    expect(latency).toMatchObject({ subject: { kind: 'agent', key: 'team:wv:1001' }, severity: 'critical', sourceId: 'team', value: 650 });
    await until(() => notifier.sent.some((n) => n.alertIds.includes(latency.id)), 3_000);

    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 120, value: 1, message: 'not enough operators' }]);
    const vendor = await until(() => engine.alerts.list('firing').find((a) => a.metric === 'vendor.alert_op'));
    expect(vendor).toMatchObject({ subject: { kind: 'queue', key: 'team:wv:q1' }, severity: 'critical' });
    handle.emit('wv', [{ type: 'vendor.alert', queueId: 'q1', metric: 'vendor.alert_op', validitySec: 0 }]);
    await until(() => engine.alerts.get(vendor.id)?.state === 'resolved');
  });

  it('stops at auth_failed on a wrong or missing token without retrying, and never logs the token', async () => {
    const { c } = await startRemote();
    let upgrades = 0;
    c.server.on('upgrade', () => upgrades++);
    const wrong = 'wrong-token-9876543210';
    const { engine, logger, source } = startLocal(teamConfig(c.url, { accessToken: wrong }));
    await until(() => source().status === 'auth_failed');
    expect(source().problem).toEqual({ code: 'auth_refused', params: {} });
    expect(source().lastError).toBe(`Collector at 127.0.0.1:${c.port} refused the access token (close code 4401): check the access token in the Sources view`);
    await pause(600); // three times the backoff cap: a retry loop would have tried again
    expect(upgrades).toBe(1);
    expect(source().status).toBe('auth_failed');
    expect(logger.lines.join('\n')).not.toContain(wrong);
    expect(JSON.stringify(engine.snapshot())).not.toContain(wrong);

    const { source: missing } = startLocal(teamConfig(c.url, { id: 'team2', accessToken: undefined }));
    await until(() => missing().status === 'auth_failed');
    expect(missing().problem).toEqual({ code: 'collector_token_missing', params: {} });
    expect(missing().lastError).toMatch(/requires an access token .*enter the collector's access token/);
  });

  it('is down while the collector is stopped, keeps its picture, and is live again with a fresh one once it is back', async () => {
    const first = await startRemote();
    first.handle.emit('wv', [ANA, BO]);
    const { engine, source } = startLocal(teamConfig(first.c.url));
    await until(() => engine.state.agents.size === 2 && source().status === 'live');
    const port = first.c.port;

    await first.c.stop();
    await until(() => source().status === 'down');
    await until(() => /could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/.test(source().lastError ?? ''), 3_000);
    expect(source().problem).toEqual({ code: 'unreachable', params: { host: `127.0.0.1:${port}` } });
    // The last picture stays (its alerts are suppressed while the source is down) until a new snapshot.
    expect(engine.state.agents.size).toBe(2);

    const second = await startRemote({ port });
    second.handle.emit('wv', [{ type: 'agent', id: '1003', set: { name: 'Cy', state: 'available' } }]);
    await until(() => source().status === 'live' && engine.state.agents.has('team:wv:1003'), 5_000);
    await until(() => engine.state.agents.size === 1);
    expect([...engine.state.agents.keys()]).toEqual(['team:wv:1003']);
  });

  it('reads a loopback collector without a token; an address without a collector stream is down, not retried', async () => {
    const { c, handle } = await startRemote({ token: null });
    handle.emit('wv', [ANA]);
    let upgrades = 0;
    c.server.on('upgrade', () => upgrades++);
    const { engine, source } = startLocal(teamConfig(c.url, { accessToken: undefined }));
    await until(() => source().status === 'live' && engine.state.agents.has('team:wv:1001'));

    const { source: wrongPath } = startLocal(teamConfig(`${c.url}/monitor`, { id: 'team2', accessToken: undefined }));
    await until(() => wrongPath().status === 'down');
    expect(wrongPath().problem).toEqual({ code: 'not_found', params: {} });
    expect(wrongPath().lastError).toBe(`127.0.0.1:${c.port} has no collector stream (HTTP 404 for /api/stream): check the address in the Sources view (the collector's dashboard address)`);
    await pause(600);
    expect(upgrades).toBe(2);
  });

  it('tests the connection: what the collector holds, or why it cannot be read', async () => {
    const { c, handle } = await startRemote();
    handle.emit('wv', [ANA, BO]);
    const { engine } = startLocal(teamConfig(c.url, { enabled: false }));
    const ok = await engine.testSource(teamConfig(c.url));
    expect(ok).toMatchObject({
      ok: true,
      message: `Reached the collector at 127.0.0.1:${c.port}: it reads 1 source. It shows 2 agents now.`,
      summary: { code: 'collector', params: { host: `127.0.0.1:${c.port}`, count: 1 } },
      notes: [{ code: 'collector_agents', params: { count: 2 } }],
      details: { sources: 1, agents: 2, queues: 0 },
    });
    // The test touched nothing: the disabled source is still stopped and empty.
    expect(engine.state.agents.size).toBe(0);

    const refused = await engine.testSource(teamConfig(c.url, { accessToken: 'nope-nope-nope' }));
    expect(refused).toMatchObject({ ok: false, problem: { code: 'auth_refused' } });
    expect(JSON.stringify(refused)).not.toContain('nope-nope-nope');

    const closed = await freePort();
    const unreachable = await engine.testSource(teamConfig(`http://127.0.0.1:${closed}`));
    expect(unreachable).toMatchObject({ ok: false, message: `Collector: could not reach 127.0.0.1:${closed} (ECONNREFUSED).`, problem: { code: 'unreachable' } });

    handle.status('wv', 'auth_failed', 'token refused');
    await pause(100);
    const partly = await engine.testSource(teamConfig(c.url));
    expect(partly).toMatchObject({ ok: true, notes: [{ code: 'collector_agents' }, { code: 'collector_not_live', params: { sources: 'Wolkvox Bogotá' } }] });
  });

  it("tells the lead when a source of the collector is down, and holds back the alerts of its frozen data", async () => {
    const { c, handle } = await startRemote();
    handle.emit('wv', [ANA, { type: 'queue', id: 'sales', set: { name: 'Sales', waiting: 12 } }]);
    const rules = [
      { id: 'source.down', critical: 1 },
      { id: 'queue.waiting', raiseN: 1, raiseM: 1 },
    ];
    const { engine, notifier, source } = startLocal(teamConfig(c.url), {}, { rules });
    const queueAlert = 'queue.waiting|team:wv:sales';
    await until(() => engine.alerts.get(queueAlert)?.state === 'firing');

    handle.status('wv', 'down', 'could not reach wv0031.wolkvox.com (ECONNREFUSED)');
    await until(() => engine.alerts.get(queueAlert)?.suppressed === true);
    const outage = await until(() => engine.alerts.list('firing').find((a) => a.id === 'source.down|team:wv'));
    expect(outage).toMatchObject({ severity: 'critical', subject: { kind: 'source', key: 'team:wv' }, sourceId: 'team', subjectName: 'Wolkvox Bogotá', message: 'Wolkvox Bogotá is down: could not reach wv0031.wolkvox.com (ECONNREFUSED)' });
    await until(() => notifier.sent.some((n) => n.kind === 'raise' && n.alertIds.includes(outage.id)));
    // The link to the collector is fine: this source is degraded, not down.
    expect(source().status).toBe('degraded');
    expect(engine.alerts.get('source.down|team')).toBeUndefined();

    handle.status('wv', 'live', null);
    await until(() => engine.alerts.get(outage.id)?.state === 'resolved');
    expect(engine.alerts.get(queueAlert)).toMatchObject({ state: 'firing', suppressed: false });
  });

  it('mirrors the Events log once, though the source is switched off and on or its address edited', async () => {
    const { c, handle } = await startRemote();
    handle.emit('wv', [{ type: 'log', kind: 'agent.state', text: 'Ana logged in' }]);
    const cfg = teamConfig(c.url) as Extract<SourceConfig, { vendor: 'collector' }>;
    const { engine, source } = startLocal(cfg);
    const copies = () => engine.state.recentLog(2000).filter((e) => e.sourceId === 'team' && e.text === 'Ana logged in (via Wolkvox Bogotá)').length;
    await until(() => copies() === 1 && source().status === 'live');
    await engine.setSources([{ ...cfg, enabled: false }]);
    await engine.setSources([cfg]);
    await until(() => source().status === 'live');
    await engine.setSources([{ ...cfg, url: `${c.url}/` }]);
    await until(() => source().status === 'live');
    // (With an entity change: the collector sends log lines with the next change it sends.)
    handle.emit('wv', [{ type: 'log', kind: 'agent.state', text: 'Bo logged in' }, BO]);
    await until(() => engine.state.recentLog(2000).some((e) => e.text === 'Bo logged in (via Wolkvox Bogotá)'));
    expect(copies()).toBe(1);
  });

  it('is degraded, not live with an empty floor, while a restarted collector waits for its sources', async () => {
    const first = await startRemote();
    first.handle.emit('wv', [ANA, BO]);
    const { engine, source } = startLocal(teamConfig(first.c.url));
    await until(() => source().status === 'live' && engine.state.agents.size === 2);
    const port = first.c.port;
    await first.c.stop();
    await until(() => source().status === 'down');

    const second = await startRemote({ port });
    // Restarted: its vendor source is signing in, and has nothing yet.
    second.handle.status('wv', 'connecting', null);
    await until(() => source().status === 'degraded' && engine.state.agents.size === 0, 5_000);
    expect(source().lastError).toBe('Collector: the collector is starting; waiting for Wolkvox Bogotá');
    expect(source().problem).toEqual({ code: 'collector_starting', params: { sources: 'Wolkvox Bogotá' } });

    second.handle.status('wv', 'live', null);
    second.handle.emit('wv', [ANA]);
    await until(() => source().status === 'live' && engine.state.agents.size === 1);
  });

  it('receives a large snapshot over a slow link: its bytes keep the link and the snapshot deadline alive', async () => {
    const { c, handle } = await startRemote();
    const agents = Array.from({ length: 2000 }, (_, i) => ({ type: 'agent' as const, id: String(10_000 + i), set: { name: `Agent ${i} Lastname`, state: 'available' as const, vendorState: 'Disponible', extra: { 'Calls Answered': 12, Skill: 'Ventas' } } }));
    handle.emit('wv', agents);
    const bytes = JSON.stringify({ type: 'snapshot', ...c.engine.snapshot() }).length;
    // The snapshot takes about 3 s to arrive: longer than the snapshot deadline (2 s) and than a ping
    // and its pong (0.6 s), whose pong waits behind the snapshot's bytes.
    const proxy = await slowProxy(c.port, bytes / 3);
    let upgrades = 0;
    c.server.on('upgrade', () => upgrades++);
    const { engine, source } = startLocal(teamConfig(`http://127.0.0.1:${proxy}`));
    await until(() => source().status === 'live' && engine.state.agents.size === 2000, 15_000);
    expect(upgrades).toBe(1);
  });

  it('never sends the token over plain http to another computer', async () => {
    const opened: string[] = [];
    const factory = (url: string) => {
      opened.push(url);
      throw new Error('no socket may be opened');
    };
    const { engine, source } = startLocal(teamConfig('http://10.1.2.3:8787'), { collectorWebSocket: factory });
    await until(() => source().status === 'down');
    expect(source().problem).toEqual({ code: 'insecure_address', params: { scheme: 'http' } });
    expect(source().lastError).toMatch(/url: plain http:\/\/ is only allowed for loopback hosts/);
    const test = await engine.testSource(teamConfig('http://10.1.2.3:8787'));
    expect(test).toMatchObject({ ok: false, problem: { code: 'insecure_address' } });
    expect(opened).toEqual([]);
  });
});

/** A stream server that speaks the collector's protocol as each test scripts it. */
async function scriptedStream(onConnection: (ws: WebSocket, n: number) => void): Promise<{ url: string; sockets: WebSocket[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/stream' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    onConnection(ws, sockets.length);
  });
  cleanup.push(async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise((r) => wss.close(r));
  });
  const port = (wss.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, sockets };
}

const remoteSource = { id: 'wv', vendor: 'wolkvox', name: 'Wolkvox', status: 'live', lastEventAt: null, lastError: null };
const remoteAgent = (id: string, name: string) => ({ key: `wv:${id}`, sourceId: 'wv', vendorId: id, name, state: 'available', stateSince: 1, pauseReason: null, vendorState: null, call: null, network: null });
const snapshotFrame = (agents: unknown[]) => JSON.stringify({ type: 'snapshot', at: Date.now(), sources: [remoteSource], agents, queues: [], sites: [], alerts: [] });
const patchFrame = (upsert: Record<string, unknown[]>) => JSON.stringify({ type: 'patch', at: Date.now(), upsert, remove: {} });

describe('collector source (team mode) against a collector that misbehaves', () => {
  it('counts unusable frames as rejections and keeps the link, the state and the rest of a frame', async () => {
    const server = await scriptedStream((ws) => ws.send(snapshotFrame([remoteAgent('1', 'Ana')])));
    const { engine, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live');
    const ws = server.sockets[0]!;
    ws.send('this is not JSON');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send('[1, 2]');
    ws.send(JSON.stringify({ type: 'patch', at: 'yesterday' }));
    ws.send(patchFrame({ agents: [remoteAgent('2', 'Bo'), { key: 'wv:3', name: 42 }] }));
    // What the collector tells its dashboards is understood and left alone; a message of a newer collector is counted.
    ws.send(JSON.stringify({ type: 'settings', settings: { alerts: {} } }));
    ws.send(JSON.stringify({ type: 'notification', id: 'n1', kind: 'raise', severity: 'warning', title: 't', body: 'b', alertIds: [], sound: false }));
    ws.send(JSON.stringify({ type: 'navigate', to: '#/alerts' }));
    ws.send(JSON.stringify({ type: 'weather', sky: 'clear' }));
    await until(() => engine.state.agents.has('team:wv:2') && source().counters!.unknown === 1);
    expect(source().counters).toMatchObject({ rejected: 5, unknown: 1 });
    expect(source().status).toBe('live');
    expect(engine.state.agents.get('team:wv:1')!.name).toBe('Ana');
    expect(server.sockets).toHaveLength(1);
  });

  it('reconnects for a new snapshot when the first cannot be read', async () => {
    const server = await scriptedStream((ws, n) => ws.send(n === 1 ? JSON.stringify({ type: 'snapshot', at: 1 }) : snapshotFrame([remoteAgent('1', 'Ana')])));
    const { engine, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live' && engine.state.agents.has('team:wv:1'));
    expect(server.sockets).toHaveLength(2);
    expect(source().counters!.rejected).toBe(1);
  });

  it('replaces everything with a later snapshot (a resynchronized client)', async () => {
    const server = await scriptedStream((ws) => ws.send(snapshotFrame([remoteAgent('1', 'Ana'), remoteAgent('2', 'Bo')])));
    const { engine, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live' && engine.state.agents.size === 2);
    server.sockets[0]!.send(snapshotFrame([remoteAgent('2', 'Bo Renamed'), remoteAgent('3', 'Cy')]));
    await until(() => engine.state.agents.has('team:wv:3'));
    expect([...engine.state.agents.keys()].sort()).toEqual(['team:wv:2', 'team:wv:3']);
    expect(engine.state.agents.get('team:wv:2')!.name).toBe('Bo Renamed');
  });

  it('reads a frame full of unusable entities as one rejection, without stalling', async () => {
    const server = await scriptedStream((ws) => ws.send(snapshotFrame([remoteAgent('1', 'Ana')])));
    const { engine, logger, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live');
    const ws = server.sockets[0]!;
    const started = Date.now();
    ws.send(`{"type":"patch","at":1,"upsert":{"agents":[${Array(200_000).fill('{}').join(',')}]},"remove":{}}`);
    ws.send(patchFrame({ agents: [remoteAgent('2', 'Bo'), { key: 'wv:3' }, { key: 'wv:4' }] }));
    await until(() => engine.state.agents.has('team:wv:2'));
    expect(Date.now() - started).toBeLessThan(3_000);
    // One record per frame: the first frame as a whole, then the second's two unusable agents.
    expect(source().counters!.rejected).toBe(2);
    const records = logger.lines.filter((l) => l.includes('rejected input'));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatch(/patch with more than 1000 unusable entities \(first: unusable agent/);
    expect(records[1]).toMatch(/2 unusable entities in a patch \(first: unusable agent/);
    expect(source().status).toBe('live');
    expect(server.sockets).toHaveLength(1);
  });

  it('keeps the last good copy of an entity a new snapshot cannot read, and is degraded until it is read again', async () => {
    const server = await scriptedStream((ws) => ws.send(snapshotFrame([remoteAgent('1', 'Ana'), remoteAgent('2', 'Bo')])));
    const { engine, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live' && engine.state.agents.size === 2);
    server.sockets[0]!.send(snapshotFrame([{ ...remoteAgent('1', 'Ana Renamed'), stateSince: 'soon' }, remoteAgent('2', 'Bo')]));
    await until(() => source().status === 'degraded');
    expect(engine.state.agents.get('team:wv:1')!.name).toBe('Ana');
    expect(source().problem).toEqual({ code: 'collector_unusable', params: { count: 1 } });
    server.sockets[0]!.send(patchFrame({ agents: [remoteAgent('1', 'Ana Renamed')] }));
    await until(() => source().status === 'live');
    expect(engine.state.agents.get('team:wv:1')!.name).toBe('Ana Renamed');
  });

  it('tests the connection by what it would mirror: not what a collector source of the collector mirrors itself', async () => {
    const chain = { id: 'up', vendor: 'collector', name: 'Upstream', status: 'live', lastEventAt: null, lastError: null };
    const server = await scriptedStream((ws) =>
      ws.send(JSON.stringify({ type: 'snapshot', at: Date.now(), sources: [remoteSource, chain], agents: [remoteAgent('1', 'Ana'), { ...remoteAgent('1', 'Ana'), key: 'up:wv:1', sourceId: 'up' }], queues: [], sites: [], alerts: [] })),
    );
    const { engine } = startLocal(teamConfig(server.url, { enabled: false }));
    const result = await engine.testSource(teamConfig(server.url));
    const host = server.url.slice('http://'.length);
    expect(result).toMatchObject({ ok: true, message: `Reached the collector at ${host}: it reads 2 sources. It shows 1 agent now.`, notes: [{ code: 'collector_agents', params: { count: 1 } }], details: { agents: 1 } });
  });

  it('detects a half-open link by its silence, and reconnects', async () => {
    const server = await scriptedStream((ws) => ws.send(snapshotFrame([remoteAgent('1', 'Ana')])));
    const { engine, source } = startLocal(teamConfig(server.url));
    await until(() => source().status === 'live');
    // The collector's side stops reading: our pings go unanswered, as over a link that died silently.
    (server.sockets[0] as unknown as { _socket: { pause(): void } })._socket.pause();
    await until(() => engine.state.recentLog().some((e) => e.kind === 'source.status' && /stopped answering/.test(e.text)), 3_000);
    await until(() => server.sockets.length === 2 && source().status === 'live', 3_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A loopback proxy to `port` that passes what the server sends at `bytesPerSec` (a slow VPN); what the
 * client sends goes through at once. Answers the proxy's port.
 */
async function slowProxy(port: number, bytesPerSec: number): Promise<number> {
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    const queue: Buffer[] = [];
    let ended = false;
    upstream.on('data', (b: Buffer) => queue.push(b));
    upstream.on('end', () => (ended = true));
    const pace = setInterval(() => {
      let budget = bytesPerSec / 20;
      while (budget > 0 && queue.length) {
        const b = queue[0]!;
        const n = Math.min(b.length, Math.ceil(budget));
        client.write(b.subarray(0, n));
        budget -= n;
        if (n === b.length) queue.shift();
        else queue[0] = b.subarray(n);
      }
      if (ended && !queue.length) client.end();
    }, 50);
    const drop = () => {
      clearInterval(pace);
      upstream.destroy();
      client.destroy();
    };
    client.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  cleanup.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => proxy.close(r));
  });
  return (proxy.address() as { port: number }).port;
}
