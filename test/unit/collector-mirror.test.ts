import { describe, expect, it } from 'vitest';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';
import { Mirror, sharedCursor } from '../../src/core/connectors/collector/mirror';
import { agentEvent, logEvent, MAX_LOG_TEXT, unseenLog } from '../../src/core/connectors/collector/mapping';
import { buildTrayModel } from '../../src/core/tray/build';
import { atSite, siteReport } from '../../src/renderer/features/network/report';
import { createTranslator } from '../../src/renderer/i18n/translate';
import { ClientStore } from '../../src/renderer/bridge/store';
import { alertHarness } from './alerts-harness';
import { remoteVerdict } from '../../src/core/connectors/collector/remote-status';
import { parsePatch, parseSnapshot, rejectionReason, type RemotePatch, type RemoteSnapshot } from '../../src/core/connectors/collector/wire';
import { streamUrl } from '../../src/core/connectors/collector/config';
import { closeError, connectError, handshakeError } from '../../src/core/connectors/collector/socket';
import { insecureAddress } from '../../src/core/connectors/collector/insecure';
import { CollectorSourceSchema } from '../../src/shared/sources';
import type { Agent, Source } from '../../src/shared/model';
import { agent as modelAgent, queue, T0 } from '../renderer/helpers/model';

const source = (id: string, extra: Partial<Source> = {}): Source => ({ id, vendor: 'wolkvox', name: id, status: 'live', lastEventAt: T0, lastError: null, ...extra });
/** A remote agent as the collector sends it: time in state and vendor state of its own. */
const agent = (sourceId: string, vendorId: string, extra: Partial<Agent> = {}): Agent => modelAgent(sourceId, vendorId, { stateSince: T0 - 60_000, vendorState: 'Ready', ...extra });
const vendorAlert = (id: string, state: string, queueKey = 'ax:12') => ({
  id,
  ruleId: 'vendor.alert_op',
  metric: 'vendor.alert_op',
  severity: 'critical',
  state,
  subject: { kind: 'queue', key: queueKey },
  value: 3,
  threshold: null,
  since: T0,
  message: 'not enough operators',
  acknowledged: false,
  snoozedUntil: null,
  sourceId: 'ax',
});

function snapshot(parts: Partial<Record<'sources' | 'agents' | 'queues' | 'sites' | 'lines' | 'alerts' | 'log', unknown[]>>): RemoteSnapshot {
  const r = parseSnapshot({ type: 'snapshot', at: T0, sources: [], agents: [], queues: [], sites: [], alerts: [], ...parts });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

function patch(upsert: Record<string, unknown[]>, remove: Record<string, string[]> = {}, log?: unknown[]): RemotePatch {
  const r = parsePatch({ type: 'patch', at: T0, upsert, remove, ...(log ? { log } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** A mirror and the live state it feeds, as the engine would apply its events. */
function harness(id = 'team') {
  const state = new LiveState();
  const mirror = new Mirror(id);
  const vendorAlerts: NormalizedEvent[] = [];
  const apply = (events: NormalizedEvent[]) => {
    for (const ev of events) {
      if (ev.type === 'vendor.alert') vendorAlerts.push(ev);
      else state.apply(id, ev, T0);
    }
  };
  return { state, mirror, vendorAlerts, apply };
}

describe('collector source: mapping remote entities', () => {
  it('keys a mirrored agent by its remote key and rewrites its references to other entities', () => {
    const a = agent('wv', '1001', {
      state: 'on_call',
      call: { id: 'c1', queueKey: 'wv:sales', number: '555', since: T0 - 5000 },
      queues: ['wv:sales', 'wv:support'],
      network: { latencyMs: 120, txJitterMs: 3, rxJitterMs: 4, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '203.0.113.5', sampledAt: T0 - 1000 },
      extra: { calls: 4 },
    });
    const ev = agentEvent('team', a);
    expect(ev).toMatchObject({ type: 'agent', id: 'wv:1001', scope: 'collector' });
    const state = new LiveState();
    state.apply('team', ev, T0);
    expect(state.agents.get('team:wv:1001')).toMatchObject({
      key: 'team:wv:1001',
      sourceId: 'team',
      vendorId: 'wv:1001',
      name: 'Agent 1001',
      state: 'on_call',
      // The remote's time in state, not the time the mirror heard of it.
      stateSince: T0 - 60_000,
      vendorState: 'Ready',
      call: { id: 'c1', queueKey: 'team:wv:sales', number: '555', since: T0 - 5000 },
      queues: ['team:wv:sales', 'team:wv:support'],
      network: { latencyMs: 120, sampledAt: T0 - 1000 },
      extra: { calls: 4 },
    });
  });

  it('keeps agents of two remote sources with the same vendor ids apart, and sites with the same IP', () => {
    const { state, mirror, apply } = harness();
    apply(
      mirror.snapshot(
        snapshot({
          sources: [source('wv'), source('wv2')],
          agents: [agent('wv', '7'), agent('wv2', '7')],
          sites: [
            { key: 'wv:203.0.113.5', sourceId: 'wv', ip: '203.0.113.5', agents: 3, avgLatencyMs: 80, maxLatencyMs: 120, minLatencyMs: 40, rejectionPct: 0 },
            { key: 'wv2:203.0.113.5', sourceId: 'wv2', ip: '203.0.113.5', agents: 2, avgLatencyMs: 90, maxLatencyMs: 130, minLatencyMs: 50, rejectionPct: 1 },
          ],
          lines: [{ key: 'wv:2001', sourceId: 'wv', user: '2001', status: 'ok', txJitterMs: 1, rxJitterMs: 2, txLossPct: 0, rxLossPct: 0 }],
        }),
      ),
    );
    expect([...state.agents.keys()].sort()).toEqual(['team:wv2:7', 'team:wv:7']);
    expect(state.sites.get('team:wv:203.0.113.5')).toMatchObject({ agents: 3, avgLatencyMs: 80 });
    expect(state.sites.get('team:wv2:203.0.113.5')).toMatchObject({ agents: 2, rejectionPct: 1 });
    expect(state.lines.get('team:wv:2001')).toMatchObject({ status: 'ok', rxJitterMs: 2 });
  });

  it('mirrors queue figures as the collector computed them', () => {
    const { state, mirror, apply } = harness();
    const q = queue('ax', '12', { waiting: 4, longestWaitSec: 75, oldestSince: T0 - 75_000, offered: 30, answered: 25, abandoned: 1, serviceLevelPct: 82, agentsAvailable: 2, kind: 'trunk' });
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })], queues: [q] })));
    expect(state.queues.get('team:ax:12')).toMatchObject({ kind: 'trunk', waiting: 4, longestWaitSec: 75, oldestSince: T0 - 75_000, offered: 30, serviceLevelPct: 82, agentsAvailable: 2 });
  });
});

