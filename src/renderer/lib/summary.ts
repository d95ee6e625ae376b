/** Derived figures for the overview and the wallboard (pure; tested without React). */
import { AGENT_STATES, type Agent, type AgentState, type Alert, type Queue, type Source } from '../../shared/model';
import { clockDuration, worse } from './format';
import { levelOf, worstLevel, type Level, type Thresholds } from './rules';
import { NBSP } from './units';

export type Freshness = 'live' | 'stale' | 'offline';

export function freshness(s: Source | undefined): Freshness {
  if (!s) return 'offline';
  if (s.status === 'down' || s.status === 'auth_failed' || s.status === 'stopped') return 'offline';
  if (s.status === 'degraded' || s.status === 'connecting') return 'stale';
  return 'live';
}

/** The worst network level of an agent over latency, jitter, loss and rejection. */
export function agentNetworkLevel(a: Agent, th: Thresholds): Level | null {
  const n = a.network;
  if (!n) return null;
  return worstLevel([
    levelOf(n.latencyMs, th['agent.latency']),
    levelOf(worse(n.txJitterMs, n.rxJitterMs), th['agent.jitter']),
    levelOf(worse(n.txLossPct, n.rxLossPct), th['agent.loss']),
    levelOf(n.rejectionPct, th['agent.rejection']),
  ]);
}

/** Longest wait now: ticks from the oldest waiting call when the host gives it. */
export function queueWaitSec(q: Queue, now: number): number | null {
  if (q.oldestSince !== null && q.oldestSince !== undefined && q.waiting > 0) return Math.max(0, (now - q.oldestSince) / 1000);
  return q.longestWaitSec;
}

export interface Summary {
  agents: number;
  byState: Record<AgentState, number>;
  waiting: number;
  /**
   * How the calls waiting stand: the worst level of the queues counted, each against its own
   * thresholds. Never the sum against a queue's threshold: 9, 7 and 6 calls in three queues are
   * three warnings, not a critical 22. Null when no queue is known.
   */
  waitingLevel: Level | null;
  /**
   * The longest wait of the queues that give one. When a queue with calls waiting gives none
   * (`longestWaitPartial`), only queues with calls waiting count: the figure is then a lower bound,
   * or null — never the 0:00 of an empty queue while calls wait elsewhere.
   */
  longestWaitSec: number | null;
  longestWaitPartial: boolean;
  /** The worst level of the queues' longest waits, each against its queue's thresholds. */
  longestWaitLevel: Level | null;
  network: { measured: number; warning: number; critical: number };
  alerts: { critical: number; warning: number };
}

export function emptySummary(): Summary {
  return {
    agents: 0,
    byState: Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>,
    waiting: 0,
    waitingLevel: null,
    longestWaitSec: null,
    longestWaitPartial: false,
    longestWaitLevel: null,
    network: { measured: 0, warning: 0, critical: 0 },
    alerts: { critical: 0, warning: 0 },
  };
}

/** The longest wait as shown: "–" when unknown, "≥ 1:10" when some queue with calls waiting gives none. */
export function longestWaitText(s: Summary): string {
  const clock = clockDuration(s.longestWaitSec);
  if (clock === null) return '–';
  return s.longestWaitPartial ? `≥${NBSP}${clock}` : clock;
}

export interface SummaryInput {
  agents: Iterable<Agent>;
  queues: Iterable<Queue>;
  alerts: Iterable<Alert>;
  thresholds: Thresholds;
  /** An agent's own thresholds where rules were added for it (default: `thresholds`). */
  thresholdsOf?: (a: Agent) => Thresholds;
  /** A queue's own thresholds where rules were added for it (default: `thresholds`). */
  queueThresholdsOf?: (q: Queue) => Thresholds;
  now: number;
}

/** Totals per source id, plus the key "" for everything. */
export function summarize(input: SummaryInput): Map<string, Summary> {
  const out = new Map<string, Summary>([['', emptySummary()]]);
  const get = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = emptySummary()));
    return s;
  };
  for (const a of input.agents) {
    const level = agentNetworkLevel(a, input.thresholdsOf ? input.thresholdsOf(a) : input.thresholds);
    for (const s of [out.get('')!, get(a.sourceId)]) {
      s.agents++;
      s.byState[a.state]++;
      if (level) s.network.measured++;
      if (level === 'warning') s.network.warning++;
      if (level === 'critical') s.network.critical++;
    }
  }
  const busiest = new Map<Summary, number>(); // the longest wait among queues with calls waiting
  for (const q of input.queues) {
    const wait = queueWaitSec(q, input.now);
    const busy = q.waiting > 0;
    const th = input.queueThresholdsOf ? input.queueThresholdsOf(q) : input.thresholds;
    const waitingLevel = levelOf(q.waiting, th['queue.waiting']);
    const longestLevel = levelOf(wait, th['queue.longest_wait']);
    for (const s of [out.get('')!, get(q.sourceId)]) {
      s.waiting += q.waiting;
      s.waitingLevel = worstLevel([s.waitingLevel, waitingLevel]);
      s.longestWaitLevel = worstLevel([s.longestWaitLevel, longestLevel]);
      if (wait === null) {
        if (busy) s.longestWaitPartial = true;
        continue;
      }
      if (s.longestWaitSec === null || wait > s.longestWaitSec) s.longestWaitSec = wait;
      if (busy && wait > (busiest.get(s) ?? -1)) busiest.set(s, wait);
    }
  }
  for (const s of out.values()) if (s.longestWaitPartial) s.longestWaitSec = busiest.get(s) ?? null;
  for (const al of input.alerts) {
    if (al.state !== 'firing' || al.suppressed) continue;
    const src = al.sourceId ?? al.subject.key.split(':')[0] ?? '';
    for (const s of [out.get('')!, get(src)]) s.alerts[al.severity]++;
  }
  return out;
}

/**
 * Agents available per queue, counted from the agents who belong to it (`Agent.queues`: Axialys's
 * operator groups) for queues whose vendor does not say: a queue no agent is known to belong to has
 * no entry (unknown, not 0).
 */
export function availableByQueue(agents: Iterable<Agent>): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of agents) {
    if (!a.queues) continue;
    const add = a.state === 'available' ? 1 : 0;
    for (const k of a.queues) out.set(k, (out.get(k) ?? 0) + add);
  }
  return out;
}

/** A queue's agents available: the vendor's figure, else the count of its available members, else null. */
export function queueAvailable(q: Queue, counted: ReadonlyMap<string, number>): number | null {
  return q.agentsAvailable ?? counted.get(q.key) ?? null;
}
