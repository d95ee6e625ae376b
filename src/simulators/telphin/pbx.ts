/**
 * The simulated PBX's side of agent events: when an agent logs in or out it calls every URL
 * registered for that event, the way Telphin does (seed 004): GET with the fields in the query
 * string, POST with an `application/x-www-form-urlencoded` body. Only loopback URLs are called.
 */
import type { SimAgent, SimCounters, SimEvent } from './state';

export interface Delivery {
  url: string;
  method: string;
  fields: Record<string, string>;
  status: number | null;
  error: string | null;
}

/** AgentEventData for a status change. */
export function eventFields(a: SimAgent, status: string, source: string): Record<string, string> {
  const fields: Record<string, string> = { agent_id: a.id, agent_status: status, agent_type: a.type, event_source: source };
  if (a.type === 'local' && a.extensionName) fields.extension_name = a.extensionName;
  if (a.type === 'remote' && a.number) fields.agent_number = a.number;
  return fields;
}

/** Which event fires for a status (Telphin has events for logins and logouts only). */
export function eventTypeFor(status: string): 'agent-login' | 'agent-logout' | null {
  if (status === 'available') return 'agent-login';
  if (status === 'logged_out') return 'agent-logout';
  return null;
}

const LOOPBACK_URL = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//i;

/** Sends one delivery; never throws (the outcome is recorded). */
export async function deliver(url: string, method: string, fields: Record<string, string>, counters: SimCounters, log: Delivery[]): Promise<Delivery> {
  const d: Delivery = { url, method: method.toUpperCase(), fields, status: null, error: null };
  log.push(d);
  if (log.length > 1000) log.shift();
  counters.deliveries++;
  if (!LOOPBACK_URL.test(url)) {
    d.error = 'the simulator only calls loopback URLs';
    counters.deliveryFailures++;
    return d;
  }
  const form = new URLSearchParams(fields).toString();
  try {
    const res =
      d.method === 'GET'
        ? await fetch(`${url}${url.includes('?') ? '&' : '?'}${form}`, { method: 'GET', signal: AbortSignal.timeout(5000) })
        : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    d.status = res.status;
    if (res.status >= 300) counters.deliveryFailures++;
  } catch (e) {
    d.error = e instanceof Error ? e.message : String(e);
    counters.deliveryFailures++;
  }
  return d;
}

/** Fires the agent's events registered for this status change. */
export async function fireAgentEvents(a: SimAgent, status: string, source: string, events: Iterable<SimEvent>, counters: SimCounters, log: Delivery[]): Promise<Delivery[]> {
  const type = eventTypeFor(status);
  if (!type) return [];
  const targets = [...events].filter((e) => e.agentId === a.id && e.agentType === a.type && e.event_type === type);
  return Promise.all(targets.map((e) => deliver(e.url, e.method, eventFields(a, status, source), counters, log)));
}
