/** Filtering and sorting of the agents table (pure, so it is tested and timed without a DOM). */
import { AGENT_STATES, type Agent, type AgentState } from '../../../shared/model';
import { choiceOf, type Query } from '../../app/router';
import { compareNullable, worse } from '../../lib/format';

export type SortKey = 'name' | 'source' | 'state' | 'time' | 'reason' | 'queue' | 'latency' | 'jitter' | 'loss' | 'rejection';
export interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

export interface AgentFilter {
  source: string;
  state: AgentState | '';
  queue: string;
  search: string;
}

export const NO_FILTER: AgentFilter = { source: '', state: '', queue: '', search: '' };

/** The filter an address asks for (`?source=…&state=…&queue=…&q=…`); an unknown state is no filter. */
export function filterOfQuery(q: Query): AgentFilter {
  return {
    source: q.source ?? '',
    state: choiceOf(q.state, AGENT_STATES, ''),
    queue: q.queue ?? '',
    search: q.q ?? '',
  };
}

/** The address's query of a filter (empty fields left out). */
export function queryOfFilter(f: AgentFilter): Query {
  return { source: f.source, state: f.state, queue: f.queue, q: f.search };
}

/** Queue of the current call, else the first queue the agent belongs to. */
export function agentQueue(a: Agent): string | null {
  return a.call?.queueKey ?? a.queues?.[0] ?? null;
}

const folded = new Map<string, string>();

/** A character beyond ASCII: without one there is nothing to decompose or strip, lower case is the whole fold. */
const NOT_ASCII = /[^ -~\t\n\r]/;

/** A case- and accent-insensitive sort key ("Ángela" sorts with "angela"), cached per string. */
export function fold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    // Decomposing is the costly part (a 5,000-agent floor's first sort); ASCII names skip it.
    f = !NOT_ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded.size > 50_000) folded.clear();
    folded.set(s, f);
  }
  return f;
}

function matches(a: Agent, f: AgentFilter, needle: string): boolean {
  if (f.source && a.sourceId !== f.source) return false;
  if (f.state && a.state !== f.state) return false;
  if (f.queue && a.call?.queueKey !== f.queue && !a.queues?.includes(f.queue)) return false;
  if (needle) {
    const hay = `${a.name}\u0000${a.vendorId}\u0000${a.network?.ip ?? ''}\u0000${a.pauseReason ?? ''}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const STATE_ORDER: Record<AgentState, number> = { on_call: 0, ringing: 1, wrap_up: 2, available: 3, paused: 4, unknown: 5, logged_out: 6 };

function sortValue(a: Agent, key: SortKey, queueName: (k: string) => string): string | number | null {
  switch (key) {
    case 'name':
      return fold(a.name);
    case 'source':
      return a.sourceId;
    case 'state':
      return STATE_ORDER[a.state];
    case 'time':
      // Ascending = shortest time in state first (a later `stateSince`).
      return a.stateSince === null ? null : -a.stateSince;
    case 'reason':
      return a.pauseReason ? fold(a.pauseReason) : null;
    case 'queue': {
      const q = agentQueue(a);
      return q ? fold(queueName(q)) : null;
    }
    case 'latency':
      return a.network?.latencyMs ?? null;
    case 'jitter':
      return worse(a.network?.txJitterMs, a.network?.rxJitterMs);
    case 'loss':
      return worse(a.network?.txLossPct, a.network?.rxLossPct);
    case 'rejection':
      return a.network?.rejectionPct ?? null;
  }
}

export function selectAgents(all: Iterable<Agent>, f: AgentFilter, sort: Sort, queueName: (k: string) => string = (k) => k): Agent[] {
  const needle = f.search.trim().toLowerCase();
  const rows: { a: Agent; v: string | number | null; n: string }[] = [];
  for (const a of all) if (matches(a, f, needle)) rows.push({ a, v: sortValue(a, sort.key, queueName), n: fold(a.name) });
  rows.sort((x, y) => compareNullable(x.v, y.v, sort.dir) || (x.n < y.n ? -1 : x.n > y.n ? 1 : x.a.key < y.a.key ? -1 : 1));
  return rows.map((r) => r.a);
}
