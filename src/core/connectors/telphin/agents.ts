/**
 * The connector's memory of the agents it reported, shared by the webhook receiver and the poller so
 * that every change is emitted once and nothing is emitted when nothing changed.
 */
import type { Call } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';
import { AGENT_SCOPE, agentInfoEvent, pushChangeEvents, viewOf, type AgentInfo, type AgentView, type Via } from './normalize';

interface Entry {
  info: AgentInfo;
  view: AgentView | null;
  /** When a webhook last set the status (a list fetched before that must not undo it). */
  webhookAt: number;
}

export class AgentBook {
  private readonly agents = new Map<string, Entry>();
  /** Queue extension id → waiting calls last reported. */
  private readonly queues = new Map<string, number>();

  get size(): number {
    return this.agents.size;
  }

  get(id: string): AgentInfo | undefined {
    return this.agents.get(id)?.info;
  }

  list(): AgentInfo[] {
    return [...this.agents.values()].map((e) => e.info);
  }

  counts(): { local: number; remote: number } {
    let local = 0;
    for (const e of this.agents.values()) if (e.info.type === 'local') local++;
    return { local, remote: this.agents.size - local };
  }

  /**
   * The agent lists as fetched at `fetchedAt`: new and renamed agents, removed ones (`sync`), and —
   * when `statuses` is given — each agent's status (and current call) unless a webhook told newer.
   */
  applyList(
    infos: AgentInfo[],
    statuses: Map<string, string | null> | null,
    calls: Map<string, Call> | null,
    via: Via,
    fetchedAt: number,
  ): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    const seen = new Set<string>();
    for (const info of infos) {
      seen.add(info.id);
      const prev = this.agents.get(info.id);
      const entry: Entry = prev ? { ...prev, info } : { info, view: null, webhookAt: 0 };
      this.agents.set(info.id, entry);
      if (!prev || JSON.stringify(prev.info) !== JSON.stringify(info)) events.push(agentInfoEvent(info));
      if (!statuses) continue;
      if (prev && prev.webhookAt >= fetchedAt) continue;
      const status = statuses.get(info.id) ?? null;
      const call = calls?.get(info.id) ?? null;
      // An agent list without a status says nothing about the login state: keep what we know.
      const vendorState = status ?? entry.view?.vendorState ?? null;
      if (status === null && !call && entry.view === null) continue;
      const next = viewOf(vendorState, call);
      pushChangeEvents(events, info, entry.view, next, via, fetchedAt);
      entry.view = next;
    }
    for (const id of [...this.agents.keys()]) if (!seen.has(id)) this.agents.delete(id);
    events.push({ type: 'sync', collection: 'agents', scope: AGENT_SCOPE, ids: [...seen] });
    return events;
  }

  /** A webhook's status for an agent: events only when it changes what was reported. */
  applyStatus(info: AgentInfo, status: string, via: Via, at: number): NormalizedEvent[] {
    const prev = this.agents.get(info.id);
    const events: NormalizedEvent[] = [];
    let entry: Entry;
    if (prev) {
      // Entries never leave the book: updated in place.
      entry = prev;
      entry.info = info;
      entry.webhookAt = at;
    } else {
      this.agents.set(info.id, (entry = { info, view: null, webhookAt: at }));
      events.push(agentInfoEvent(info));
    }
    // Login and logout do not end a call in progress; the next poll (if any) says when it ends.
    const next = viewOf(status, entry.view?.call ?? null);
    pushChangeEvents(events, info, entry.view, next, via, at);
    entry.view = next;
    return events;
  }

  /** Waiting calls per queue extension; queues that emptied are reported empty once. */
  applyBacklog(backlog: Map<string, { name: string | null; calls: { callId: string; enteredAt: number }[] }>): NormalizedEvent[] {
    const events: NormalizedEvent[] = [];
    for (const [id, q] of backlog) {
      if (!this.queues.has(id)) events.push({ type: 'queue', id, set: { kind: 'queue', name: q.name ?? id } });
      this.queues.set(id, q.calls.length);
      events.push({ type: 'calls.replace', queueId: id, calls: q.calls });
    }
    for (const [id, waiting] of this.queues) {
      if (backlog.has(id) || waiting === 0) continue;
      this.queues.set(id, 0);
      events.push({ type: 'calls.replace', queueId: id, calls: [] });
    }
    return events;
  }
}
