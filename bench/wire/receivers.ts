/**
 * The two receivers compared: the collector (real connector, engine and server) and a bare client of
 * the same transport that only parses each message. Both count what arrived.
 */
// The npm alias ships no types; its declaration lives beside the connector that uses it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src/core/connectors/axialys/socket-io-client-v2.d.ts" />
import WebSocket from 'ws';
import { io as ioV4 } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import { startCollector } from '../../src/server/collector';
import { createLogger } from '../../src/core/util/logger';
import { SettingsSchema } from '../../src/shared/settings';
import type { SourceConfig } from '../../src/shared/sources';
import { waitFor } from '../util';
import type { Ready, SimChild } from './child';

export interface Receiver {
  /** Events received so far. */
  received(): number;
  stop(): Promise<void>;
}

function sourceFor(kind: string, r: Ready): SourceConfig {
  if (kind === 'avaya') {
    return { id: 'wire', vendor: 'avaya', apiBaseUrl: String(r.url), accountId: String(r.accountId), clientId: String(r.clientId), clientSecret: String(r.clientSecret), appKey: String(r.appKey), producers: [String(r.producer)] } as SourceConfig;
  }
  return {
    id: 'wire',
    vendor: 'axialys',
    mode: 'supervisor',
    login: String(r.login),
    password: String(r.password),
    authUrl: String(r.authUrl),
    tokenUrl: String(r.tokenUrl),
    socketUrl: String(r.origin),
    socketIo: r.version === 'v2' ? 'v2' : 'v4',
  } as SourceConfig;
}

/** The collector as `npm run collector` runs it, with one source pointing at the simulator child. */
export async function collectorReceiver(kind: string, child: SimChild): Promise<Receiver> {
  const settings = SettingsSchema.parse({ sources: [sourceFor(kind, child.ready)] });
  const collector = await startCollector({ settings, port: 0, logger: createLogger({ level: 'error' }) });
  const source = () => collector.engine.state.sources.get('wire');
  try {
    await waitFor(() => source()?.status === 'live', 'the collector source to go live', 60_000, 20);
    if (kind === 'avaya') await waitFor(() => collector.engine.state.agents.size >= Number(child.ready.agents), 'the Avaya snapshot', 60_000, 20);
    else await waitFor(() => collector.engine.state.agents.size > 0, 'the Axialys directory', 60_000, 20);
    for (let i = 0; i < 300 && (await child.subscribers()) < 1; i++) await new Promise((r) => setTimeout(r, 20));
  } catch (e) {
    await collector.stop();
    throw e;
  }
  return { received: () => source()?.counters?.events ?? 0, stop: () => collector.stop() };
}

/** A bare `ws` client of the AXP stream: authenticates like the connector, then only parses. */
async function bareAvaya(child: SimChild): Promise<Receiver> {
  const r = child.ready;
  const base = String(r.url);
  const headers = { appkey: String(r.appKey) };
  const tokenRes = await fetch(`${base}/api/auth/v1/${r.accountId}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: String(r.clientId), client_secret: String(r.clientSecret) }).toString(),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const subRes = await fetch(`${base}/api/notification/v1/accounts/${r.accountId}/subscriptions`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ family: 'ANALYTICS', events: ['ALL'], transport: { type: 'WEBSOCKET' }, extensions: { measureProducerId: r.producer } }),
  });
  const sub = (await subRes.json()) as { subscriptionId: string; transport: { endpoint: string } };
  let n = 0;
  const ws = new WebSocket(sub.transport.endpoint, { headers, perMessageDeflate: false, maxPayload: 1 << 20 });
  ws.on('message', (data: WebSocket.RawData) => {
    if (JSON.parse(data.toString())) n++;
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ event: 'authentication', subscriptionId: sub.subscriptionId, token }));
  // The authentication answer and the snapshot (one frame per agent) come first.
  await waitFor(() => n >= Number(r.agents) + 1, 'the bare client to receive the AXP snapshot', 60_000, 20);
  return {
    received: () => n,
    stop: async () => {
      ws.terminate();
      await fetch(`${base}/api/notification/v1/accounts/${r.accountId}/subscriptions/${encodeURIComponent(sub.subscriptionId)}`, { method: 'DELETE', headers: { ...headers, authorization: `Bearer ${token}` } }).catch(() => undefined);
    },
  };
}

/** A bare Socket.IO client (same generation and transport as the connector) that only counts `update`s. */
async function bareAxialys(child: SimChild): Promise<Receiver> {
  const r = child.ready;
  const xjson = JSON.stringify({ requete: 'init', header: { login: r.login, password: r.password, account_type: 'supervisor' }, msg: {} });
  const auth = (await (await fetch(String(r.authUrl), { method: 'POST', headers: { 'X-JSON': xjson } })).json()) as { target: number; id_session: string };
  const opts = { path: '/socket.io/', transports: ['websocket'], reconnection: false, forceNew: true };
  const socket = r.version === 'v2' ? ioV2(String(r.origin), opts) : ioV4(String(r.origin), opts);
  let n = 0;
  socket.on('update', (payload: unknown) => {
    if (payload) n++;
  });
  socket.on('connect', () => socket.emit('init', 'supervisor', auth.target, auth.id_session));
  for (let i = 0; i < 300 && (await child.subscribers()) < 1; i++) await new Promise((res) => setTimeout(res, 20));
  if ((await child.subscribers()) < 1) throw new Error('the bare Socket.IO client did not subscribe');
  return { received: () => n, stop: async () => void socket.close() };
}

export function bareReceiver(kind: string, child: SimChild): Promise<Receiver> {
  return kind === 'avaya' ? bareAvaya(child) : bareAxialys(child);
}