describe('collector source: snapshots and patches', () => {
  it('a patch upserts and removes whole entities; a later snapshot replaces everything', () => {
    const { state, mirror, apply } = harness();
    apply(mirror.snapshot(snapshot({ sources: [source('wv')], agents: [agent('wv', '1'), agent('wv', '2')], queues: [queue('wv', 'q1')] })));
    expect(state.agents.size).toBe(2);

    apply(mirror.patch(patch({ agents: [agent('wv', '1', { state: 'paused', pauseReason: 'Lunch', stateSince: T0 })] }, { agents: ['wv:2'] })).events);
    expect(state.agents.get('team:wv:1')).toMatchObject({ state: 'paused', pauseReason: 'Lunch', stateSince: T0 });
    expect(state.agents.has('team:wv:2')).toBe(false);

    apply(mirror.patch(patch({ agents: [agent('wv', '3')] })).events);
    // The collector resynchronizes: what its new snapshot does not list is gone here too.
    apply(mirror.snapshot(snapshot({ sources: [source('wv')], agents: [agent('wv', '3', { name: 'Renamed' })] })));
    expect([...state.agents.keys()]).toEqual(['team:wv:3']);
    expect(state.agents.get('team:wv:3')!.name).toBe('Renamed');
    expect(state.queues.size).toBe(0);
  });

  it('follows the remote sources, and says when they changed', () => {
    const { mirror } = harness();
    mirror.snapshot(snapshot({ sources: [source('wv'), source('ax')] }));
    // wv's first agent: the mirror now holds something of it (see the starting verdict below).
    expect(mirror.patch(patch({ agents: [agent('wv', '1')] })).statusChanged).toBe(true);
    expect(mirror.patch(patch({ agents: [agent('wv', '2')] })).statusChanged).toBe(false);
    expect(mirror.patch(patch({ sources: [source('wv', { status: 'down', lastError: 'no route' })] })).statusChanged).toBe(true);
    expect(mirror.remoteSources().find((s) => s.id === 'wv')!.status).toBe('down');
    expect(mirror.patch(patch({}, { sources: ['ax'] })).statusChanged).toBe(true);
    expect(mirror.remoteSources().map((s) => s.id)).toEqual(['wv']);
  });

  it('does not mirror again what a remote collector source mirrors (no chains, no loops)', () => {
    const { state, mirror, apply } = harness();
    apply(
      mirror.snapshot(
        snapshot({
          sources: [source('wv'), source('team', { vendor: 'collector' })],
          agents: [agent('wv', '1'), agent('team', 'wv:1')],
          log: [{ id: 1, at: T0, sourceId: 'team', kind: 'agent.login', level: 'info', text: 'x logged in' }],
        }),
      ),
    );
    expect([...state.agents.keys()]).toEqual(['team:wv:1']);
    expect(state.recentLog()).toEqual([]);
  });

  it('mirrors the vendor alerts the collector has firing and ends them when it does', () => {
    const { mirror, vendorAlerts, apply } = harness();
    const latency = { ...vendorAlert('l1', 'firing', 'wv:1'), ruleId: 'agent.latency', metric: 'agent.latency', subject: { kind: 'agent', key: 'wv:1' } };
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })], alerts: [vendorAlert('a1', 'firing'), latency] })));
    // Only the vendor's own alert: the others are this engine's to raise, with the lead's rules. It
    // lasts until the collector says it ended, however long that is.
    expect(vendorAlerts).toEqual([{ type: 'vendor.alert', queueId: 'ax:12', metric: 'vendor.alert_op', validitySec: Infinity, value: 3, message: 'not enough operators' }]);
    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [vendorAlert('a1', 'resolved')] })).events);
    expect(vendorAlerts).toEqual([{ type: 'vendor.alert', queueId: 'ax:12', metric: 'vendor.alert_op', validitySec: 0 }]);

    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [vendorAlert('a2', 'firing', 'ax:13')] })).events);
    apply(mirror.patch(patch({}, { alerts: ['a2'] })).events);
    expect(vendorAlerts.map((e) => e.type === 'vendor.alert' && e.validitySec)).toEqual([Infinity, 0]);

    // Ended while this source was not listening: the next snapshot ends it here.
    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [vendorAlert('a3', 'firing', 'ax:14')] })).events);
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })] })));
    expect(vendorAlerts.map((e) => e.type === 'vendor.alert' && [e.queueId, e.validitySec])).toEqual([
      ['ax:14', Infinity],
      ['ax:14', 0],
    ]);
  });

  it('mirrors the remote Events log once, naming the remote source', () => {
    const { state, mirror, apply } = harness();
    const entry = (id: number, at: number, text: string) => ({ id, at, sourceId: 'tp', kind: 'agent.login', level: 'info', text, subjectKey: 'tp:101', said: [{ code: 'agent_login', params: { name: 'Ana' } }] });
    const sources = [source('tp', { vendor: 'telphin', name: 'Telphin Moscow' })];
    apply(mirror.snapshot(snapshot({ sources, log: [entry(1, T0, 'Ana logged in'), entry(2, T0 + 1, 'Bo logged in')] })));
    apply(mirror.patch(patch({}, {}, [entry(3, T0 + 2, 'Cy logged in')])).events);
    // A reconnect: the snapshot's log repeats what was mirrored already.
    apply(mirror.snapshot(snapshot({ sources, log: [entry(2, T0 + 1, 'Bo logged in'), entry(3, T0 + 2, 'Cy logged in'), entry(4, T0 + 3, 'Di logged in')] })));
    const log = state.recentLog();
    expect(log.map((e) => e.text)).toEqual(['Ana logged in (via Telphin Moscow)', 'Bo logged in (via Telphin Moscow)', 'Cy logged in (via Telphin Moscow)', 'Di logged in (via Telphin Moscow)']);
    expect(log[0]).toMatchObject({ sourceId: 'team', kind: 'agent.login', subjectKey: 'team:tp:101', at: T0, said: [{ code: 'agent_login' }, { code: 'via_source', params: { source: 'Telphin Moscow' } }] });
  });

  it('takes every entry of a log whose last mirrored entry is gone (a restarted collector)', () => {
    const e = (id: number, at: number) => ({ id, at });
    expect(unseenLog([e(1, 10), e(2, 11)], null)).toEqual([e(1, 10), e(2, 11)]);
    expect(unseenLog([e(1, 10), e(2, 11), e(3, 12)], { id: 2, at: 11 })).toEqual([e(3, 12)]);
    expect(unseenLog([e(1, 50), e(2, 51)], { id: 2, at: 11 })).toEqual([e(1, 50), e(2, 51)]);
  });

  it('reads one unusable entity as a rejection and keeps the rest of the frame', () => {
    const r = parsePatch({ type: 'patch', at: T0, upsert: { agents: [agent('wv', '1'), { key: 'wv:2', name: 42 }], queues: [queue('wv', 'q', { waiting: -3 })] }, remove: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.agents.map((a) => a.key)).toEqual(['wv:1']);
    expect(r.value.queues).toEqual([]);
    expect(r.rejected).toMatchObject({ count: 2, first: { reason: expect.stringMatching(/^unusable agent/) }, keys: { agents: ['wv:2'], queues: ['wv:q'] }, unnamed: 0 });
    // One record for the frame, however many: what it was, and the first of them.
    expect(rejectionReason(r.rejected, 'patch')).toMatch(/^2 unusable entities in a patch \(first: unusable agent \(sourceId: /);
    // A state a newer collector knows and this version does not: the agent is kept, its state unknown.
    const newer = parsePatch({ type: 'patch', at: T0, upsert: { agents: [{ ...agent('wv', '1'), state: 'coaching' }] }, remove: {} });
    expect(newer.ok && newer.value.agents[0]!.state).toBe('unknown');
    expect(parseSnapshot({ type: 'snapshot', at: 'now' }).ok).toBe(false);
    expect(parsePatch({ type: 'patch', at: T0, upsert: { agents: 'all' } }).ok).toBe(false);
  });

  it('a remote log line says where it came from in every language', () => {
    const ev = logEvent({ id: 1, at: T0, sourceId: 'wv', kind: 'x', level: 'warning', text: 'Something', said: null }, 'Wolkvox');
    expect(ev).toEqual({ type: 'log', kind: 'x', level: 'warning', at: T0, text: 'Something (via Wolkvox)' });
  });
});

describe('collector source: status from the remote sources', () => {
  it('is live when every remote source is, and degraded naming those that are not', () => {
    expect(remoteVerdict([source('wv'), source('ax', { status: 'stopped' })], 'Collector')).toMatchObject({ status: 'live', message: null, live: 1 });
    // A source connecting for the first time is not news; one retrying after an error is.
    expect(remoteVerdict([source('wv', { status: 'connecting' })], 'Collector').status).toBe('live');
    const v = remoteVerdict(
      [source('wv', { name: 'Wolkvox Bogotá', status: 'down', lastError: 'could not reach wv0031.wolkvox.com' }), source('ax', { status: 'auth_failed' }), source('av', { status: 'connecting', lastError: 'timeout' }), source('tp')],
      'Collector',
    );
    expect(v.status).toBe('degraded');
    expect(v.message).toBe('Collector: 3 sources of the collector are not live: Wolkvox Bogotá is down (could not reach wv0031.wolkvox.com); ax cannot sign in; av is reconnecting (timeout)');
    // One source reads as one (the problems' own plural-aware texts).
    expect(remoteVerdict([source('wv', { status: 'down' })], 'Collector').message).toBe('Collector: 1 source of the collector is not live: wv is down');
    expect(v.problem).toEqual({ code: 'collector_sources', params: { count: 3, sources: 'Wolkvox Bogotá, ax, av' } });
    expect(remoteVerdict([], 'Collector')).toMatchObject({ status: 'degraded', problem: { code: 'collector_empty' } });
  });
});

describe('collector source: address and failures', () => {
  it('finds the stream under the dashboard address, a proxy prefix, or as given, never with a query', () => {
    expect(streamUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/api/stream');
    expect(streamUrl('https://collector.example.com/monitor/')).toBe('wss://collector.example.com/monitor/api/stream');
    expect(streamUrl('wss://collector.example.com/api/stream')).toBe('wss://collector.example.com/api/stream');
    expect(streamUrl('https://collector.example.com/?token=abcdef#/agents')).toBe('wss://collector.example.com/api/stream');
  });

  it('classifies refusals: a token problem stops, an outage retries', () => {
    expect(handshakeError(401, 'c:1', true)).toMatchObject({ kind: 'auth', problem: { code: 'auth_refused' } });
    expect(handshakeError(401, 'c:1', false)).toMatchObject({ kind: 'auth', problem: { code: 'collector_token_missing' } });
    expect(closeError(4401, 'unauthorized', 'c:1', true, false)).toMatchObject({ kind: 'auth', problem: { code: 'auth_refused' } });
    expect(handshakeError(403, 'c:1', false)).toMatchObject({ kind: 'auth', problem: { code: 'collector_forbidden' } });
    expect(handshakeError(404, 'c:1', false)).toMatchObject({ kind: 'config', problem: { code: 'not_found' } });
    expect(handshakeError(502, 'c:1', false)).toMatchObject({ kind: 'transient', problem: { code: 'server_error', params: { status: 502 } } });
    expect(closeError(1001, 'collector shutting down', 'c:1', true, true)).toMatchObject({ kind: 'transient', problem: { code: 'feed_closed' } });
    const refused = connectError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), '127.0.0.1:1');
    expect(refused).toMatchObject({ kind: 'transient', message: 'Collector: could not reach 127.0.0.1:1 (ECONNREFUSED); retrying', problem: { code: 'unreachable', params: { host: '127.0.0.1:1' } } });
  });

  it('refuses plain ws/http to another computer unless the source allows it', () => {
    const cfg = (extra: Record<string, unknown>) => CollectorSourceSchema.parse({ id: 'team', vendor: 'collector', ...extra });
    expect(insecureAddress(cfg({ url: 'http://10.1.2.3:8787' }))).toMatchObject({ kind: 'config', problem: { code: 'insecure_address', params: { scheme: 'http' } } });
    expect(insecureAddress(cfg({ url: 'ws://collector.lan/api/stream' }))?.message).toMatch(/plain ws:\/\/ is only allowed for loopback hosts/);
    expect(insecureAddress(cfg({ url: 'http://10.1.2.3:8787', allowInsecure: true }))).toBeNull();
    expect(insecureAddress(cfg({ url: 'http://127.0.0.1:8787' }))).toBeNull();
    expect(insecureAddress(cfg({ url: 'https://collector.example.com' }))).toBeNull();
  });
});

