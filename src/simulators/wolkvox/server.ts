/**
 * A loopback Wolkvox real-time API (`/api/v2/real_time.php?api=…`, header `wolkvox-token`) for
 * tests and the demo. It refuses like the real one (401 without token, 403 PLEASE VALIDATE TOKEN,
 * TOKEN LIMIT EXCEEDED past the daily quota, EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN,
 * 400 for an unknown report), can be told to fail in other ways, and records what it received —
 * including the highest number of requests it ever saw in flight at once per token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { agentsBody, latencyBody, skillsBody } from './reports';
import { SimTeam } from './team';

export type SimReport = 'latency' | 'agents' | 'skills';
export type FailureMode =
  | 'invalid_token' // 403 PLEASE VALIDATE TOKEN
  | 'missing_token' // 401
  | 'token_limit' // 403 TOKEN LIMIT EXCEEDED
  | 'simultaneous' // 403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)
  | 'maintenance' // 403 with another text
  | 'envelope_403' // HTTP 200 whose envelope says 403 PLEASE VALIDATE TOKEN
  | 'bad_request' // 400
  | 'server_error' // 502
  | 'malformed' // 200 with a body that is not JSON
  | 'wrong_shape' // 200 JSON with an unusable data field
  | 'hang' // never answers
  | 'drop'; // closes the connection

export interface WolkvoxSimOptions {
  /** Tokens the server accepts. */
  tokens?: string[];
  /** Daily uses per token; null = unlimited. */
  quotaPerDay?: number | null;
  /** Concurrent requests per token before refusing (Wolkvox: 2). */
  maxSimultaneous?: number;
  /** Time each answer takes (so overlapping requests are observable). */
  responseDelayMs?: number;
  team?: SimTeam;
  now?: () => number;
  /** The zone the account writes `last_date` in (IANA name); absent: this computer's. */
  timeZone?: string;
}

export interface TokenStats {
  requests: number;
  served: number;
  inFlight: number;
  maxConcurrent: number;
  refusedSimultaneous: number;
}

export interface RequestRecord {
  at: number;
  report: string | null;
  token: string | null;
  /** HTTP status sent; 0 = connection dropped; null = not answered (yet). */
  status: number | null;
}

interface Failure {
  mode: FailureMode;
  report: SimReport | null;
  times: number;
}

const ERR = (code: number, error: string) => ({ code, error, msg: null, data: null });

