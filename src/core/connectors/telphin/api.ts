/**
 * The Telphin resources the connector uses, parsed leniently. An item that cannot be used is counted
 * as rejected and skipped; an answer that is not a list at all fails the cycle (retried).
 */
import { transientError } from '../errors';
import type { SourceHealth } from '../types';
import type { TelphinClient } from './client';
import { agentInfoFromWire, type AgentInfo, type AgentType } from './normalize';
import type { EventRecord } from './plan';
import {
  AGENT_LIST_KEYS,
  AgentEventSchema,
  AgentSchema,
  CALL_LIST_KEYS,
  CallSchema,
  EVENT_LIST_KEYS,
  parseEventLimit,
  unwrapList,
  type CallWire,
} from './wire';
import type { z } from 'zod';

type Reporter = Pick<SourceHealth, 'rejected'>;

function parseList<S extends z.ZodType>(body: unknown, keys: readonly string[], schema: S, what: string, health: Reporter): z.infer<S>[] {
  const list = unwrapList(body, keys);
  if (!list) {
    health.rejected(`Telphin ${what}: the answer is not a list`, body);
    throw transientError(`Telphin answered ${what} with something that is not a list; retrying.`).as('bad_answer');
  }
  const out: z.infer<S>[] = [];
  for (const item of list) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
    else health.rejected(`Telphin ${what}: unusable item (${r.error.issues[0]?.path.join('.') || 'item'})`, item);
  }
  return out;
}

export interface AgentListing {
  agents: AgentInfo[];
  /** Raw status per agent id (null when the list carries none). */
  statuses: Map<string, string | null>;
}

/** `GET /client/{id}/agent/local/` and `/remote/`. */
export async function fetchAgents(client: TelphinClient, health: Reporter, signal?: AbortSignal): Promise<AgentListing> {
  const agents: AgentInfo[] = [];
  const statuses = new Map<string, string | null>();
  for (const type of ['local', 'remote'] as const) {
    const path = client.path(`/agent/${type}/`);
    const { body } = await client.api('GET', path, { signal });
    for (const w of parseList(body, AGENT_LIST_KEYS, AgentSchema, `GET ${path}`, health)) {
      if (statuses.has(w.id)) continue; // an id listed twice: keep the first
      agents.push(agentInfoFromWire(type, w));
      statuses.set(w.id, w.status ?? null);
    }
  }
  return { agents, statuses };
}

/** `GET /client/{id}/current_calls/` (the trailing slash matters). */
export async function fetchCalls(client: TelphinClient, health: Reporter, signal?: AbortSignal): Promise<CallWire[]> {
  const path = client.path('/current_calls/');
  const { body } = await client.api('GET', path, { signal });
  return parseList(body, CALL_LIST_KEYS, CallSchema, `GET ${path}`, health);
}

/** `GET /client/{id}/limit/` → the maximum number of agent events, or null when not stated. */
export async function fetchEventLimit(client: TelphinClient, signal?: AbortSignal): Promise<number | null> {
  const { body } = await client.api('GET', client.path('/limit/'), { signal });
  return parseEventLimit(body);
}

const eventsPath = (client: TelphinClient, type: AgentType, agentId: string) => client.path(`/agent/${type}/${encodeURIComponent(agentId)}/event/`);

export async function listEvents(client: TelphinClient, health: Reporter, type: AgentType, agentId: string, signal?: AbortSignal): Promise<EventRecord[]> {
  const path = eventsPath(client, type, agentId);
  const { body } = await client.api('GET', path, { signal });
  return parseList(body, EVENT_LIST_KEYS, AgentEventSchema, `GET ${path}`, health).map((e) => ({
    id: e.id,
    url: e.url ?? null,
    method: e.method ?? null,
    eventType: e.event_type ?? null,
  }));
}

export async function createEvent(client: TelphinClient, type: AgentType, agentId: string, body: object, signal?: AbortSignal): Promise<void> {
  await client.api('POST', eventsPath(client, type, agentId), { body, signal });
}

export async function updateEvent(client: TelphinClient, type: AgentType, agentId: string, eventId: string, body: object, signal?: AbortSignal): Promise<void> {
  await client.api('PUT', `${eventsPath(client, type, agentId)}${encodeURIComponent(eventId)}`, { body, signal });
}

/** Deletes an event; one already gone (404) counts as deleted. */
export async function deleteEvent(client: TelphinClient, type: AgentType, agentId: string, eventId: string, signal?: AbortSignal): Promise<void> {
  await client.api('DELETE', `${eventsPath(client, type, agentId)}${encodeURIComponent(eventId)}`, { signal, allow404: true });
}