/** The mirror feeding a live state and an alert engine on a fake clock, routed as the Engine routes a connector's events. */
function teamHarness(settings: Parameters<typeof alertHarness>[0] = {}) {
  const h = alertHarness(settings);
  h.source('team', 'live', { vendor: 'collector', name: 'Team floor' });
  const mirror = new Mirror('team');
  const apply = (events: NormalizedEvent[]) => {
    for (const ev of events) {
      if (ev.type === 'vendor.alert') h.engine.onVendorAlert('team', ev, h.now());
      else if (ev.type === 'upstream') h.engine.onUpstream('team', ev, h.now());
      else h.state.apply('team', ev, h.now());
    }
  };
  return { h, mirror, apply };
}


describe("collector source: the collector's sources down are told here", () => {
  it('raises a remote source’s outage here, and holds back the alerts of what it reported meanwhile', async () => {
    const { h, mirror, apply } = teamHarness({ settings: { rules: [{ id: 'queue.waiting', raiseN: 1, raiseM: 1 }] } });
    const wv = (extra: Partial<Source> = {}) => source('wv', { name: 'Bogotá', ...extra });
    const ax = source('ax', { vendor: 'axialys', name: 'Axialys' });
    apply(mirror.snapshot(snapshot({ sources: [wv(), ax], queues: [queue('wv', 'sales', { waiting: 12 }), queue('ax', '12', { waiting: 12 })] })));
    const wvQueue = 'queue.waiting|team:wv:sales';
    const axQueue = 'queue.waiting|team:ax:12';
    expect(h.alert(wvQueue)).toMatchObject({ state: 'firing', suppressed: false });
    const told = h.notifier.sent.length;

    apply(mirror.patch(patch({ sources: [wv({ status: 'down', lastError: 'could not reach wv0031.wolkvox.com (ECONNREFUSED)', statusSince: h.now() })] })).events);
    // At once: what wv reported is frozen, and its alerts say nothing more; the other remote source's do.
    expect(h.alert(wvQueue)!.suppressed).toBe(true);
    expect(h.alert(axQueue)!.suppressed).toBe(false);
    apply(mirror.patch(patch({ queues: [queue('wv', 'sales', { waiting: 30 })] })).events);

    // Past the rule's 60 s, one alert says why: about that remote source, under this source.
    await h.advance(61_000);
    expect(h.alert('source.down|team:wv')).toMatchObject({
      state: 'firing',
      severity: 'critical',
      subject: { kind: 'source', key: 'team:wv' },
      sourceId: 'team',
      subjectName: 'Wolkvox Bogotá',
      message: 'Wolkvox Bogotá is down: could not reach wv0031.wolkvox.com (ECONNREFUSED)',
      suppressed: false,
    });
    expect(h.notifier.sent.slice(told).map((n) => [n.kind, n.alertIds])).toEqual([['raise', ['source.down|team:wv']]]);
    expect(h.notifier.sent.at(-1)!.body).toMatch(/^Wolkvox Bogotá is down for 1 min: could not reach wv0031\.wolkvox\.com/);
    // This source itself is not down: only its upstream one is.
    expect(h.alert('source.down|team')).toBeUndefined();

    // Back: its outage recovers (it was told) and its entities' alerts speak again.
    apply(mirror.patch(patch({ sources: [wv()] })).events);
    expect(h.alert('source.down|team:wv')!.state).toBe('resolved');
    expect(h.alert(wvQueue)).toMatchObject({ state: 'firing', suppressed: false });
    expect(h.kinds().slice(-1)).toEqual(['recover']);

    // Down again, then gone from the collector: its alert ends quietly.
    apply(mirror.patch(patch({ sources: [wv({ status: 'auth_failed', lastError: 'token refused' })] })).events);
    await h.advance(61_000);
    expect(h.alert('source.down|team:wv')).toMatchObject({ state: 'firing', message: 'Wolkvox Bogotá rejected the credentials: token refused' });
    const before = h.notifier.sent.length;
    apply(mirror.snapshot(snapshot({ sources: [ax], queues: [queue('ax', '12', { waiting: 12 })] })));
    expect(h.alert('source.down|team:wv')!.state).toBe('resolved');
    expect(h.notifier.sent.slice(before).map((n) => n.kind)).toEqual([]);
  });

  it("an upstream source's outage is held back while the link to its collector is down, and told when it is back", async () => {
    const { h, mirror, apply } = teamHarness();
    apply(mirror.snapshot(snapshot({ sources: [source('wv', { status: 'down', lastError: 'no route', statusSince: h.now() - 120_000 })] })));
    // Down there for two minutes already: raised at once, since when it was lost there.
    expect(h.alert('source.down|team:wv')).toMatchObject({ state: 'firing', since: h.now() - 120_000, value: 120 });
    // A remote source between two attempts (connecting, with the last error) is still down.
    apply(mirror.patch(patch({ sources: [source('wv', { status: 'connecting', lastError: 'no route', statusSince: h.now() })] })).events);
    expect(h.alert('source.down|team:wv')!.state).toBe('firing');

    h.source('team', 'down', { lastError: 'could not reach the collector' });
    expect(h.alert('source.down|team:wv')!.suppressed).toBe(true);
    h.source('team', 'live');
    expect(h.alert('source.down|team:wv')!.suppressed).toBe(false);
    // Switched off here: nothing is said of what it saw upstream any more.
    h.source('team', 'stopped');
    expect(h.alert('source.down|team:wv')!.state).toBe('resolved');
  });

  it("the tray names an upstream source's outage by that source, not by the one it is seen through", () => {
    const { h, mirror, apply } = teamHarness();
    apply(mirror.snapshot(snapshot({ sources: [source('wv', { name: 'Bogotá', status: 'down', lastError: 'no route', statusSince: h.now() - 120_000 })] })));
    h.source('team', 'degraded', { lastError: 'Collector: 1 source of the collector is not live: Bogotá is down (no route)' });
    const snap = h.state.snapshot(h.now(), h.engine.list('all'));
    const tray = buildTrayModel(snap, { now: h.now(), notificationsPaused: false });
    expect(tray.topAlerts.map((a) => a.label)).toEqual(['Wolkvox Bogotá is down']);
  });
});

