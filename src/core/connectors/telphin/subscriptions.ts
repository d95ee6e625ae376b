/**
 * Keeps every agent's `agent-login`/`agent-logout` events pointing at our receiver: creates the
 * missing, repairs the drifted (PUT), removes our duplicates, within the account's event limit
 * (`GET /client/{id}/limit/`). `unsubscribe` deletes ours (URL under `{publicUrl}/hooks/telphin/`)
 * and nobody else's.
 */
import type { Logger } from '../../util/logger';
import { ConnectorError } from '../errors';
import type { SourceHealth } from '../types';
import { createEvent, deleteEvent, fetchEventLimit, listEvents, updateEvent } from './api';
import type { TelphinClient } from './client';
import type { AgentInfo } from './normalize';
import { isOurs, planAgentEvents, type AgentEventPlan } from './plan';
import { w } from '../../../shared/log-words';
import type { Said } from '../../../shared/said';

export interface HookTarget {
  url: string;
  prefix: string;
  method: 'GET' | 'POST';
}

export interface SubscriptionReport {
  agents: number;
  /** Events of ours in place after the run (2 per fully covered agent). */
  inPlace: number;
  created: number;
  repaired: number;
  removed: number;
  /** Events that could not be created because the account's limit is reached. */
  missing: number;
  limit: number | null;
}

type Reporter = Pick<SourceHealth, 'rejected'>;

/** The limit resource is optional for us: without access to it, work without a limit. */
async function eventLimit(client: TelphinClient, log: Logger, signal?: AbortSignal): Promise<number | null> {
  try {
    return await fetchEventLimit(client, signal);
  } catch (e) {
    if (e instanceof ConnectorError && (e.kind === 'config' || e.kind === 'auth')) {
      log.warn(`event limit unavailable, continuing without it: ${e.message}`);
      return null;
    }
    throw e;
  }
}

export async function reconcileSubscriptions(
  client: TelphinClient,
  health: Reporter,
  log: Logger,
  agents: AgentInfo[],
  target: HookTarget,
  signal?: AbortSignal,
): Promise<SubscriptionReport> {
  const limit = await eventLimit(client, log, signal);
  const plans: { agent: AgentInfo; plan: AgentEventPlan; existing: number }[] = [];
  for (const agent of agents) {
    const existing = await listEvents(client, health, agent.type, agent.id, signal);
    plans.push({ agent, plan: planAgentEvents(existing, target.url, target.prefix, target.method), existing: existing.length });
  }
  const afterRemoval = plans.reduce((n, p) => n + p.existing - p.plan.remove.length, 0);
  let room = limit === null ? Infinity : Math.max(0, limit - afterRemoval);
  const report: SubscriptionReport = { agents: agents.length, inPlace: 0, created: 0, repaired: 0, removed: 0, missing: 0, limit };
  for (const { agent, plan } of plans) {
    for (const id of plan.remove) {
      await deleteEvent(client, agent.type, agent.id, id, signal);
      report.removed++;
    }
    for (const u of plan.update) {
      await updateEvent(client, agent.type, agent.id, u.id, u.body, signal);
      report.repaired++;
    }
    report.inPlace += plan.keep.length + plan.update.length;
  }
  // Creation last, so that removals free room first.
  for (const { agent, plan } of plans) {
    for (const c of plan.create) {
      if (room <= 0) {
        report.missing++;
        continue;
      }
      await createEvent(client, agent.type, agent.id, c, signal);
      room--;
      report.created++;
      report.inPlace++;
    }
  }
  return report;
}

/** Deletes every event of ours (URL under `prefix`) of the given agents; returns how many. */
export async function unsubscribe(client: TelphinClient, health: Reporter, agents: AgentInfo[], prefix: string, signal?: AbortSignal): Promise<number> {
  let removed = 0;
  for (const agent of agents) {
    const existing = await listEvents(client, health, agent.type, agent.id, signal);
    for (const e of existing) {
      if (!isOurs(e, prefix)) continue;
      await deleteEvent(client, agent.type, agent.id, e.id, signal);
      removed++;
    }
  }
  return removed;
}

/** "created 4, repaired 1" — only the non-zero parts; "all N in place" when nothing was done. */
/** What a reconciliation did, in words any language can render. */
export function reportWords(r: SubscriptionReport): Said[] {
  const said = [w('subscriptions', { count: r.agents, created: r.created, repaired: r.repaired, removed: r.removed, inPlace: r.inPlace })];
  if (r.missing) said.push(w('subscriptions_missing', { missing: r.missing, limit: r.limit ?? '?' }));
  return said;
}

