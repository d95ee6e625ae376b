import { describe, expect, it } from 'vitest';
import { namedIds, normalizeAgents, normalizeLatency, normalizeSkills } from '../../src/core/connectors/wolkvox/normalize';
import { parseAgents, parseLatency, parseSkills, readEnvelope } from '../../src/core/connectors/wolkvox/parse';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';
import { fixture } from './wolkvox-fixtures';

const NOW = new Date(2026, 10, 21, 9, 0, 0).getTime();

function ok<T>(p: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!p.ok) throw new Error(p.reason);
  return p.value;
}
const latency = (name: string) => ok(parseLatency(readEnvelope(fixture(name))!.data));
const agents = (name: string) => ok(parseAgents(readEnvelope(fixture(name))!.data));
const skills = (name: string) => ok(parseSkills(readEnvelope(fixture(name))!.data));
const apply = (s: LiveState, events: NormalizedEvent[], now = NOW) => events.forEach((e) => s.apply('wv', e, now));

describe('Wolkvox latency normalization', () => {
  it('gives every agent its network sample, with the digits of "1001-Ana Gómez" as id and the suffix as name', () => {
    const s = new LiveState();
    apply(s, normalizeLatency(latency('latency-filled'), NOW));
    expect(s.agents.get('wv:1001')).toMatchObject({
      vendorId: '1001',
      name: 'Ana Gómez',
      network: {
        latencyMs: 300,
        txJitterMs: 12,
        rxJitterMs: 35,
        txLossPct: 0,
        rxLossPct: 2,
        rejectionPct: 1,
        ip: '190.24.10.5',
        sampledAt: new Date(2026, 10, 21, 8, 58, 30).getTime(),
        version: '5.2.1',
        connectionType: 'wifi',
        platform: null,
      },
      extra: { latencyReportId: '1001-Ana Gómez', latencyReportStatus: 'Disponible' },
    });
    // "" last_date → the poll time; a DD/MM/YYYY date is read in Latin-American order.
    expect(s.agents.get('wv:1002')!.network).toMatchObject({ sampledAt: NOW, platform: 'web' });
    expect(s.agents.get('wv:ana.perez')!.network!.sampledAt).toBe(new Date(2026, 10, 21, 8, 59, 0).getTime());
  });

  it('turns by_ip into sites and by_pbx into lines, numbers read from strings', () => {
    const s = new LiveState();
    apply(s, normalizeLatency(latency('latency-filled'), NOW));
    expect(s.sites.get('wv:190.24.10.5')).toEqual({ key: 'wv:190.24.10.5', sourceId: 'wv', ip: '190.24.10.5', agents: 2, avgLatencyMs: 174, maxLatencyMs: 300, minLatencyMs: 48, rejectionPct: 0.5 });
    expect(s.lines.get('wv:troncal-bogota')).toMatchObject({ status: 'Registered', txJitterMs: 3, rxJitterMs: 4, txLossPct: 0.1, rxLossPct: 0 });
  });

  it('a last_date in the future (zone skew) falls back to the poll time; an ISO date with zone is exact', () => {
    const events = normalizeLatency({ agents: [{ ...latency('latency-filled').agents![0]!, last_date: '2026-11-21 10:30:00' }], sites: null, lines: null }, NOW);
    expect((events[0] as Extract<NormalizedEvent, { type: 'agent' }>).set.network!.sampledAt).toBe(NOW);
    const iso = latency('latency-strings').agents![0]!;
    const ev = normalizeLatency({ agents: [iso], sites: null, lines: null }, NOW)[0] as Extract<NormalizedEvent, { type: 'agent' }>;
    expect(ev.set.network!.sampledAt).toBe(Date.UTC(2026, 10, 21, 8, 58, 30));
  });

  it('reads last_date in the source\'s time zone and collects the newest date of a connected agent, as read', () => {
    const base = latency('latency-filled').agents![0]!;
    const rows = [
      { ...base, agent_id: '1', agent_status: 'Disponible', last_date: '2026-11-21 03:55:00' },
      { ...base, agent_id: '2', agent_status: 'En llamada', last_date: '2026-11-21 03:58:00' },
      // Logged out: its last measurement may be hours old and says nothing of the clock.
      { ...base, agent_id: '3', agent_status: 'Desconectado', last_date: '2026-11-21 03:59:59' },
      // No status: nothing known.
      { ...base, agent_id: '4', agent_status: null, last_date: '2026-11-21 03:59:30' },
    ];
    const now = Date.UTC(2026, 10, 21, 9, 0, 0);
    const clock = { newest: null as number | null };
    const events = normalizeLatency({ agents: rows, sites: null, lines: null }, now, new Set(), { timeZone: 'America/Bogota', clock });
    const dated = events.filter((e): e is Extract<NormalizedEvent, { type: 'agent' }> => e.type === 'agent').map((e) => e.set.network!.sampledAt);
    expect(dated).toEqual([Date.UTC(2026, 10, 21, 8, 55), Date.UTC(2026, 10, 21, 8, 58), Date.UTC(2026, 10, 21, 8, 59, 59), Date.UTC(2026, 10, 21, 8, 59, 30)]);
    expect(clock.newest).toBe(Date.UTC(2026, 10, 21, 8, 58));
    // Read as UTC, the same report is five hours off; one in the future is collected as read, and dated by the poll.
    const utc = { newest: null as number | null };
    normalizeLatency({ agents: rows, sites: null, lines: null }, now, new Set(), { timeZone: 'UTC', clock: utc });
    expect(utc.newest).toBe(Date.UTC(2026, 10, 21, 3, 58));
    const tokyo = { newest: null as number | null };
    const ahead = normalizeLatency({ agents: rows, sites: null, lines: null }, Date.UTC(2026, 10, 20, 19, 0), new Set(), { timeZone: 'Asia/Tokyo', clock: tokyo });
    expect(tokyo.newest).toBe(Date.UTC(2026, 10, 20, 18, 58));
    expect((ahead[0] as Extract<NormalizedEvent, { type: 'agent' }>).set.network!.sampledAt).toBe(Date.UTC(2026, 10, 20, 18, 55));
  });

  it('syncs only the parts that were present: sites and lines survive a response without them', () => {
    const s = new LiveState();
    apply(s, normalizeLatency(latency('latency-filled'), NOW));
    apply(s, normalizeLatency(latency('latency-strings'), NOW + 60_000));
    expect([...s.sites.keys()]).toEqual(['wv:190.24.10.5']);
    expect(s.lines.has('wv:troncal-bogota')).toBe(true);
    expect([...s.agents.keys()].sort()).toEqual(['wv:1001', 'wv:1003']);
    expect(s.agents.get('wv:1003')!.name).toBe('Lucía');
  });
});

