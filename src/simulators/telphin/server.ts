/**
 * A scriptable Telphin on loopback (127.0.0.1, port 0): OAuth client credentials, queue agents,
 * agent event CRUD, limits, current calls, an hourly quota with X-RateLimit headers (429
 * `rate_limit_exceeded` when spent), and a PBX that calls the registered webhooks when agents log
 * in or out. Tests drive it through the returned control object and read its counters.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver, fireAgentEvents, type Delivery } from './pbx';
import { route, type RouteState } from './routes';
import { gmt, newCounters, QuotaWindow, type QuotaOptions, type SimAgent, type SimCall, type SimCounters, type SimEvent } from './state';

export interface TelphinSimOptions {
  clientId?: string;
  clientSecret?: string;
  /** The client's numeric id (usable instead of `@me` in paths). */
  clientNumber?: string;
  agents?: (Partial<SimAgent> & Pick<SimAgent, 'id' | 'type'>)[];
  quota?: QuotaOptions;
  /** Maximum number of agent events (GET /limit/); null: none stated. */
  eventLimit?: number | null;
  tokenTtlSec?: number;
  /** Whether agent lists carry each agent's `status` (default true). */
  agentStatusInList?: boolean;
  now?: () => number;
}

export interface TelphinSimulator {
  readonly url: string;
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly agents: Map<string, SimAgent>;
  readonly events: Map<string, SimEvent>;
  readonly calls: Map<string, SimCall>;
  readonly counters: SimCounters;
  readonly deliveries: Delivery[];
  readonly quota: QuotaWindow;
  /** Raw items appended to the agent lists and current calls (malformed input). */
  readonly junk: RouteState['junk'];
  /** Failure modes: `token` refuses credentials or is down; `api` answers 503 or 403. */
  failures: { token: null | 'invalid_client' | 'unavailable'; api: null | 'unavailable' | 'forbidden' };
  addAgent(a: Partial<SimAgent> & Pick<SimAgent, 'id' | 'type'>): SimAgent;
  removeAgent(id: string): void;
  /** Changes an agent's status and fires its events (only when the status changes); resolves when delivered. */
  setStatus(agentId: string, status: string, source?: 'phone' | 'api'): Promise<Delivery[]>;
  /** Calls a URL the way the PBX does (any fields, e.g. hostile ones). */
  deliver(url: string, method: 'GET' | 'POST', fields: Record<string, string>): Promise<Delivery>;
  /** Registers an event directly (e.g. another application's). */
  addEvent(agentId: string, e: Pick<SimEvent, 'url' | 'method' | 'event_type'>): SimEvent;
  /** Changes an event behind the connector's back. */
  driftEvent(eventId: string, patch: Partial<Pick<SimEvent, 'url' | 'method' | 'event_type'>>): void;
  startCall(agentId: string, opts?: { number?: string; flow?: 'IN' | 'OUT'; answered?: boolean }): string;
  /** A call waiting in a queue extension (nobody answered yet). */
  queueCall(queue: { id: number; name: string }, number: string): string;
  endCall(callId: string): void;
  /** Spends quota as another application of the same client would. */
  consumeQuota(n: number): void;
  /** Makes every issued token invalid (the next API request gets 401). */
  expireTokens(): void;
  /** Issues a new client secret: the old one is refused from now on (credentials rotated). */
  rotateSecret(): string;
  close(): Promise<void>;
}

function makeAgent(a: Partial<SimAgent> & Pick<SimAgent, 'id' | 'type'>): SimAgent {
  return {
    id: a.id,
    type: a.type,
    name: a.name ?? `Agent ${a.id}`,
    extensionId: a.type === 'local' ? (a.extensionId ?? String(1000 + Number(a.id))) : null,
    extensionName: a.type === 'local' ? (a.extensionName ?? `000*${a.id.padStart(3, '0')}@sim.telphin`) : null,
    number: a.type === 'remote' ? (a.number ?? `7999${a.id.padStart(7, '0')}`) : null,
    status: a.status ?? 'logged_out',
  };
}

