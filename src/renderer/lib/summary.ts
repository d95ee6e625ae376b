/** Derived figures for the overview and the wallboard (pure; tested without React). */
import { AGENT_STATES, type Agent, type AgentState, type Alert, type Queue, type Source } from '../../shared/model';
import { worse } from './format';
import { levelOf, worstLevel, type Level, type Thresholds } from './rules';

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
  longestWaitSec: number | null;
  network: { measured: number; warning: number; critical: number };
  alerts: { critical: number; warning: number };
}

export function emptySummary(): Summary {
  return {
    agents: 0,
    byState: Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>,
    waiting: 0,
    longestWaitSec: null,
    network: { measured: 0, warning: 0, critical: 0 },
    alerts: { critical: 0, warning: 0 },
  };
}

export interface SummaryInput {
  agents: Iterable<Agent>;
  queues: Iterable<Queue>;
  alerts: Iterable<Alert>;
  thresholds: Thresholds;
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
    const level = agentNetworkLevel(a, input.thresholds);
    for (const s of [out.get('')!, get(a.sourceId)]) {
      s.agents++;
      s.byState[a.state]++;
      if (level) s.network.measured++;
      if (level === 'warning') s.network.warning++;
      if (level === 'critical') s.network.critical++;
    }
  }
  for (const q of input.queues) {
    const wait = queueWaitSec(q, input.now);
    for (const s of [out.get('')!, get(q.sourceId)]) {
      s.waiting += q.waiting;
      if (wait !== null && (s.longestWaitSec === null || wait > s.longestWaitSec)) s.longestWaitSec = wait;
    }
  }
  for (const al of input.alerts) {
    if (al.state !== 'firing' || al.suppressed) continue;
    const src = al.sourceId ?? al.subject.key.split(':')[0] ?? '';
    for (const s of [out.get('')!, get(src)]) s.alerts[al.severity]++;
  }
  return out;
}
