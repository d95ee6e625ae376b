/**
 * The Telphin simulator's API routes under `/api/ver1.0/client/{ref}/…`: agent lists, agent event
 * CRUD, limits and current calls. Answers are plain objects; server.ts does HTTP, auth and quota.
 */
import { agentJson, eventJson, type SimAgent, type SimCall, type SimCounters, type SimEvent } from './state';

export interface RouteState {
  agents: Map<string, SimAgent>;
  events: Map<string, SimEvent>;
  calls: Map<string, SimCall>;
  eventLimit: number | null;
  agentStatusInList: boolean;
  /** Extra raw items appended to answers (malformed-input tests). */
  junk: { local: unknown[]; remote: unknown[]; calls: unknown[] };
  nextEventId(): string;
  counters: SimCounters;
}

export interface RouteAnswer {
  status: number;
  body?: unknown;
}

const EVENT_TYPES = new Set(['agent-login', 'agent-logout']);
const METHODS = new Set(['GET', 'POST']);

function validEventBody(body: unknown, partial: boolean): { url?: string; method?: string; event_type?: string } | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'a JSON object is required';
  const b = body as Record<string, unknown>;
  const out: { url?: string; method?: string; event_type?: string } = {};
  if (b.url !== undefined) {
    if (typeof b.url !== 'string' || !/^https?:\/\/\S+$/.test(b.url)) return 'url must be an http(s) URL';
    out.url = b.url;
  } else if (!partial) return 'url is required';
  if (b.method !== undefined) {
    if (typeof b.method !== 'string' || !METHODS.has(b.method.toUpperCase())) return 'method must be GET or POST';
    out.method = b.method.toUpperCase();
  } else if (!partial) return 'method is required';
  if (b.event_type !== undefined) {
    if (typeof b.event_type !== 'string' || !EVENT_TYPES.has(b.event_type)) return 'event_type must be agent-login or agent-logout';
    out.event_type = b.event_type;
  } else if (!partial) return 'event_type is required';
  return out;
}

/** Routes `rest` (the path after `/client/{ref}`); null when no route matches (404). */
export function route(s: RouteState, method: string, rest: string, body: unknown): RouteAnswer | null {
  let m: RegExpExecArray | null;
  if ((m = /^\/agent\/(local|remote)\/$/.exec(rest))) {
    if (method !== 'GET') return { status: 405, body: { error: 'method_not_allowed' } };
    const type = m[1] as 'local' | 'remote';
    return { status: 200, body: [...[...s.agents.values()].filter((a) => a.type === type).map((a) => agentJson(a, s.agentStatusInList)), ...s.junk[type]] };
  }
  if ((m = /^\/agent\/(local|remote)\/([^/]+)\/event\/([^/]+)?$/.exec(rest))) {
    const [, type, agentId, eventId] = m as unknown as [string, string, string, string | undefined];
    const agent = s.agents.get(decodeURIComponent(agentId));
    if (!agent || agent.type !== type) return { status: 404, body: { error: 'not_found', message: 'agent not found' } };
    const own = [...s.events.values()].filter((e) => e.agentId === agent.id && e.agentType === agent.type);
    if (eventId === undefined) {
      if (method === 'GET') return { status: 200, body: own.map(eventJson) };
      if (method !== 'POST') return { status: 405, body: { error: 'method_not_allowed' } };
      const v = validEventBody(body, false);
      if (typeof v === 'string') return { status: 400, body: { error: 'invalid_request', message: v } };
      if (s.eventLimit !== null && s.events.size >= s.eventLimit) return { status: 400, body: { error: 'limit_exceeded', message: 'agent event limit reached' } };
      const e: SimEvent = { id: s.nextEventId(), agentId: agent.id, agentType: agent.type, url: v.url!, method: v.method!, event_type: v.event_type! };
      s.events.set(e.id, e);
      s.counters.eventsCreated++;
      return { status: 201, body: eventJson(e) };
    }
    const e = s.events.get(decodeURIComponent(eventId));
    if (!e || e.agentId !== agent.id) return { status: 404, body: { error: 'not_found', message: 'event not found' } };
    if (method === 'GET') return { status: 200, body: eventJson(e) };
    if (method === 'DELETE') {
      s.events.delete(e.id);
      s.counters.eventsDeleted++;
      return { status: 204 };
    }
    if (method === 'PUT') {
      const v = validEventBody(body, true);
      if (typeof v === 'string') return { status: 400, body: { error: 'invalid_request', message: v } };
      Object.assign(e, v);
      s.counters.eventsUpdated++;
      return { status: 200, body: eventJson(e) };
    }
    return { status: 405, body: { error: 'method_not_allowed' } };
  }
  if (rest === '/limit/' && method === 'GET') {
    return { status: 200, body: { agent_event: s.eventLimit, extension_event: 100, phone_event: 100 } };
  }
  if (rest === '/current_calls/' && method === 'GET') {
    return { status: 200, body: { call_list: [...s.calls.values(), ...s.junk.calls] } };
  }
  return null;
}
