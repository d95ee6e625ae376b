/**
 * Team mode over real sockets on 127.0.0.1: a collector (the real one, its vendor source scripted) and
 * a local engine with a `collector` source reading it. A scripted stream server stands in for a
 * collector that misbehaves (unreadable frames, a link that goes silent, a resynchronization).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
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

const TOKEN = 'team-token-0123456789abcdef';
const TIMINGS: CollectorTimings = { openTimeoutMs: 2_000, snapshotTimeoutMs: 2_000, pingIntervalMs: 300, pongTimeoutMs: 300, backoffBaseMs: 50, backoffCapMs: 200, stableMs: 60_000 };

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

async function until<T>(fn: () => T | undefined | null | false, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

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
function startLocal(config: SourceConfig, factories: Record<string, unknown> = {}) {
  const logger = memoryLogger();
  const notifier = new RecordingNotifier();
  // Notified at once: no grouping window to wait for.
  const alertSettings = AlertSettingsSchema.parse({ groupWindowSec: 0 });
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
    expect(engine.state.sites.get('team:wv:203.0.113.5')).toMatchObject({ agents: 2, avgLatencyMs: 80 });
    expect(engine.state.lines.get('team:wv:2001')).toMatchObject({ status: 'ok', rxJitterMs: 2 });

    handle.emit('wv', [{ type: 'agent', id: '1001', set: { state: 'on_call' } }, { type: 'agent.remove', id: '1002' }, { type: 'queue', id: 'sales', set: { waiting: 6 } }]);
    await until(() => engine.state.agents.get('team:wv:1001')?.state === 'on_call' && !engine.state.agents.has('team:wv:1002'));
    expect(engine.state.queues.get('team:wv:sales')!.waiting).toBe(6);
    // The collector's time in state, not the time the patch arrived here.
    expect(engine.state.agents.get('team:wv:1001')!.stateSince).toBe(c.engine.state.agents.get('wv:1001')!.stateSince);

    handle.status('wv', 'down', 'could not reach wv0031.wolkvox.com');
    await until(() => source().status === 'degraded');
    expect(source().lastError).toBe("Collector: 1 of the collector's 1 sources is not live: Wolkvox Bogotá is down (could not reach wv0031.wolkvox.com)");
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
      message: `Reached the collector at 127.0.0.1:${c.port}: it reads 1 sources and shows 2 agents and 0 queues.`,
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
    ws.send(JSON.stringify({ type: 'navigate', to: '#/alerts' }));
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