describe('collector source: mirrored vendor alerts', () => {
  it('keeps a mirrored vendor alert while the link is up, however long, and bounds it once the link is lost', async () => {
    const { h, mirror, apply } = teamHarness();
    const ax = source('ax', { vendor: 'axialys', name: 'Axialys' });
    apply(mirror.snapshot(snapshot({ sources: [ax], queues: [queue('ax', '12')], alerts: [vendorAlert('a1', 'firing')] })));
    const id = 'vendor.alert_op|team:ax:12';
    expect(h.alert(id)!.state).toBe('firing');
    // Still firing there hours later (the vendor repeats it there): no end, no false recovery here.
    await h.clock.advance(5 * 3_600_000);
    h.engine.tick(h.now());
    expect(h.alert(id)!.state).toBe('firing');
    expect(h.kinds()).toEqual(['raise']);

    // The link is lost: nothing can tell its end any more, so it lasts an hour at most.
    apply(mirror.linkLost());
    expect(h.alert(id)).toMatchObject({ state: 'firing', value: 3 });
    await h.clock.advance(3_599_000);
    h.engine.tick(h.now());
    expect(h.alert(id)!.state).toBe('firing');
    await h.clock.advance(2_000);
    h.engine.tick(h.now());
    expect(h.alert(id)!.state).toBe('resolved');
  });

  it('ends a vendor alert only when no remote alert keeps it raised', () => {
    const { mirror, vendorAlerts, apply } = harness();
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })], alerts: [vendorAlert('a1', 'firing'), { ...vendorAlert('vip', 'firing'), ruleId: 'vip-op' }] })));
    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [vendorAlert('a1', 'resolved')] })).events);
    expect(vendorAlerts).toEqual([]);
    apply(mirror.patch(patch({}, { alerts: ['vip'] })).events);
    expect(vendorAlerts.map((e) => e.type === 'vendor.alert' && e.validitySec)).toEqual([0]);
  });
});