describe('Wolkvox agents normalization', () => {
  it('maps states, pause reasons and time in state', () => {
    const s = new LiveState();
    apply(s, normalizeAgents(agents('agents'), NOW));
    const a = (id: string) => s.agents.get(`wv:${id}`)!;
    expect(a('1001')).toMatchObject({ name: 'Ana Gómez', state: 'available', vendorState: 'Disponible', stateSince: NOW - 125_000, pauseReason: null });
    expect(a('1002')).toMatchObject({ state: 'on_call', stateSince: NOW - 200_000 });
    expect(a('1003')).toMatchObject({ state: 'paused', pauseReason: 'Almuerzo', stateSince: NOW - 600_000 });
    expect(a('1004')).toMatchObject({ state: 'wrap_up', stateSince: NOW - 15_000 });
    expect(a('1005')).toMatchObject({ state: 'logged_out', stateSince: NOW }); // "" time → stamped on change
    expect(a('1006')).toMatchObject({ state: 'ringing' });
  });

  it('keeps counters as numbers and reads *_time in seconds or HH:MM:SS', () => {
    const s = new LiveState();
    apply(s, normalizeAgents(agents('agents'), NOW));
    expect(s.agents.get('wv:1001')!.extra).toEqual({ agentsReportId: '1001', calls: 14, inbound: 12, outbound: 2, talk_time: 3723, acw_time: 340, aux_time: 900 });
    expect(s.agents.get('wv:1002')!.extra).toMatchObject({ agentsReportId: '1002', calls: 9, talk_time: 3600 });
  });

  it('an unknown status is "unknown" with the raw value; a missing status leaves the state alone; nested values are skipped', () => {
    const s = new LiveState();
    apply(s, normalizeAgents(agents('agents-variants'), NOW));
    expect(s.agents.get('wv:1007')).toMatchObject({ state: 'unknown', vendorState: 'Gestión de correos', stateSince: NOW - 42_000 });
    expect(s.agents.get('wv:1007')!.extra).not.toHaveProperty('nested');
    expect(s.agents.get('wv:1008')).toMatchObject({ state: 'unknown', vendorState: null, name: 'Felipe Moreno' });
    expect(s.agents.get('wv:1001')).toMatchObject({ name: 'Ana', state: 'available', vendorState: 'Ready', stateSince: NOW });
  });

  it('the latency and agents reports land on one agent; agent_name wins over the id suffix', () => {
    const s = new LiveState();
    const agentRecords = agents('agents');
    apply(s, normalizeAgents(agentRecords, NOW));
    apply(s, normalizeLatency(latency('latency-filled'), NOW, namedIds(agentRecords)));
    const ana = s.agents.get('wv:1001')!;
    expect(ana).toMatchObject({ name: 'Ana Gómez', state: 'available', network: { latencyMs: 300 } });
    expect(ana.extra).toMatchObject({ agentsReportId: '1001', latencyReportId: '1001-Ana Gómez' });
    expect(s.agents.size).toBe(7); // 6 from agents + "ana.perez" only in latency
    // The agents report no longer lists 1002: it stays while the latency report lists it, then goes.
    apply(s, normalizeAgents(agentRecords.filter((r) => r.agent_id !== '1002'), NOW));
    expect(s.agents.has('wv:1002')).toBe(true);
    apply(s, normalizeLatency({ agents: [], sites: null, lines: null }, NOW));
    expect(s.agents.has('wv:1002')).toBe(false);
    expect(s.agents.has('wv:1001')).toBe(true);
  });
});

