/**
 * Shapes of the simulator's state and of what it records, shared by its HTTP routes, its WebSocket
 * handling and the tests that read the counters.
 */
import type WebSocket from 'ws';

export type RouteName = 'token' | 'producers' | 'createSubscription' | 'getSubscription' | 'listSubscriptions' | 'renew' | 'delete';

export interface SimToken {
  value: string;
  issuedAt: number;
  expiresAt: number;
}

export interface SimSubscription {
  id: string;
  producerId: string;
  status: 'ACTIVE' | 'PENDING' | 'INACTIVE';
  /** GETs left before a PENDING subscription becomes ACTIVE (Infinity: never). */
  pendingPolls: number;
  /** Epoch ms it lapses unless renewed: the expiry of the token that created or renewed it. */
  expiresAt: number;
  /** `client` = created through the API by whoever calls it; `foreign` = made by the test as someone else's. */
  owner: 'client' | 'foreign';
  deleted: boolean;
}

export interface SimEntity {
  keys: Record<string, string>;
  measures: Record<string, string>;
}

export interface SimConnection {
  ws: WebSocket;
  subscriptionId: string | null;
  producerId: string | null;
  confirmed: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  route: RouteName | null;
  token: string | null;
  appKey: string | null;
}

export interface ScriptedFailure {
  route: RouteName;
  status: number;
  body: unknown;
  times: number;
}

/** Problem details as AXP's gateway answers them (RFC 7807). */
export function problem(status: number, title: string, detail: string): { status: number; body: unknown } {
  return { status, body: { type: 'about:blank', title, status, detail } };
}
