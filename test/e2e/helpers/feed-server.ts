/**
 * A synthetic host for load tests: serves the built dashboard and speaks the collector's WebSocket
 * protocol with a generated floor — N agents, updates coalesced into batches every 50 ms like the
 * engine does. One "probe" agent carries the time its last change happened (in `pauseReason`) so the
 * page can measure event-to-screen latency.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Agent, Snapshot } from '../../../src/shared/model';
import { AlertSettingsSchema } from '../../../src/shared/settings';
import { RENDERER_OUT } from './build';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'";
export const PROBE_KEY = 'load:probe';

export interface FeedOptions {
  agents: number;
  /** Agent updates per second, spread over the batches. */
  eventsPerSec: number;
  batchMs?: number;
  /** Folder of the dashboard build (default out/renderer). */
  staticDir?: string;
}

export interface FeedServer {
  url: string;
  stop(): Promise<void>;
  sentEvents(): number;
}

const STATES: Agent['state'][] = ['available', 'on_call', 'wrap_up', 'paused', 'ringing'];

function makeAgent(i: number, now: number): Agent {
  return {
    key: `load:${i}`,
    sourceId: 'load',
    vendorId: String(i),
    name: `Agent ${String(i).padStart(5, '0')}`,
    state: STATES[i % STATES.length]!,
    stateSince: now - (i % 600) * 1000,
    pauseReason: null,
    vendorState: null,
    call: null,
    network: { latencyMs: 50 + (i % 400), txJitterMs: i % 50, rxJitterMs: (i * 7) % 50, txLossPct: (i % 30) / 10, rxLossPct: 0, rejectionPct: 0, ip: `10.0.${i % 250}.${i % 200}`, sampledAt: now },
  };
}

export async function startFeedServer(opts: FeedOptions): Promise<FeedServer> {
  const batchMs = opts.batchMs ?? 50;
  const root = opts.staticDir ?? RENDERER_OUT;
  const now0 = Date.now();
  const agents = Array.from({ length: opts.agents }, (_, i) => makeAgent(i, now0));
  const probe: Agent = { ...makeAgent(-1, now0), key: PROBE_KEY, vendorId: 'probe', name: 'AAA probe', state: 'paused', pauseReason: `t=${now0}` };
  const sources = [{ id: 'load', vendor: 'wolkvox' as const, name: 'Load', status: 'live' as const, lastEventAt: now0, lastError: null }];
  let sent = 0;
  let pending = new Map<string, Agent>();

  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ server, path: '/api/stream', perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    const snap: Snapshot = { at: Date.now(), sources, agents: [probe, ...agents], queues: [], sites: [], alerts: [], lines: [], log: [] };
    ws.send(JSON.stringify({ type: 'snapshot', ...snap }));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { id: number; channel: string };
      const value =
        m.channel === 'settings:get'
          ? { version: 1, alerts: AlertSettingsSchema.parse({}), ui: { language: 'en', theme: 'system' }, app: { startAtLogin: false, hideOnClose: true, autoUpdate: true, webhookPort: 0 }, sources: [], secretStorage: 'env', host: 'collector', editable: false }
          : m.channel === 'history:get'
            ? []
            : null;
      ws.send(JSON.stringify({ type: 'result', id: m.id, ok: true, value }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));

  // Events happen at their own pace; the host flushes them every batchMs, as the engine does.
  const perTick = Math.max(1, Math.round((opts.eventsPerSec * 10) / 1000));
  let cursor = 0;
  const events = setInterval(() => {
    const now = Date.now();
    for (let k = 0; k < perTick; k++) {
      const i = cursor++ % agents.length;
      const a = agents[i]!;
      const state = STATES[(STATES.indexOf(a.state) + 1) % STATES.length]!;
      agents[i] = { ...a, state, stateSince: now, network: { ...a.network!, latencyMs: 50 + ((a.network!.latencyMs ?? 0) * 7) % 450, sampledAt: now } };
      pending.set(a.key, agents[i]!);
    }
    pending.set(PROBE_KEY, { ...probe, pauseReason: `t=${now}`, stateSince: now0 });
  }, 10);
  const flush = setInterval(() => {
    if (!pending.size) return;
    const upsert = [...pending.values()];
    pending = new Map();
    sent += upsert.length;
    const text = JSON.stringify({ type: 'patch', at: Date.now(), upsert: { agents: upsert }, remove: {} });
    for (const c of clients) c.send(text);
  }, batchMs);

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sentEvents: () => sent,
    stop: async () => {
      clearInterval(events);
      clearInterval(flush);
      for (const c of clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