async function readJson(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 1_000_000) break;
    chunks.push(c);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return { raw, json: raw ? (JSON.parse(raw) as unknown) : undefined };
  } catch {
    return { raw, json: undefined };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export async function startTelphinSimulator(opts: TelphinSimOptions = {}): Promise<TelphinSimulator> {
  const now = opts.now ?? Date.now;
  const clientId = opts.clientId ?? 'sim-app';
  let clientSecret = opts.clientSecret ?? `sim-secret-${randomBytes(8).toString('hex')}`;
  const clientNumber = opts.clientNumber ?? '12';
  const counters = newCounters();
  const quota = new QuotaWindow(opts.quota ?? { limit: 5000 }, counters);
  const agents = new Map<string, SimAgent>();
  for (const a of opts.agents ?? []) agents.set(a.id, makeAgent(a));
  const events = new Map<string, SimEvent>();
  const calls = new Map<string, SimCall>();
  const tokens = new Map<string, number>();
  const deliveries: Delivery[] = [];
  let eventSeq = 100;
  let callSeq = 0;
  const state: RouteState = {
    agents,
    events,
    calls,
    eventLimit: opts.eventLimit === undefined ? 100 : opts.eventLimit,
    agentStatusInList: opts.agentStatusInList ?? true,
    junk: { local: [], remote: [], calls: [] },
    nextEventId: () => String(++eventSeq),
    counters,
  };
  const failures: TelphinSimulator['failures'] = { token: null, api: null };

  const handleToken = async (req: IncomingMessage, res: ServerResponse) => {
    counters.tokenRequests++;
    const { raw } = await readJson(req);
    if (failures.token === 'unavailable') return send(res, 503, { error: 'temporarily_unavailable' });
    const form = new URLSearchParams(raw);
    if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    if (failures.token === 'invalid_client' || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      counters.tokenRefused++;
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const token = randomBytes(20).toString('hex');
    const ttl = opts.tokenTtlSec ?? 3600;
    tokens.set(token, now() + ttl * 1000);
    send(res, 200, { access_token: token, token_type: 'bearer', expires_in: ttl, scope: 'all' });
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    counters.apiRequests++;
    const method = (req.method ?? 'GET').toUpperCase();
    const routeKey = `${method} ${path.replace(/\/client\/[^/]+/, '/client/:ref').replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    counters.byRoute[routeKey] = (counters.byRoute[routeKey] ?? 0) + 1;
    const { json } = await readJson(req);
    const auth = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const expiry = auth ? tokens.get(auth[1]!) : undefined;
    if (expiry === undefined || expiry < now()) {
      counters.unauthorized++;
      return send(res, 401, { error: 'invalid_token', error_description: 'The access token is invalid or has expired' });
    }
    const t = now();
    if (!quota.take(t)) {
      counters.rateLimited++;
      return send(res, 429, { error: 'rate_limit_exceeded', error_description: 'Hourly request limit exceeded' }, quota.headers(t));
    }
    const headers = quota.headers(t);
    if (failures.api === 'unavailable') return send(res, 503, { error: 'service_unavailable' }, headers);
    if (failures.api === 'forbidden') return send(res, 403, { error: 'access_denied' }, headers);
    const m = /^\/client\/([^/]+)(\/.*)$/.exec(path);
    const ref = m ? decodeURIComponent(m[1]!) : null;
    if (!m || (ref !== '@me' && ref !== clientNumber)) return send(res, 404, { error: 'not_found' }, headers);
    const answer = route(state, method, m[2]!, json);
    if (!answer) return send(res, 404, { error: 'not_found' }, headers);
    send(res, answer.status, answer.body, headers);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const p = url.pathname;
    const work = p === '/oauth/token' && req.method === 'POST' ? handleToken(req, res) : p.startsWith('/api/ver1.0/') ? handleApi(req, res, p.slice('/api/ver1.0'.length)) : Promise.resolve(send(res, 404, { error: 'not_found' }));
    work.catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = (agent: SimAgent, number: string, flow: 'IN' | 'OUT', answered: boolean): SimCall => {
    const ext = agent.type === 'local' ? { id: Number(agent.extensionId), name: agent.extensionName ?? '', type: 'phone' } : null;
    const party = { caller_id_number: flow === 'IN' ? number : (agent.number ?? agent.extensionName ?? ''), called_number: flow === 'IN' ? (agent.number ?? agent.extensionName ?? '') : number };
    const t = now();
    return {
      call_id: `sim-call-${++callSeq}`,
      call_flow: flow,
      extension_id: ext?.id ?? null,
      caller_extension: flow === 'OUT' ? ext : null,
      called_extension: flow === 'IN' ? ext : null,
      ...party,
      init_time_gmt: gmt(t),
      answer_time_gmt: answered ? gmt(t) : null,
    };
  };

  return {
    url: base,
    apiBaseUrl: `${base}/api/ver1.0`,
    tokenUrl: `${base}/oauth/token`,
    clientId,
    get clientSecret() {
      return clientSecret;
    },
    agents,
    events,
    calls,
    counters,
    deliveries,
    quota,
    junk: state.junk,
    failures,
    addAgent(a) {
      const agent = makeAgent(a);
      agents.set(agent.id, agent);
      return agent;
    },
    removeAgent(id) {
      agents.delete(id);
      for (const e of [...events.values()]) if (e.agentId === id) events.delete(e.id);
    },
    async setStatus(agentId, status, source = 'phone') {
      const a = agents.get(agentId);
      if (!a) throw new Error(`no simulated agent ${agentId}`);
      if (a.status === status) return []; // Telphin fires only on a change
      a.status = status;
      return fireAgentEvents(a, status, source, events.values(), counters, deliveries);
    },
    deliver: (url, method, fields) => deliver(url, method, fields, counters, deliveries),
    addEvent(agentId, e) {
      const a = agents.get(agentId);
      if (!a) throw new Error(`no simulated agent ${agentId}`);
      const ev: SimEvent = { id: state.nextEventId(), agentId, agentType: a.type, ...e };
      events.set(ev.id, ev);
      return ev;
    },
    driftEvent(eventId, patch) {
      const e = events.get(eventId);
      if (!e) throw new Error(`no simulated event ${eventId}`);
      Object.assign(e, patch);
    },
    startCall(agentId, o = {}) {
      const a = agents.get(agentId);
      if (!a) throw new Error(`no simulated agent ${agentId}`);
      const c = call(a, o.number ?? '74950000000', o.flow ?? 'IN', o.answered ?? true);
      calls.set(c.call_id, c);
      return c.call_id;
    },
    queueCall(queue, number) {
      const t = now();
      const c: SimCall = {
        call_id: `sim-call-${++callSeq}`,
        call_flow: 'IN',
        extension_id: queue.id,
        caller_extension: null,
        called_extension: { id: queue.id, name: queue.name, type: 'queue' },
        caller_id_number: number,
        called_number: queue.name,
        init_time_gmt: gmt(t),
        answer_time_gmt: null,
      };
      calls.set(c.call_id, c);
      return c.call_id;
    },
    endCall(callId) {
      calls.delete(callId);
    },
    consumeQuota: (n) => quota.consume(n, now()),
    expireTokens: () => tokens.clear(),
    rotateSecret() {
      clientSecret = `sim-secret-${randomBytes(8).toString('hex')}`;
      tokens.clear();
      return clientSecret;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
