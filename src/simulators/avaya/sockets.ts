/**
 * The simulated realtime WebSocket: the first message must be the authentication; the answer follows
 * the scripted status or the real checks (token valid, subscription known and ACTIVE); on confirmation
 * the producer's snapshot is sent as INITIALIZING frames, then LIVE frames as the script changes.
 * Pings are recorded and answered unless the test made the server half-open.
 */
import type WebSocket from 'ws';
import type { AvayaSimulator } from './server';
import type { SimConnection } from './types';

export function handleConnection(sim: AvayaSimulator, ws: WebSocket): void {
  const conn: SimConnection = { ws, subscriptionId: null, producerId: null, confirmed: false };
  sim.connections.add(conn);
  sim.connectionCount++;
  ws.on('close', () => sim.connections.delete(conn));
  ws.on('error', () => undefined);
  ws.on('ping', (data: Buffer) => {
    sim.pings.push({ at: Date.now(), subscriptionId: conn.subscriptionId });
    if (sim.answerPings) ws.pong(data);
  });
  ws.on('message', (data: WebSocket.RawData) => {
    if (conn.confirmed || conn.subscriptionId !== null) {
      sim.clientMessages.push(data.toString());
      return;
    }
    let msg: { event?: unknown; subscriptionId?: unknown; token?: unknown } = {};
    try {
      msg = JSON.parse(data.toString()) as typeof msg;
    } catch {
      // falls through to the constraint violation below
    }
    const subscriptionId = typeof msg.subscriptionId === 'string' ? msg.subscriptionId : '';
    const token = typeof msg.token === 'string' ? msg.token : '';
    conn.subscriptionId = subscriptionId;
    const status = decide(sim, msg.event, subscriptionId, token);
    sim.authMessages.push({ subscriptionId, token, status, at: Date.now() });
    ws.send(JSON.stringify({ event: sim.authResponseEvent, status }));
    if (status !== 'CONNECTION_CONFIRMED') {
      setTimeout(() => ws.close(1008, status.slice(0, 100)), 20);
      return;
    }
    const sub = sim.subscriptions.get(subscriptionId)!;
    conn.producerId = sub.producerId;
    conn.confirmed = true;
    for (const entity of sim.entitiesOf(sub.producerId)) ws.send(JSON.stringify(sim.frame(sub.producerId, entity, 'UPSERT', 'INITIALIZING')));
  });
}

function decide(sim: AvayaSimulator, event: unknown, subscriptionId: string, token: string): string {
  const scripted = sim.authStatuses.shift();
  if (scripted) return scripted;
  if (event !== 'authentication' || !token) return 'CONNECTION_FAILED_CONSTRAINT_VIOLATION';
  if (!sim.tokenValid(token)) return 'CONNECTION_FAILED_INVALID_TOKEN';
  const sub = sim.subscriptions.get(subscriptionId);
  if (!sub || sub.deleted || sub.status !== 'ACTIVE') return 'CONNECTION_FAILED_UNKNOWN_SUBSCRIPTION';
  return 'CONNECTION_CONFIRMED';
}
