import { describe, expect, it } from 'vitest';
import type { Line } from '../../src/shared/model';
import { ipSortKey, severalSources, sortLines, sortNetworkAgents, sortSites, WORST_FIRST, type MeasuredAgent } from '../../src/renderer/features/network/sort';
import { agent, net, site } from './helpers/model';

const names = new Map([
  ['wv', 'Bogotá'],
  ['av', 'Avaya'],
]);
const sourceName = (id: string) => names.get(id) ?? id;
const line = (sourceId: string, user: string, over: Partial<Line> = {}): Line => ({
  key: `${sourceId}:${user}`,
  sourceId,
  user,
  status: 'Registered',
  txJitterMs: 3,
  rxJitterMs: 3,
  txLossPct: 0,
  rxLossPct: 0,
  ...over,
});

describe('Network view order', () => {
  const measured: MeasuredAgent[] = [
    { a: agent('wv', '1', { name: 'Ángela', network: net(120, { ip: '10.0.0.2', txJitterMs: 40 }) }), level: 'warning' },
    { a: agent('wv', '2', { name: 'bruno', network: net(520, { ip: '9.200.1.1', rejectionPct: null }) }), level: 'critical' },
    { a: agent('av', '3', { name: 'Carla', network: net(null, { ip: null, rxLossPct: 4 }) }), level: 'critical' },
    { a: agent('wv', '4', { name: 'Dora', network: net(60, { ip: '10.0.0.10' }) }), level: 'ok' },
    { a: agent('av', '5', { name: 'angela', network: net(60, { ip: '10.0.0.10' }) }), level: 'ok' },
  ];
  const order = (sort: Parameters<typeof sortNetworkAgents>[1]) => sortNetworkAgents(measured, sort, sourceName).map((a) => a.vendorId);

  it('puts agents worst first: level, then highest latency, then name', () => {
    expect(order(WORST_FIRST)).toEqual(['2', '3', '1', '5', '4']);
  });

  it('sorts agents by a column either way, values a row lacks last, ties by name without case or accents', () => {
    expect(order({ key: 'latency', dir: -1 })).toEqual(['2', '1', '5', '4', '3']);
    expect(order({ key: 'latency', dir: 1 })).toEqual(['5', '4', '1', '2', '3']);
    expect(order({ key: 'name', dir: 1 })).toEqual(['5', '1', '2', '3', '4']);
    expect(order({ key: 'name', dir: -1 })).toEqual(['4', '3', '2', '5', '1']); // equal names keep their order
    expect(order({ key: 'jitter', dir: -1 })).toEqual(['1', '5', '2', '3', '4']);
    expect(order({ key: 'loss', dir: -1 })[0]).toBe('3');
    expect(order({ key: 'rejection', dir: 1 }).at(-1)).toBe('2');
    expect(order({ key: 'source', dir: 1 })).toEqual(['5', '3', '1', '2', '4']); // Avaya before Bogotá
  });

  it('sorts addresses by their numbers, IPv4 before other text, none last', () => {
    expect(order({ key: 'ip', dir: 1 })).toEqual(['2', '1', '5', '4', '3']);
    expect(order({ key: 'ip', dir: -1 })).toEqual(['5', '4', '1', '2', '3']);
    const keys = ['fe80::1', '192.168.1.20', '192.168.1.3', 'pbx.example'].map((ip) => ipSortKey(ip)!);
    expect([...keys].sort()).toEqual([ipSortKey('192.168.1.3'), ipSortKey('192.168.1.20'), ipSortKey('fe80::1'), ipSortKey('pbx.example')]);
    expect(ipSortKey('')).toBeNull();
  });

  it('puts sites worst first by average latency, and sorts them by any column', () => {
    const sites = [
      site('wv', '203.0.113.7', { avgLatencyMs: 90, agents: 12 }),
      site('wv', '198.51.100.9', { avgLatencyMs: 450, agents: 3 }),
      site('av', '192.0.2.1', { avgLatencyMs: null, agents: null }),
    ];
    const ips = (s: Parameters<typeof sortSites>[1]) => sortSites(sites, s, sourceName).map((x) => x.ip);
    expect(ips(WORST_FIRST)).toEqual(['198.51.100.9', '203.0.113.7', '192.0.2.1']);
    expect(ips({ key: 'avg', dir: 1 })).toEqual(['203.0.113.7', '198.51.100.9', '192.0.2.1']);
    expect(ips({ key: 'agents', dir: -1 })).toEqual(['203.0.113.7', '198.51.100.9', '192.0.2.1']);
    expect(ips({ key: 'ip', dir: 1 })).toEqual(['192.0.2.1', '198.51.100.9', '203.0.113.7']);
  });

  it('puts lines worst first by loss either way, then jitter, and sorts them by any column', () => {
    const lines = [
      line('wv', 'trunk-a', { rxLossPct: 3, txJitterMs: 1 }),
      line('wv', 'trunk-b', { txLossPct: 3, rxJitterMs: 80 }),
      line('wv', 'trunk-c', { txLossPct: null, rxLossPct: null, status: null }),
      line('wv', 'trunk-d'),
    ];
    const users = (s: Parameters<typeof sortLines>[1]) => sortLines(lines, s, sourceName).map((l) => l.user);
    expect(users(WORST_FIRST)).toEqual(['trunk-b', 'trunk-a', 'trunk-d', 'trunk-c']);
    expect(users({ key: 'rxJitter', dir: -1 })).toEqual(['trunk-b', 'trunk-a', 'trunk-c', 'trunk-d']);
    expect(users({ key: 'status', dir: 1 }).at(-1)).toBe('trunk-c');
    expect(users({ key: 'user', dir: -1 })).toEqual(['trunk-d', 'trunk-c', 'trunk-b', 'trunk-a']);
  });

  it('tells whether rows come from several sources', () => {
    expect(severalSources([])).toBe(false);
    expect(severalSources([{ sourceId: 'wv' }, { sourceId: 'wv' }])).toBe(false);
    expect(severalSources([{ sourceId: 'wv' }, { sourceId: 'av' }])).toBe(true);
  });
});