describe('collector source: entities are mirrored whole', () => {
  it('an update without extra fields or queues clears them, and new extra fields replace the old', () => {
    const { state, mirror, apply } = harness();
    const sources = [source('av', { vendor: 'avaya' })];
    apply(mirror.snapshot(snapshot({ sources, agents: [agent('av', '7', { queues: ['av:sales'], extra: { Skill: 'Sales', 'Calls Held': 3 } })], queues: [queue('av', 'sales', { extra: { a: 1, b: 2 } })] })));
    expect(state.agents.get('team:av:7')).toMatchObject({ queues: ['team:av:sales'], extra: { Skill: 'Sales', 'Calls Held': 3 } });

    // Removed and created again there while this source was away: a new snapshot has it as it is now.
    apply(mirror.snapshot(snapshot({ sources, agents: [agent('av', '7', { extra: { Skill: 'Support' } })], queues: [queue('av', 'sales', { extra: { b: 3 } })] })));
    expect(state.agents.get('team:av:7')!.queues).toBeUndefined();
    expect(state.agents.get('team:av:7')!.extra).toEqual({ Skill: 'Support' });
    expect(state.queues.get('team:av:sales')!.extra).toEqual({ b: 3 });

    apply(mirror.patch(patch({ agents: [agent('av', '7')], queues: [queue('av', 'sales')] })).events);
    expect('extra' in state.agents.get('team:av:7')!).toBe(false);
    expect('extra' in state.queues.get('team:av:sales')!).toBe(false);

    // A vendor connector's partial updates still add to what is held.
    state.apply('wv', { type: 'agent', id: '1', set: { extra: { a: 1 } } }, T0);
    state.apply('wv', { type: 'agent', id: '1', set: { extra: { b: 2 } } }, T0);
    expect(state.agents.get('wv:1')!.extra).toEqual({ a: 1, b: 2 });
  });
});

