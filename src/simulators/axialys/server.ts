/**
 * A scriptable Axialys Voice Management on loopback: the supervisor auth endpoint (`POST /ws/` with
 * the request in `X-JSON`: `init`, `refresh_token`), the API-account token endpoint (`POST
 * /vm/token`, HTTP Basic) and a Socket.IO notification server, as Socket.IO v2 or v4. Tests script
 * `update` events, counter gaps, session expiry and restarts, and read counters of what it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { attachIo, type Heartbeat, type SimIo, type SimSocket } from './io-server';
import { DEFAULT_DIRECTORY, type SimDirectory } from './directory';
import type { SimEvent } from './frames';
import { formatExpire } from '../../core/connectors/axialys/expire';

export interface AxialysSimOptions {
  socketIo: 'v2' | 'v4';
  login?: string;
  password?: string;
  /** Token lifetime in seconds (Axialys: 2 h). */
  lifetimeSec?: number;
  /** Which field naming the account type the server accepts (the doc shows both). */
  typeField?: 'account_type' | 'count_type' | 'both';
  /** How a refused login is answered: an HTTP 403, or a 200 whose JSON carries an error. */
  refuse?: 'http' | 'json';
  /** Drop sockets whose session expired (checked every 250 ms). */
  enforceExpiry?: boolean;
  directory?: SimDirectory;
  /** Wall clock (seconds are sent as `ts`). */
  now?: () => number;
  /** Engine.IO heartbeat of the notification server (shorter than the defaults in tests). */
  heartbeat?: Heartbeat;
  /** The account's client id, which opens the feed of an API token (default 174808, as in the seed). */
  clientId?: number;
}

/** The client id of the seed's examples. */
export const SIM_CLIENT_ID = 174808;

export interface InitRecord {
  socketId: string;
  role: unknown;
  target: unknown;
  session: unknown;
  accepted: boolean;
}

interface Session {
  id: string;
  expiresAt: number;
  /** An API token opens the feed with the account's client id; a supervisor login with its target. */
  kind: 'supervisor' | 'api';
}

export class AxialysSimulator {
  /** `connections` counts Socket.IO connections (with a v2 server an Engine.IO probe opens one too). */
  readonly counters = { authPosts: 0, logins: 0, refusedLogins: 0, refreshes: 0, apiTokens: 0, probes: 0, connections: 0, updatesSent: 0 };
  /** Every `init` received, in order. */
  readonly inits: InitRecord[] = [];
  /** Account-type fields seen in `init` logins, in order. */
  readonly typeFieldsSeen: string[] = [];
  private readonly http: Server;
  private io: SimIo | null = null;
  private readonly sessions = new Map<string, Session>();
  /** Initialised sockets → the session they were initialised with. */
  private readonly live = new Map<SimSocket, string>();
  private readonly sockets = new Set<SimSocket>();
  private cpt = 0;
  private authFailure: number | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly initListeners = new Set<() => void>();
  directory: SimDirectory;
  port = 0;

  constructor(readonly options: AxialysSimOptions) {
    this.now = options.now ?? Date.now;
    this.directory = options.directory ?? DEFAULT_DIRECTORY;
    this.http = createServer((req, res) => void this.route(req, res));
  }

  get login(): string {
    return this.options.login ?? 'supervisor@demo';
  }
  get password(): string {
    return this.options.password ?? 'demo-password';
  }
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get authUrl(): string {
    return `${this.origin}/ws/`;
  }
  get tokenUrl(): string {
    return `${this.origin}/vm/token`;
  }
  /** Sockets that sent a valid `init`. */
  get subscribers(): number {
    return this.live.size;
  }
  get currentCpt(): number {
    return this.cpt;
  }

