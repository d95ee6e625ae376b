import { describe, expect, it } from 'vitest';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';
import { Mirror } from '../../src/core/connectors/collector/mirror';
import { agentEvent, logEvent, unseenLog } from '../../src/core/connectors/collector/mapping';
import { remoteVerdict } from '../../src/core/connectors/collector/remote-status';
import { parsePatch, parseSnapshot, type RemotePatch, type RemoteSnapshot } from '../../src/core/connectors/collector/wire';
import { streamUrl } from '../../src/core/connectors/collector/config';
import { closeError, connectError, handshakeError } from '../../src/core/connectors/collector/socket';
import { insecureAddress } from '../../src/core/connectors/collector/insecure';
import { CollectorSourceSchema } from '../../src/shared/sources';
import type { Agent, Queue, Source } from '../../src/shared/model';

const T0 = 1_800_000_000_000;

const source = (id: string, extra: Partial<Source> = {}): Source => ({ id, vendor: 'wolkvox', name: id, status: 'live', lastEventAt: T0, lastError: null, ...extra });
const agent = (sourceId: string, vendorId: string, extra: Partial<Agent> = {}): Agent => ({
  key: `${sourceId}:${vendorId}`,
  sourceId,
  vendorId,
  name: `Agent ${vendorId}`,
  state: 'available',
  stateSince: T0 - 60_000,
  pauseReason: null,
  vendorState: 'Ready',
  call: null,
  network: null,
  ...extra,
});
const queue = (sourceId: string, vendorId: string, extra: Partial<Queue> = {}): Queue => ({
  key: `${sourceId}:${vendorId}`,
  sourceId,
  vendorId,
  name: `Queue ${vendorId}`,
  kind: 'queue',
  waiting: 0,
  longestWaitSec: null,
  offered: null,
  answered: null,
  abandoned: null,
  serviceLevelPct: null,
  agentsAvailable: null,
  ...extra,
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
    expect(mirror.patch(patch({ agents: [agent('wv', '1')] })).sourcesChanged).toBe(false);
    expect(mirror.patch(patch({ sources: [source('wv', { status: 'down', lastError: 'no route' })] })).sourcesChanged).toBe(true);
    expect(mirror.remoteSources().find((s) => s.id === 'wv')!.status).toBe('down');
    expect(mirror.patch(patch({}, { sources: ['ax'] })).sourcesChanged).toBe(true);
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
    const alert = (id: string, state: string, queueKey = 'ax:12') => ({
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
    const latency = { ...alert('l1', 'firing', 'wv:1'), ruleId: 'agent.latency', metric: 'agent.latency', subject: { kind: 'agent', key: 'wv:1' } };
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })], alerts: [alert('a1', 'firing'), latency] })));
    // Only the vendor's own alert: the others are this engine's to raise, with the lead's rules.
    expect(vendorAlerts).toEqual([{ type: 'vendor.alert', queueId: 'ax:12', metric: 'vendor.alert_op', validitySec: 3600, value: 3, message: 'not enough operators' }]);
    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [alert('a1', 'resolved')] })).events);
    expect(vendorAlerts).toEqual([{ type: 'vendor.alert', queueId: 'ax:12', metric: 'vendor.alert_op', validitySec: 0 }]);

    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [alert('a2', 'firing', 'ax:13')] })).events);
    apply(mirror.patch(patch({}, { alerts: ['a2'] })).events);
    expect(vendorAlerts.map((e) => e.type === 'vendor.alert' && e.validitySec)).toEqual([3600, 0]);

    // Ended while this source was not listening: the next snapshot ends it here.
    vendorAlerts.length = 0;
    apply(mirror.patch(patch({ alerts: [alert('a3', 'firing', 'ax:14')] })).events);
    apply(mirror.snapshot(snapshot({ sources: [source('ax', { vendor: 'axialys' })] })));
    expect(vendorAlerts.map((e) => e.type === 'vendor.alert' && [e.queueId, e.validitySec])).toEqual([
      ['ax:14', 3600],
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
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/^unusable agent/), expect.stringMatching(/^unusable queue \(waiting/)]);
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
    expect(v.message).toBe(
      "Collector: 3 of the collector's 4 sources are not live: Wolkvox Bogotá is down (could not reach wv0031.wolkvox.com); ax cannot sign in; av is reconnecting (timeout)",
    );
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