describe('collector source: mirrored sites', () => {
  const site = (sourceId: string, ip: string, agents = 1) => ({ key: `${sourceId}:${ip}`, sourceId, ip, agents, avgLatencyMs: 80, maxLatencyMs: 120, minLatencyMs: 40, rejectionPct: 0 });
  const net = (ip: string) => ({ latencyMs: 420, txJitterMs: 2, rxJitterMs: 2, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip, sampledAt: T0 });

  it('keep their public IP, stay apart per remote source, and list the agents of their own remote source', () => {
    const { state, mirror, apply } = harness();
    const sources = [source('wv', { name: 'Wolkvox Bogotá' }), source('wv2')];
    apply(
      mirror.snapshot(
        snapshot({
          sources,
          agents: [agent('wv', '1', { name: 'Ana', network: net('203.0.113.5') }), agent('wv2', '1', { name: 'Bo', network: net('203.0.113.5') })],
          sites: [site('wv', '203.0.113.5', 1), site('wv2', '203.0.113.5', 1)],
        }),
      ),
    );
    const wvSite = state.sites.get('team:wv:203.0.113.5')!;
    expect(wvSite).toMatchObject({ key: 'team:wv:203.0.113.5', sourceId: 'team', ip: '203.0.113.5' });
    expect(state.sites.get('team:wv2:203.0.113.5')!.ip).toBe('203.0.113.5');
    const store = new ClientStore(() => undefined);
    for (const [k, v] of state.agents) store.agents.set(k, v);
    store.sources.set('team', { id: 'team', vendor: 'collector', name: 'Team floor', status: 'live', lastEventAt: null, lastError: null });
    const report = siteReport(wvSite, store, createTranslator('en'));
    expect(report).toMatch(/Public IP: 203\.0\.113\.5/);
    expect(report).toMatch(/- Ana — /);
    expect(report).not.toMatch(/- Bo/);
    // A vendor's own site: its agents by source and IP, as always.
    expect(atSite(agent('wv', '9', { network: net('203.0.113.5') }), site('wv', '203.0.113.5'))).toBe(true);
    expect(atSite(agent('wv2', '9', { network: net('203.0.113.5') }), site('wv', '203.0.113.5'))).toBe(false);

    // Removed by its remote key; a snapshot keeps what it lists.
    apply(mirror.patch(patch({}, { sites: ['wv2:203.0.113.5'] })).events);
    expect([...state.sites.keys()]).toEqual(['team:wv:203.0.113.5']);
    apply(mirror.snapshot(snapshot({ sources, sites: [site('wv', '203.0.113.5', 4)] })));
    expect(state.sites.get('team:wv:203.0.113.5')!.agents).toBe(4);
    apply(mirror.snapshot(snapshot({ sources })));
    expect(state.sites.size).toBe(0);
  });
});

