/**
 * A scriptable loopback Avaya AXP: REST (token, producer management, Notification API) and the
 * realtime WebSocket on one 127.0.0.1 port. Tests script agents and queues, inject failures (per route
 * HTTP errors and delays, WebSocket authentication statuses, PENDING subscriptions, unanswered pings)
 * and read what it received (requests, tokens, subscriptions created/renewed/deleted, pings).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { agentMeasures, DEFAULT_SIM_PRODUCERS, queueMeasures, type AgentSpec, type QueueSpec, type SimProducer } from './catalog';
import { handleRequest } from './routes';
import { handleConnection } from './sockets';
import type { RecordedRequest, RouteName, ScriptedFailure, SimConnection, SimEntity, SimSubscription, SimToken } from './types';
import { problem } from './types';

export interface AvayaSimOptions {
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  appKey?: string;
  tokenLifetimeSec?: number;
  /** Shorter subscription lifetime than the token's (never longer: a subscription expires with its token). */
  subscriptionLifetimeSec?: number | null;
  /** `transport.pingInterval` announced to clients (seconds). */
  pingIntervalSec?: number;
  producers?: SimProducer[];
}

export const AGENT_ITD = 'Agent_itd_1.0.0';
export const QUEUE_ITD = 'Queue_itd_1.0.0';

export class AvayaSimulator {
  readonly accountId: string;
  readonly clientId: string;
  /** The secret the token endpoint accepts (a test may rotate it: the old one is then refused). */
  clientSecret: string;
  readonly appKey: string;
  readonly producers: SimProducer[];
  tokenLifetimeSec: number;
  subscriptionLifetimeSec: number | null;
  pingIntervalSec: number;
  // ---- scripting ----
  /** Statuses to answer to the next authentications instead of checking (one per connection). */
  authStatuses: string[] = [];
  /** Event name of the authentication answer (production also sends `AUTHENTICATION_RESPONSE`). */
  authResponseEvent = 'authenticationResponse';
  /** New subscriptions start PENDING for this many GETs (Infinity: stay PENDING). */
  pendingPolls = 0;
  answerPings = true;
  delays: Partial<Record<RouteName, number>> = {};
  private failures: ScriptedFailure[] = [];
  // ---- records ----
  readonly requests: RecordedRequest[] = [];
  readonly tokens: SimToken[] = [];
  readonly subscriptions = new Map<string, SimSubscription>();
  readonly created: string[] = [];
  readonly renewals: { id: string; token: string; at: number }[] = [];
  readonly deletes: string[] = [];
  readonly authMessages: { subscriptionId: string; token: string; status: string; at: number }[] = [];
  readonly pings: { at: number; subscriptionId: string | null }[] = [];
  readonly clientMessages: string[] = [];
  readonly connections = new Set<SimConnection>();
  connectionCount = 0;
  private readonly entities = new Map<string, Map<string, SimEntity>>();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  port = 0;