describe('Wolkvox skills normalization', () => {
  it('makes skill queues with waiting, offered/answered/abandoned, service level 20 s and the rest in extra', () => {
    const s = new LiveState();
    apply(s, normalizeSkills(skills('skills')));
    expect(s.queues.get('wv:101')).toMatchObject({
      kind: 'skill',
      name: 'Ventas',
      waiting: 7,
      offered: 140,
      answered: 125,
      abandoned: 15,
      serviceLevelPct: 82.1,
      extra: { serviceLevel10Pct: 70.5, serviceLevel30Pct: 90, abandonRatePct: 10.7 },
    });
    // by_abandon "" → computed from the counters.
    expect(s.queues.get('wv:102')).toMatchObject({ waiting: 2, serviceLevelPct: 88.5, extra: { serviceLevel10Pct: 80, abandonRatePct: 5.9 } });
    expect(s.queues.get('wv:103')).toMatchObject({ name: '103', waiting: 0, extra: { abandonRatePct: null } });
  });

  it('an unusable calls_in_queue_now keeps the last good value; a skill no longer reported disappears', () => {
    const s = new LiveState();
    apply(s, normalizeSkills(skills('skills')));
    const second = skills('skills').map((r) => (r.skill_id === '101' ? { ...r, calls_in_queue_now: null } : r)).filter((r) => r.skill_id !== '103');
    apply(s, normalizeSkills(second));
    expect(s.queues.get('wv:101')!.waiting).toBe(7);
    expect(s.queues.has('wv:103')).toBe(false);
  });
});