describe('collector source: unusable input', () => {
  it('reads a frame of mostly unusable entities as one unusable frame, without reading it all', () => {
    const bad = Array.from({ length: 200_000 }, () => ({}));
    const started = performance.now();
    const r = parsePatch({ type: 'patch', at: T0, upsert: { agents: bad }, remove: {} });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^patch with more than 1000 unusable entities \(first: unusable agent \(/) });
    // Each unusable entity costs a schema error report: reading 200,000 of them took seconds.
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(parseSnapshot({ type: 'snapshot', at: T0, sources: [], agents: bad, queues: [], sites: [], alerts: [] }).ok).toBe(false);
  });

  it('keeps the last good copy of an entity a new snapshot cannot read, and says so until it is replaced', () => {
    const { state, mirror, apply } = harness();
    apply(mirror.snapshot(snapshot({ sources: [source('wv')], agents: [agent('wv', '1'), agent('wv', '2')] })));
    const r = parseSnapshot({ type: 'snapshot', at: T0, sources: [source('wv')], agents: [{ ...agent('wv', '1', { name: 'Ana' }), stateSince: 'soon' }, agent('wv', '2'), { name: 'no key' }], queues: [], sites: [], alerts: [] });
    if (!r.ok) throw new Error(r.reason);
    apply(mirror.snapshot(r.value, r.rejected));
    // Not deleted for one bad field: the last good copy stays.
    expect(state.agents.get('team:wv:1')!.name).toBe('Agent 1');
    expect(mirror.unusable).toBe(2);
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror)).toMatchObject({
      status: 'degraded',
      message: 'Collector: the collector sent 2 entities this version cannot read; their last good copies are kept',
      problem: { code: 'collector_unusable', params: { count: 2 } },
    });
    // A good copy of it replaces it; the one that named no key waits for the next snapshot.
    const p = mirror.patch(patch({ agents: [agent('wv', '1', { name: 'Ana' })] }));
    apply(p.events);
    expect(p.statusChanged).toBe(true);
    expect(state.agents.get('team:wv:1')!.name).toBe('Ana');
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror).message).toBe('Collector: the collector sent 1 entity this version cannot read; its last good copy is kept');
    apply(mirror.snapshot(snapshot({ sources: [source('wv')], agents: [agent('wv', '1')] })));
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror).status).toBe('live');
  });

  it('cuts a mirrored Events line to a sentence', () => {
    const ev = logEvent({ id: 1, at: T0, sourceId: 'wv', kind: 'x', level: 'info', text: 'y'.repeat(5_000_000), said: [{ code: 'error_text', params: { text: 'z'.repeat(10_000) } }] }, 'Wolkvox');
    if (ev.type !== 'log') throw new Error(ev.type);
    expect(ev.text).toBe(`${'y'.repeat(MAX_LOG_TEXT)}… (via Wolkvox)`);
    expect(String(ev.said![0]!.params.text).length).toBe(MAX_LOG_TEXT + 1);
  });
});