  async start(): Promise<this> {
    this.io = attachIo(this.options.socketIo, this.http, '/socket.io/', this.options.heartbeat);
    this.io.onConnection((s) => this.onSocket(s));
    // After Socket.IO wrapped the request listeners, so that its handshakes are counted too.
    this.http.prependListener('request', (req: IncomingMessage) => {
      if (req.url?.startsWith('/socket.io/') && req.url.includes('transport=polling')) this.counters.probes++;
    });
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    if (this.options.enforceExpiry) this.expiryTimer = setInterval(() => this.dropExpired(), 250);
    this.expiryTimer?.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    for (const s of this.sockets) s.disconnect();
    await this.io?.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- scripting -------------------------------------------------------------------------------
  /** Sends one event to every initialised socket, as `{ts, elapse, cpt, event}`. */
  send(event: SimEvent, opts: { elapse?: number; ts?: number } = {}): number {
    this.cpt++;
    this.sendRaw({ ts: opts.ts ?? Math.floor(this.now() / 1000), elapse: opts.elapse ?? 0, event, cpt: this.cpt });
    return this.cpt;
  }

  /** Called after every accepted `init` (the demo replays the current state to a new subscriber). */
  onInit(listener: () => void): () => void {
    this.initListeners.add(listener);
    return () => this.initListeners.delete(listener);
  }

  /** Sends any payload as an `update` (malformed frames, bare events, strings). */
  sendRaw(payload: unknown): void {
    for (const s of this.live.keys()) s.emit('update', payload);
    this.counters.updatesSent++;
  }

  /** Loses `n` events: the next one's counter jumps. */
  skip(n: number): void {
    this.cpt += n;
  }

  /** The next auth requests answer this HTTP status (null: normal service). */
  failAuth(status: number | null): void {
    this.authFailure = status;
  }

  /** Every session becomes invalid and the server disconnects every socket (`io server disconnect`). */
  expireSessions(): void {
    this.sessions.clear();
    for (const s of [...this.sockets]) s.disconnect();
    this.live.clear();
  }

  /** A server restart: connections cut, the event counter starts again; sessions survive. */
  restart(): void {
    this.cpt = 0;
    this.dropAll();
  }

  /** The network fails under the sockets (the client sees `transport close`, not a server disconnect). */
  dropAll(): void {
    for (const s of [...this.sockets]) s.drop();
    this.live.clear();
  }

  // ---- HTTP ------------------------------------------------------------------------------------
  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/ws/' || path === '/vm/token')) {
      this.counters.authPosts++;
      if (this.authFailure !== null) return reply(res, this.authFailure, { error: 'service unavailable' });
      return path === '/ws/' ? this.wsRequest(req, res) : this.apiToken(req, res, body);
    }
    reply(res, 404, { error: 'not found' });
  }

  private wsRequest(req: IncomingMessage, res: ServerResponse): void {
    let x: { requete?: unknown; header?: Record<string, unknown> };
    try {
      x = JSON.parse(String(req.headers['x-json'] ?? '')) as typeof x;
    } catch {
      return reply(res, 400, { error: 'X-JSON header missing or not JSON' });
    }
    const h = x.header ?? {};
    if (x.requete === 'init') {
      const field = 'account_type' in h ? 'account_type' : 'count_type' in h ? 'count_type' : '';
      this.typeFieldsSeen.push(field);
      const accepts = this.options.typeField ?? 'both';
      const fieldOk = (accepts === 'both' || accepts === field) && h[field] === 'supervisor';
      if (!fieldOk || h.login !== this.login || h.password !== this.password) return this.refuse(res);
      this.counters.logins++;
      const s = this.newSession();
      const d = this.directory;
      return reply(res, 200, { requete: 'init', ops: d.ops, groupes: d.groupes, trunks: d.trunks, pauses: d.pauses, target: d.target, id_session: s.id, expire: formatExpire(s.expiresAt) });
    }
    if (x.requete === 'refresh_token') {
      const old = this.validSession(h.id_session);
      if (!old) return this.refuse(res);
      this.counters.refreshes++;
      const s = this.newSession(old.kind);
      return reply(res, 200, { id_session: s.id, expire: formatExpire(s.expiresAt) });
    }
    reply(res, 400, { error: `unknown requete ${String(x.requete)}` });
  }

  private apiToken(req: IncomingMessage, res: ServerResponse, body: string): void {
    const auth = String(req.headers.authorization ?? '');
    const [user, pass] = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64').toString('utf8').split(':');
    let kind: unknown;
    try {
      kind = (JSON.parse(body) as { user_type?: unknown }).user_type;
    } catch {
      kind = null;
    }
    if (!/^Basic\s/i.test(auth) || user !== this.login || pass !== this.password || (kind !== 'api' && kind !== 'agent')) return this.refuse(res);
    this.counters.apiTokens++;
    const s = this.newSession('api');
    // As the seed's answer: the session and its expiry; the client id is the one given with the account.
    reply(res, 200, { id_session: s.id, expire: formatExpire(s.expiresAt) });
  }

  private refuse(res: ServerResponse): void {
    this.counters.refusedLogins++;
    if (this.options.refuse === 'json') return reply(res, 200, { status: 'KO', error: 'authentification refusée' });
    reply(res, 403, { error: 'authentication failed' });
  }

  private newSession(kind: Session['kind'] = 'supervisor'): Session {
    const s: Session = { id: randomBytes(12).toString('hex'), expiresAt: this.now() + (this.options.lifetimeSec ?? 7200) * 1000, kind };
    this.sessions.set(s.id, s);
    return s;
  }

  private validSession(id: unknown): Session | null {
    const s = typeof id === 'string' ? this.sessions.get(id) : undefined;
    return s && s.expiresAt > this.now() ? s : null;
  }

  // ---- Socket.IO -------------------------------------------------------------------------------
  private onSocket(s: SimSocket): void {
    this.counters.connections++;
    this.sockets.add(s);
    s.on('disconnect', () => {
      this.sockets.delete(s);
      this.live.delete(s);
    });
    s.on('init', (role, target, session) => {
      const valid = this.validSession(session);
      const expected = valid?.kind === 'api' ? (this.options.clientId ?? SIM_CLIENT_ID) : this.directory.target;
      const accepted = role === 'supervisor' && valid !== null && String(target) === String(expected);
      this.inits.push({ socketId: s.id, role, target, session, accepted });
      if (!accepted) {
        this.live.delete(s);
        s.disconnect();
        return;
      }
      this.live.set(s, session as string);
      for (const l of this.initListeners) l();
    });
  }

  private dropExpired(): void {
    for (const [s, id] of [...this.live]) {
      if (this.validSession(id)) continue;
      this.live.delete(s);
      s.disconnect();
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      if (data.length < 65_536) data += c;
    });
    req.on('end', () => resolve(data));
    req.on('error', () => resolve(data));
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
