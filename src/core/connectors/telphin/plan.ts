/**
 * Pure planning of one agent's webhook subscriptions: for each of `agent-login` and `agent-logout`
 * exactly one event of ours pointing at our hook URL with our method. Ours = URL under
 * `{publicUrl}/hooks/telphin/`; anyone else's events are never touched.
 */
import { AGENT_EVENT_TYPES, type AgentEventType } from './wire';

export interface EventRecord {
  id: string;
  url: string | null;
  method: string | null;
  eventType: string | null;
}

export interface AgentEventPlan {
  /** Events of ours already right. */
  keep: string[];
  create: { event_type: AgentEventType; method: string; url: string }[];
  /** Events of ours that drifted (URL, method or type) and are put back. */
  update: { id: string; body: { event_type: AgentEventType; method: string; url: string } }[];
  /** Duplicates of ours. */
  remove: string[];
  /** Events that are not ours (counted against the account's limit, left alone). */
  foreign: number;
}

const norm = (s: string | null) => (s ?? '').trim();
const upper = (s: string | null) => norm(s).toUpperCase();

export function isOurs(e: EventRecord, prefix: string): boolean {
  return norm(e.url).startsWith(prefix);
}

export function planAgentEvents(existing: EventRecord[], url: string, prefix: string, method: string): AgentEventPlan {
  const plan: AgentEventPlan = { keep: [], create: [], update: [], remove: [], foreign: 0 };
  const ours = existing.filter((e) => isOurs(e, prefix));
  plan.foreign = existing.length - ours.length;
  const used = new Set<string>();
  const missing: AgentEventType[] = [];
  for (const type of AGENT_EVENT_TYPES) {
    const exact = ours.find((e) => !used.has(e.id) && norm(e.url) === url && norm(e.eventType) === type && upper(e.method) === method);
    if (exact) {
      used.add(exact.id);
      plan.keep.push(exact.id);
    } else missing.push(type);
  }
  for (const type of missing) {
    // Prefer repairing the closest drifted event: same type first, then any spare one of ours.
    const spare = ours.find((e) => !used.has(e.id) && norm(e.eventType) === type) ?? ours.find((e) => !used.has(e.id));
    const body = { event_type: type, method, url };
    if (spare) {
      used.add(spare.id);
      plan.update.push({ id: spare.id, body });
    } else plan.create.push(body);
  }
  for (const e of ours) if (!used.has(e.id)) plan.remove.push(e.id);
  return plan;
}