  constructor(opts: AvayaSimOptions = {}) {
    this.accountId = opts.accountId ?? 'SIMACC';
    this.clientId = opts.clientId ?? 'sim-client';
    this.clientSecret = opts.clientSecret ?? 'sim-client-secret-0001';
    this.appKey = opts.appKey ?? 'sim-appkey-0001';
    this.tokenLifetimeSec = opts.tokenLifetimeSec ?? 900;
    this.subscriptionLifetimeSec = opts.subscriptionLifetimeSec ?? null;
    this.pingIntervalSec = opts.pingIntervalSec ?? 300;
    this.producers = opts.producers ?? DEFAULT_SIM_PRODUCERS;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Origin announced in subscription endpoints, e.g. a proxy in front of the simulator (null: its own). */
  publicOrigin: string | null = null;

  get wsEndpoint(): string {
    return `${(this.publicOrigin ?? this.url).replace(/^http/, 'ws')}/ws/notification`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      handleRequest(this, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    const wss = new WebSocketServer({ noServer: true, autoPong: false, maxPayload: 64 * 1024 });
    server.on('upgrade', (req, socket, head) => {
      if (!(req.url ?? '').startsWith('/ws/notification')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => handleConnection(this, ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as AddressInfo).port;
    this.sweeper = setInterval(() => this.expireSubscriptions(), 100);
    this.sweeper.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const c of this.connections) c.ws.terminate();
    this.wss?.close();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  // ---- tokens and subscriptions ----------------------------------------------------------------
  issueToken(): SimToken {
    const now = Date.now();
    const t = { value: `sim-at-${randomBytes(18).toString('hex')}`, issuedAt: now, expiresAt: now + this.tokenLifetimeSec * 1000 };
    this.tokens.push(t);
    return t;
  }

  tokenValid(value: string | null): boolean {
    const t = value ? this.tokens.find((x) => x.value === value) : undefined;
    return Boolean(t && Date.now() < t.expiresAt);
  }

  /** A subscription lives as long as the token that created or renewed it (or shorter, if scripted). */
  subscriptionExpiry(token: string): number {
    const t = this.tokens.find((x) => x.value === token);
    const byToken = t ? t.expiresAt : Date.now();
    return this.subscriptionLifetimeSec === null ? byToken : Math.min(byToken, Date.now() + this.subscriptionLifetimeSec * 1000);
  }

  createSubscription(producerId: string, owner: SimSubscription['owner'], token: string | null): SimSubscription {
    const pending = owner === 'client' && this.pendingPolls > 0;
    const s: SimSubscription = {
      id: randomUUID(),
      producerId,
      status: pending ? 'PENDING' : 'ACTIVE',
      pendingPolls: this.pendingPolls,
      expiresAt: token ? this.subscriptionExpiry(token) : Date.now() + this.tokenLifetimeSec * 1000,
      owner,
      deleted: false,
    };
    this.subscriptions.set(s.id, s);
    if (owner === 'client') this.created.push(s.id);
    return s;
  }

  /** A subscription someone else made on the same account (the connector must never touch it). */
  addForeignSubscription(producerId = AGENT_ITD): string {
    return this.createSubscription(producerId, 'foreign', null).id;
  }

  subscriptionBody(s: SimSubscription): unknown {
    return {
      subscriptionId: s.id,
      accountId: this.accountId,
      family: 'ANALYTICS',
      events: ['ALL'],
      status: s.status,
      expiresIn: Math.max(0, Math.round((s.expiresAt - Date.now()) / 1000)),
      transport: { type: 'WEBSOCKET', endpoint: this.wsEndpoint, pingInterval: this.pingIntervalSec },
      extensions: { measureProducerId: s.producerId },
    };
  }

  /** Subscriptions past their expiry become INACTIVE and their sockets close. */
  private expireSubscriptions(): void {
    const now = Date.now();
    for (const s of this.subscriptions.values()) {
      if (s.deleted || s.status === 'INACTIVE' || s.owner !== 'client' || now < s.expiresAt) continue;
      s.status = 'INACTIVE';
      this.closeSubscription(s.id, 4001, 'subscription expired');
    }
  }

  closeSubscription(id: string, code: number, reason: string): void {
    for (const c of this.connections) if (c.subscriptionId === id) c.ws.close(code, reason);
  }

  // ---- scripting -------------------------------------------------------------------------------
  /** The next `times` requests to `route` answer `status` with a problem body (or `body`). */
  failNext(route: RouteName, status: number, body?: unknown, times = 1): void {
    this.failures.push({ route, status, body: body ?? problem(status, status >= 500 ? 'Internal Server Error' : 'Error', `Scripted failure of ${route}`).body, times });
  }

  takeFailure(route: RouteName): ScriptedFailure | null {
    const f = this.failures.find((x) => x.route === route && x.times > 0);
    if (!f) return null;
    f.times--;
    return f;
  }

  entitiesOf(producerId: string): SimEntity[] {
    return [...(this.entities.get(producerId)?.values() ?? [])];
  }

  frame(producerId: string, e: SimEntity, eventAction: 'UPSERT' | 'DELETE', payloadType: 'INITIALIZING' | 'LIVE'): unknown {
    return { accountId: this.accountId, keys: e.keys, eventAction, eventSourceId: 'IXCC_1.0.0', measureProducerId: producerId, payloadType, measures: eventAction === 'DELETE' ? {} : e.measures };
  }

  /** Sets an entity's measures (merged); sends a LIVE UPSERT unless `silent`. */
  upsert(producerId: string, keys: Record<string, string>, measures: Record<string, string>, silent = false): void {
    let map = this.entities.get(producerId);
    if (!map) this.entities.set(producerId, (map = new Map()));
    const id = JSON.stringify(keys);
    const e = map.get(id) ?? { keys, measures: {} };
    e.measures = { ...e.measures, ...measures };
    map.set(id, e);
    if (!silent) this.broadcast(producerId, this.frame(producerId, e, 'UPSERT', 'LIVE'));
  }

  /** Removes an entity; sends a LIVE DELETE unless `silent` (then only a new snapshot shows it gone). */
  remove(producerId: string, keys: Record<string, string>, silent = false): void {
    const id = JSON.stringify(keys);
    const e = this.entities.get(producerId)?.get(id);
    if (!e) return;
    this.entities.get(producerId)!.delete(id);
    if (!silent) this.broadcast(producerId, this.frame(producerId, e, 'DELETE', 'LIVE'));
  }

  setAgent(agentId: string, spec: Partial<AgentSpec> & { name: string; state: string }, silent = false): void {
    const now = Date.now();
    const full: AgentSpec = { since: now, loggedInAt: now - 3_600_000, ...spec };
    this.upsert(AGENT_ITD, { agentId }, agentMeasures(full, now), silent);
  }

  setQueue(queueId: string, spec: Partial<QueueSpec> & { name: string }, silent = false): void {
    this.upsert(QUEUE_ITD, { queueId }, queueMeasures({ queueing: 0, offered: 0, answered: 0, completed: 0, abandoned: 0, ...spec }), silent);
  }

  /** Sends any text to the confirmed sockets of a producer (malformed frames, unknown events). */
  sendRaw(producerId: string, text: string): void {
    for (const c of this.connections) if (c.confirmed && c.producerId === producerId) c.ws.send(text);
  }

  broadcast(producerId: string, frame: unknown): void {
    this.sendRaw(producerId, JSON.stringify(frame));
  }

  /** Kills every socket without a close handshake (network loss). */
  dropConnections(): void {
    for (const c of this.connections) c.ws.terminate();
  }

  confirmedConnections(): number {
    let n = 0;
    for (const c of this.connections) if (c.confirmed) n++;
    return n;
  }
}

export async function startAvayaSimulator(opts: AvayaSimOptions = {}): Promise<AvayaSimulator> {
  return new AvayaSimulator(opts).start();
}