export class WolkvoxSimulator {
  readonly team: SimTeam;
  readonly requests: RequestRecord[] = [];
  private readonly tokens: Set<string>;
  private readonly perToken = new Map<string, TokenStats>();
  private readonly bodies = new Map<SimReport, unknown>();
  private failures: Failure[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private readonly now: () => number;
  private day = '';
  quotaPerDay: number | null;
  maxSimultaneous: number;
  responseDelayMs: number;
  timeZone: string | undefined;
  url = '';

  constructor(opts: WolkvoxSimOptions = {}) {
    this.tokens = new Set(opts.tokens ?? ['sim-token']);
    this.quotaPerDay = opts.quotaPerDay ?? null;
    this.maxSimultaneous = opts.maxSimultaneous ?? 2;
    this.responseDelayMs = opts.responseDelayMs ?? 10;
    this.team = opts.team ?? new SimTeam();
    this.now = opts.now ?? Date.now;
    this.timeZone = opts.timeZone;
  }

  /** Listens on 127.0.0.1 with a free port; resolves with the base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Fails the next `times` requests (default: until cleared), optionally of one report only. */
  fail(mode: FailureMode, opts: { report?: SimReport; times?: number } = {}): void {
    this.failures.push({ mode, report: opts.report ?? null, times: opts.times ?? Infinity });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Replaces the tokens the server accepts (a token revoked, a new one issued). */
  setTokens(tokens: string[]): void {
    this.tokens.clear();
    for (const t of tokens) this.tokens.add(t);
  }

  /** Serves this body (an object as JSON, a string verbatim) instead of the team's report; undefined restores. */
  setBody(report: SimReport, body: unknown): void {
    if (body === undefined) this.bodies.delete(report);
    else this.bodies.set(report, body);
  }

  /** Counters of one token (requests, max seen in flight at once…). */
  stats(token: string): TokenStats {
    return { ...(this.perToken.get(token) ?? { requests: 0, served: 0, inFlight: 0, maxConcurrent: 0, refusedSimultaneous: 0 }) };
  }

  /** Requests received, optionally of one report. */
  count(report?: SimReport): number {
    return report ? this.requests.filter((r) => r.report === report).length : this.requests.length;
  }

  private tokenStats(token: string): TokenStats {
    let s = this.perToken.get(token);
    if (!s) this.perToken.set(token, (s = { requests: 0, served: 0, inFlight: 0, maxConcurrent: 0, refusedSimultaneous: 0 }));
    return s;
  }

  /** The quota is per local day, like Wolkvox's. */
  private rollDay(): void {
    const d = new Date(this.now());
    const day = `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
    if (day === this.day) return;
    this.day = day;
    for (const s of this.perToken.values()) s.served = 0;
  }

  private takeFailure(report: SimReport | null): FailureMode | null {
    const f = this.failures.find((x) => x.report === null || x.report === report);
    if (!f) return null;
    if (--f.times <= 0) this.failures.splice(this.failures.indexOf(f), 1);
    return f.mode;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = url.searchParams.get('api');
    const report = api === 'latency' || api === 'agents' || api === 'skills' ? api : null;
    const header = req.headers['wolkvox-token'];
    const token = typeof header === 'string' && header !== '' ? header : null;
    this.rollDay();
    const stats = this.tokenStats(token ?? '(none)');
    stats.requests++;
    stats.inFlight++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.inFlight);
    res.on('close', () => stats.inFlight--);
    const record: RequestRecord = { at: this.now(), report: api, token, status: null };
    this.requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      if (res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' });
      res.end(text);
    };
    const failure = this.takeFailure(report);
    if (failure === 'hang') return;
    if (failure === 'drop') {
      record.status = 0;
      return void req.socket.destroy();
    }
    setTimeout(() => this.answer(url, report, token, stats, failure, send), this.responseDelayMs);
  }

  private answer(
    url: URL,
    report: SimReport | null,
    token: string | null,
    stats: TokenStats,
    failure: FailureMode | null,
    send: (status: number, body: unknown) => void,
  ): void {
    if (stats.inFlight > this.maxSimultaneous || failure === 'simultaneous') {
      stats.refusedSimultaneous++;
      return send(403, ERR(403, `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${this.maxSimultaneous})`));
    }
    if (failure === 'missing_token' || !token) return send(401, ERR(401, 'TOKEN HEADER IS REQUIRED'));
    if (failure === 'invalid_token' || !this.tokens.has(token)) return send(403, { code: '403', error: 'PLEASE VALIDATE TOKEN', msg: null, data: null });
    if (failure === 'envelope_403') return send(200, { code: '403', error: 'PLEASE VALIDATE TOKEN', msg: null, data: [] });
    if (failure === 'token_limit' || (this.quotaPerDay !== null && stats.served >= this.quotaPerDay)) return send(403, ERR(403, 'TOKEN LIMIT EXCEEDED'));
    if (failure === 'maintenance') return send(403, ERR(403, 'SERVICE TEMPORARILY UNAVAILABLE'));
    if (failure === 'server_error') return send(502, '<html><body>502 Bad Gateway</body></html>');
    if (url.pathname !== '/api/v2/real_time.php') return send(404, ERR(404, 'NOT FOUND'));
    if (failure === 'bad_request' || !report) return send(400, ERR(400, 'API NOT FOUND'));
    if (report === 'skills' && !url.searchParams.get('skill_id')) return send(400, ERR(400, 'MISSING PARAMETER skill_id'));
    stats.served++;
    if (failure === 'malformed') return send(200, '<html><body>Internal error</body></html>');
    if (failure === 'wrong_shape') return send(200, { code: 200, error: null, msg: 'x records were found', data: 'unavailable' });
    const override = this.bodies.get(report);
    if (override !== undefined) return send(200, override);
    if (report === 'latency') return send(200, latencyBody(this.team, this.timeZone));
    if (report === 'agents') return send(200, agentsBody(this.team, this.now()));
    return send(200, skillsBody(this.team));
  }
}