describe('collector source: the Events log across restarts of the source', () => {
  it('does not mirror again what a previous connector of the same source mirrored', () => {
    const state = new LiveState();
    const shared = new Map<string, unknown>();
    const entry = (id: number, text: string) => ({ id, at: T0 + id, sourceId: 'wv', kind: 'agent.login', level: 'info', text });
    const sources = [source('wv', { name: 'Wolkvox' })];
    const connect = () => {
      const mirror = new Mirror('team', sharedCursor(shared, 'team'));
      return (log: unknown[]) => {
        for (const ev of mirror.snapshot(snapshot({ sources, log }))) if (ev.type !== 'upstream') state.apply('team', ev, T0);
      };
    };
    connect()([entry(1, 'Ana logged in'), entry(2, 'Bo logged in')]);
    // The source switched off and on, or its address edited: a new connector, the same log.
    connect()([entry(1, 'Ana logged in'), entry(2, 'Bo logged in'), entry(3, 'Cy logged in')]);
    expect(state.recentLog().map((e) => e.text)).toEqual(['Ana logged in (via Wolkvox)', 'Bo logged in (via Wolkvox)', 'Cy logged in (via Wolkvox)']);
    // Another source's cursor is its own.
    const other = new Mirror('team2', sharedCursor(shared, 'team2'));
    expect(other.snapshot(snapshot({ sources, log: [entry(1, 'Ana logged in')] })).filter((e) => e.type === 'log')).toHaveLength(1);
  });
});

describe('collector source: status from what the mirror holds', () => {
  it('is degraded while a remote source is starting and nothing of it is here yet', () => {
    const mirror = new Mirror('team');
    mirror.snapshot(snapshot({ sources: [source('wv', { name: 'Wolkvox Bogotá', status: 'connecting' }), source('ax')], agents: [agent('ax', '1')] }));
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror)).toMatchObject({
      status: 'degraded',
      message: 'Collector: the collector is starting; waiting for Wolkvox Bogotá',
      problem: { code: 'collector_starting', params: { sources: 'Wolkvox Bogotá' } },
    });
    // Beside a source that is down, it is named among those not live.
    mirror.patch(patch({ sources: [source('ax', { status: 'down' })] }));
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror).message).toBe('Collector: 2 sources of the collector are not live: Wolkvox Bogotá is starting; ax is down');
    mirror.patch(patch({ sources: [source('ax')] }));
    // Its first entities: its part of the floor is here.
    expect(mirror.patch(patch({ agents: [agent('wv', '1')] })).statusChanged).toBe(true);
    expect(remoteVerdict(mirror.remoteSources(), 'Collector', mirror).status).toBe('live');
  });

  it('reads any status a collector sends as words, never as a property of an object', () => {
    // A collector's statuses are strings (a newer one may know more of them).
    const odd = (id: string, name: string, status: string) => ({ ...source(id, { name }), status });
    const v = remoteVerdict([odd('av', 'Avaya', 'constructor'), odd('tp', 'Telphin', 'toString'), odd('wv', 'wv', '__proto__')], 'Collector');
    expect(v.message).toBe('Collector: 3 sources of the collector are not live: Avaya is constructor; Telphin is toString; wv is __proto__');
  });
});
