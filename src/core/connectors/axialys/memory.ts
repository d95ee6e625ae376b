/**
 * What the connector remembers between frames so that normalize stays pure: per operator the UI state
 * (logged in / paused / logged out), the pause name and the current call; per call the queues where it
 * waits. Derived only from the normalized events the connector emitted.
 */
import type { AgentState, Call } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';

export type UiState = 'logged_in' | 'paused' | 'logged_out';

export interface AgentMemo {
  state: AgentState | null;
  ui: UiState | null;
  pauseReason: string | null;
  call: Call | null;
}

/** Read-only view normalize is given. */
export interface MemoryView {
  agent(id: string): AgentMemo | undefined;
  /** Queue vendor ids where the call is waiting. */
  queuesOfCall(callId: string): string[];
}

const UI_STATES: readonly string[] = ['logged_in', 'paused', 'logged_out'];
/** What most calls wait in: nothing (shared, so asking costs no allocation; never modified). */
const NO_QUEUES: string[] = Object.freeze([]) as unknown as string[];
/** Calls whose leave was missed must not grow the index without bound. */
const MAX_CALLS = 5000;

export class AxialysMemory implements MemoryView {
  private readonly agents = new Map<string, AgentMemo>();
  /** Call → the queue where it waits, or the queues when more than one (rare: no Set per call). */
  private readonly callQueues = new Map<string, string | string[]>();

  agent(id: string): AgentMemo | undefined {
    return this.agents.get(id);
  }

  /** Ids of the calls known to be waiting somewhere. */
  waitingCalls(): string[] {
    return [...this.callQueues.keys()];
  }

  queuesOfCall(callId: string): string[] {
    const q = this.callQueues.get(callId);
    return q === undefined ? NO_QUEUES : typeof q === 'string' ? [q] : [...q];
  }

  /** Learns from the events just emitted. */
  apply(events: readonly NormalizedEvent[]): void {
    for (const ev of events) {
      if (ev.type === 'agent') {
        let m = this.agents.get(ev.id);
        if (!m) this.agents.set(ev.id, (m = { state: null, ui: null, pauseReason: null, call: null }));
        const s = ev.set;
        if (s.state !== undefined) m.state = s.state;
        if (s.pauseReason !== undefined) m.pauseReason = s.pauseReason;
        if (s.call !== undefined) m.call = s.call;
        const ui = s.extra?.ui;
        if (typeof ui === 'string' && UI_STATES.includes(ui)) m.ui = ui as UiState;
      } else if (ev.type === 'agent.remove') {
        this.agents.delete(ev.id);
      } else if (ev.type === 'call.enter') {
        const q = this.callQueues.get(ev.callId);
        if (q === undefined) {
          this.callQueues.set(ev.callId, ev.queueId);
          if (this.callQueues.size > MAX_CALLS) this.callQueues.delete(this.callQueues.keys().next().value!);
        } else if (typeof q === 'string') {
          if (q !== ev.queueId) this.callQueues.set(ev.callId, [q, ev.queueId]);
        } else if (!q.includes(ev.queueId)) {
          q.push(ev.queueId);
        }
      } else if (ev.type === 'call.leave') {
        const q = this.callQueues.get(ev.callId);
        if (q === undefined) continue;
        if (typeof q === 'string') {
          if (q === ev.queueId) this.callQueues.delete(ev.callId);
          continue;
        }
        const rest = q.filter((id) => id !== ev.queueId);
        if (rest.length === 0) this.callQueues.delete(ev.callId);
        else this.callQueues.set(ev.callId, rest.length === 1 ? rest[0]! : rest);
      }
    }
  }
}
