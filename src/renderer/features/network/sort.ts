/**
 * The order of the Network view's three tables (pure, so it is tested without a DOM). Each starts
 * worst first — the agents by their network level then latency, the sites by average latency, the
 * lines by loss then jitter — and any column can sort instead. Values a row does not have go last in
 * either direction; equal values keep a fixed order (name, then key), so live updates never shuffle
 * rows that did not change.
 */
import type { Agent, Line, Site } from '../../../shared/model';
import type { SortState } from '../../components/SortHeader';
import { compareNullable, worse } from '../../lib/format';
import { fold } from '../agents/rows';

export type NetworkLevel = 'critical' | 'warning' | 'ok';
export type AgentSortKey = 'worst' | 'name' | 'source' | 'ip' | 'latency' | 'jitter' | 'loss' | 'rejection';
export type SiteSortKey = 'worst' | 'ip' | 'source' | 'agents' | 'avg' | 'max' | 'min' | 'rejection';
export type LineSortKey = 'worst' | 'user' | 'source' | 'status' | 'txJitter' | 'rxJitter' | 'txLoss' | 'rxLoss';

export interface NetworkSorts {
  agents: SortState<AgentSortKey>;
  sites: SortState<SiteSortKey>;
  lines: SortState<LineSortKey>;
}

export const WORST_FIRST = { key: 'worst', dir: 1 } as const;
export const DEFAULT_SORTS: NetworkSorts = { agents: WORST_FIRST, sites: WORST_FIRST, lines: WORST_FIRST };

const RANK: Record<NetworkLevel, number> = { critical: 0, warning: 1, ok: 2 };
type Value = string | number | null;

/** Sort keys of the addresses seen, each worked out once. */
const ipKeys = new Map<string, string>();

/**
 * An address as it sorts: IPv4 octets by number ("9.1.1.1" before "10.0.0.1"), anything else (IPv6,
 * a host name) by its text, after the IPv4 ones.
 */
export function ipSortKey(ip: string | null | undefined): string | null {
  if (!ip) return null;
  let k = ipKeys.get(ip);
  if (k === undefined) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
    k = m
      ? m
          .slice(1)
          .map((o) => o.padStart(3, '0'))
          .join('.')
      : `~${ip.trim().toLowerCase()}`;
    if (ipKeys.size > 50_000) ipKeys.clear();
    ipKeys.set(ip, k);
  }
  return k;
}

/** `items` by `value` in `dir` (nulls last), ties by `tie`. */
function sortedBy<T>(items: readonly T[], value: (x: T) => Value, dir: 1 | -1, tie: (x: T, y: T) => number): T[] {
  const rows = items.map((x) => ({ x, v: value(x) }));
  rows.sort((p, q) => compareNullable(p.v, q.v, dir) || tie(p.x, q.x));
  return rows.map((r) => r.x);
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export interface MeasuredAgent {
  a: Agent;
  level: NetworkLevel;
}

/** Agents with network measures in the chosen order; `sourceName` names a source id. */
export function sortNetworkAgents(rows: readonly MeasuredAgent[], sort: SortState<AgentSortKey>, sourceName: (id: string) => string): Agent[] {
  // What the order reads, once per row (not once per comparison): the table is sorted again at each
  // change batch, and a big floor has many equal values to break.
  const list = rows.map((r) => ({ a: r.a, rank: RANK[r.level], lat: r.a.network?.latencyMs ?? -1, n: fold(r.a.name) }));
  type Row = (typeof list)[number];
  const tie = (x: Row, y: Row) => (x.n < y.n ? -1 : x.n > y.n ? 1 : byKey(x.a, y.a));
  if (sort.key === 'worst') return list.sort((x, y) => x.rank - y.rank || y.lat - x.lat || tie(x, y)).map((r) => r.a);
  const key = sort.key;
  const value = (r: Row): Value => {
    const n = r.a.network;
    switch (key) {
      case 'name':
        return r.n;
      case 'source':
        return fold(sourceName(r.a.sourceId));
      case 'ip':
        return ipSortKey(n?.ip);
      case 'latency':
        return n?.latencyMs ?? null;
      case 'jitter':
        return worse(n?.txJitterMs, n?.rxJitterMs);
      case 'loss':
        return worse(n?.txLossPct, n?.rxLossPct);
      case 'rejection':
        return n?.rejectionPct ?? null;
    }
  };
  return sortedBy(list, value, sort.dir, tie).map((r) => r.a);
}

/** Sites in the chosen order (worst first: highest average latency). */
export function sortSites(sites: readonly Site[], sort: SortState<SiteSortKey>, sourceName: (id: string) => string): Site[] {
  const tie = (x: Site, y: Site) => {
    const ix = ipSortKey(x.ip) ?? '';
    const iy = ipSortKey(y.ip) ?? '';
    return ix < iy ? -1 : ix > iy ? 1 : byKey(x, y);
  };
  const value = (s: Site): Value => {
    switch (sort.key) {
      case 'worst':
      case 'avg':
        return s.avgLatencyMs;
      case 'ip':
        return ipSortKey(s.ip);
      case 'source':
        return fold(sourceName(s.sourceId));
      case 'agents':
        return s.agents;
      case 'max':
        return s.maxLatencyMs;
      case 'min':
        return s.minLatencyMs;
      case 'rejection':
        return s.rejectionPct;
    }
  };
  return sortedBy(sites, value, sort.key === 'worst' ? -1 : sort.dir, tie);
}

/** PBX lines in the chosen order (worst first: highest loss either way, then highest jitter). */
export function sortLines(lines: readonly Line[], sort: SortState<LineSortKey>, sourceName: (id: string) => string): Line[] {
  const tie = (x: Line, y: Line) => {
    const ux = fold(x.user);
    const uy = fold(y.user);
    return ux < uy ? -1 : ux > uy ? 1 : byKey(x, y);
  };
  if (sort.key === 'worst') {
    const jitterFirst = (x: Line, y: Line) => compareNullable(worse(x.txJitterMs, x.rxJitterMs), worse(y.txJitterMs, y.rxJitterMs), -1) || tie(x, y);
    return sortedBy(lines, (l) => worse(l.txLossPct, l.rxLossPct), -1, jitterFirst);
  }
  const key = sort.key;
  const value = (l: Line): Value => {
    switch (key) {
      case 'user':
        return fold(l.user);
      case 'source':
        return fold(sourceName(l.sourceId));
      case 'status':
        return l.status === null ? null : fold(l.status);
      case 'txJitter':
        return l.txJitterMs;
      case 'rxJitter':
        return l.rxJitterMs;
      case 'txLoss':
        return l.txLossPct;
      case 'rxLoss':
        return l.rxLossPct;
    }
  };
  return sortedBy(lines, value, sort.dir, tie);
}

/** Whether rows come from more than one source (their Source column says something). */
export function severalSources(rows: Iterable<{ sourceId: string }>): boolean {
  let first: string | null = null;
  for (const r of rows) {
    if (first === null) first = r.sourceId;
    else if (r.sourceId !== first) return true;
  }
  return false;
}
