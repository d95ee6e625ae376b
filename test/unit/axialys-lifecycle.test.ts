/**
 * The Axialys connector's lifecycle on a fake clock: login variants, token renewal, re-init, gaps,
 * reconnects and auth failures. HTTP and sockets are in-memory fakes here; the integration tests run
 * the same connector against the simulator over real sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { Engine } from '../../src/core/engine';
import { memoryLogger } from '../../src/core/util/logger';
import { axialysFactory } from '../../src/core/connectors/axialys';
import type { AxSocket, AxSocketFactory } from '../../src/core/connectors/axialys/socket';
import { formatExpire } from '../../src/core/connectors/axialys/expire';
import type { AxialysSourceConfig } from '../../src/shared/sources';

class FakeSocket implements AxSocket {
  readonly handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  readonly emitted: unknown[][] = [];
  closed = false;
  constructor(readonly version: string) {}
  on(event: string, fn: (...a: never[]) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn as (...a: unknown[]) => void]);
  }
  emit(event: string, ...args: unknown[]): void {
    this.emitted.push([event, ...args]);
  }
  close(): void {
    this.closed = true;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  get inits(): unknown[][] {
    return this.emitted.filter((e) => e[0] === 'init');
  }
}

/** An in-memory Axialys: answers auth requests and the Engine.IO probe, records what it got. */
class FakeAxialys {
  lifetimeMs = 7_200_000;
  accepts: 'account_type' | 'count_type' = 'account_type';
  password = 'pw-s3cret-123';
  refuseRefresh = false;
  handshake = '0{"sid":"x"}';
  posts: { url: string; xjson: Record<string, unknown> | null; auth: string | null; body: string | null }[] = [];
  probes = 0;
  seq = 0;
  readonly sockets: FakeSocket[] = [];
  constructor(readonly clock: FakeClock) {}

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (url.includes('/socket.io/')) {
      this.probes++;
      return new Response(this.handshake, { status: 200 });
    }
    const xjson = headers.get('x-json') ? (JSON.parse(headers.get('x-json')!) as Record<string, unknown>) : null;
    this.posts.push({ url, xjson, auth: headers.get('authorization'), body: typeof init?.body === 'string' ? init.body : null });
    const expire = formatExpire(this.clock.now() + this.lifetimeMs);
    if (url.endsWith('/vm/token')) {
      const ok = headers.get('authorization') === `Basic ${Buffer.from(`sup:${this.password}`).toString('base64')}`;
      return ok ? json({ id_session: this.session(), expire, id_client: 666 }) : json({ error: 'unauthorized' }, 401);
    }
    const header = (xjson?.header ?? {}) as Record<string, unknown>;
    if (xjson?.requete === 'refresh_token') {
      return this.refuseRefresh ? json({ error: 'session inconnue' }, 403) : json({ id_session: this.session(), expire });
    }
    if (header[this.accepts] !== 'supervisor' || header.password !== this.password) return json({ status: 'KO', error: 'login refusé' });
    return json({
      ops: [{ id: 8, nom: 'Camille Martin', groupes: [391] }],
      groupes: [{ id: 391, nom: 'Service client' }],
      trunks: [],
      pauses: [{ id: 1, value: 'Déjeuner' }],
      target: 4521,
      id_session: this.session(),
      expire,
    });
  };

  factory: AxSocketFactory = (version) => {
    const s = new FakeSocket(version);
    this.sockets.push(s);
    return s;
  };

  get last(): FakeSocket {
    return this.sockets.at(-1)!;
  }
  private session(): string {
    return `sess-${++this.seq}`;
  }
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const config = (over: Partial<AxialysSourceConfig> = {}): AxialysSourceConfig => ({
  id: 'ax',
  vendor: 'axialys',
  mode: 'supervisor',
  login: 'sup',
  password: 'pw-s3cret-123',
  authUrl: 'http://127.0.0.1:9/ws/',
  socketUrl: 'http://127.0.0.1:9',
  socketIo: 'auto',
  ...over,
});

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
});

async function boot(over: Partial<AxialysSourceConfig> = {}, setup?: (ax: FakeAxialys) => void) {
  const clock = new FakeClock();
  const ax = new FakeAxialys(clock);
  setup?.(ax);
  const logger = memoryLogger();
  engine = new Engine({ clock, random: () => 0.5, logger, fetch: ax.fetch as never, factories: { axialysSocket: ax.factory }, registry: { axialys: axialysFactory } });
  engine.start([config(over)]);
  await clock.advance(0);
  const source = () => engine!.snapshot().sources.find((s) => s.id === 'ax')!;
  return { clock, ax, logger, source, engine };
}

/** Lets the fake socket connect and the session react. */
async function open(ax: FakeAxialys, clock: FakeClock): Promise<void> {
  ax.last.fire('connect');
  await clock.advance(0);
}

const update = (cpt: number, event: Record<string, unknown>) => ({ ts: null, elapse: 0, cpt, event });

describe('Axialys connector lifecycle', () => {
  it('logs in, probes the version, inits on every connect and reconnects with the same session', async () => {
    const { clock, ax, source, engine } = await boot();
    expect(ax.posts).toHaveLength(1);
    expect(ax.posts[0]!.xjson).toEqual({ requete: 'init', header: { login: 'sup', password: 'pw-s3cret-123', account_type: 'supervisor' }, msg: {} });
    expect(ax.probes).toBe(1);
    expect(ax.last.version).toBe('v4');
    await open(ax, clock);
    expect(ax.last.inits).toEqual([['init', 'supervisor', 4521, 'sess-1']]);
    expect(source()).toMatchObject({ status: 'live', mode: 'Socket.IO v4', info: expect.objectContaining({ socketIo: 'v4 (detected)', operators: 1 }) });
    expect(engine.snapshot().agents[0]).toMatchObject({ key: 'ax:8', name: 'Camille Martin', queues: ['ax:391'] });

    ax.last.fire('disconnect', 'transport close');
    await clock.advance(0);
    expect(source()).toMatchObject({ status: 'connecting', lastError: expect.stringContaining('transport close') });
    await clock.advance(1000);
    expect(ax.sockets).toHaveLength(2);
    await open(ax, clock);
    expect(ax.last.inits).toEqual([['init', 'supervisor', 4521, 'sess-1']]);
    expect(source().status).toBe('live');
    expect(ax.posts).toHaveLength(1);
    expect(ax.probes).toBe(1);
  });

  it('retries once with count_type when account_type is refused, and keeps using what worked', async () => {
    const { clock, ax, source } = await boot({}, (a) => (a.accepts = 'count_type'));
    expect(ax.posts.map((p) => Object.keys(p.xjson!.header as object)[2])).toEqual(['account_type', 'count_type']);
    await open(ax, clock);
    expect(source().status).toBe('live');
    ax.last.fire('disconnect', 'io server disconnect'); // the server dropped us: log in again
    await clock.advance(0);
    expect(ax.posts.map((p) => Object.keys(p.xjson!.header as object)[2])).toEqual(['account_type', 'count_type', 'count_type']);
  });

  it('wrong credentials: auth_failed with a clear message and no retry storm', async () => {
    const { clock, ax, source } = await boot({ password: 'wrong-password' });
    await clock.advance(10 * 60_000);
    expect(ax.posts).toHaveLength(2);
    expect(ax.sockets).toHaveLength(0);
    expect(source().status).toBe('auth_failed');
    expect(source().lastError).toMatch(/Axialys refused the supervisor login "sup" \(login refusé\): check the login and password/);
  });

  it('refreshes at 80 % of the token life and re-inits the socket with the new session', async () => {
    const { clock, ax, source } = await boot({}, (a) => (a.lifetimeMs = 1000_000));
    await open(ax, clock);
    await clock.advance(799_000);
    expect(ax.posts).toHaveLength(1);
    await clock.advance(2_000);
    expect(ax.posts).toHaveLength(2);
    expect(ax.posts[1]!.xjson).toEqual({ requete: 'refresh_token', header: { id_session: 'sess-1' }, msg: {} });
    expect(ax.last.inits.map((i) => i[3])).toEqual(['sess-1', 'sess-2']);
    expect(source()).toMatchObject({ status: 'live', info: expect.objectContaining({ tokenRenewals: 1 }) });
    await clock.advance(800_000);
    expect(ax.posts).toHaveLength(3);
    expect(ax.last.inits.map((i) => i[3])).toEqual(['sess-1', 'sess-2', 'sess-3']);
  });

  it('falls back to a full login when the refresh is refused', async () => {
    const { clock, ax } = await boot({}, (a) => {
      a.lifetimeMs = 100_000;
      a.refuseRefresh = true;
    });
    await open(ax, clock);
    await clock.advance(81_000);
    expect(ax.posts.map((p) => p.xjson!.requete)).toEqual(['init', 'refresh_token', 'init']);
    expect(ax.last.inits.map((i) => i[3])).toEqual(['sess-1', 'sess-2']);
  });

  it('stops with auth_failed when renewal is refused by both refresh and login', async () => {
    const { clock, ax, source } = await boot({}, (a) => {
      a.lifetimeMs = 100_000;
      a.refuseRefresh = true;
    });
    await open(ax, clock);
    ax.password = 'rotated';
    await clock.advance(81_000);
    expect(source().status).toBe('auth_failed');
    expect(ax.last.closed).toBe(true);
    await clock.advance(600_000);
    // init, refresh, then the login fallback (account_type, count_type)… and nothing more
    expect(ax.posts.map((p) => p.xjson!.requete)).toEqual(['init', 'refresh_token', 'init', 'init']);
  });

  it('a counter gap degrades the source, re-syncs names with a fresh login, then recovers', async () => {
    const { clock, ax, source } = await boot();
    await open(ax, clock);
    const login = { type_notification: 'UI', event: 'login', msg: { id_operator: 8 } };
    ax.last.fire('update', update(10, login));
    ax.last.fire('update', update(11, login));
    expect(source().status).toBe('live');
    ax.last.fire('update', update(15, login));
    await clock.advance(0);
    expect(source()).toMatchObject({ status: 'degraded', info: expect.objectContaining({ missedEvents: 3 }) });
    expect(source().lastError).toMatch(/3 events were missed \(event counter jumped from 11 to 15\)/);
    expect(ax.posts.map((p) => p.xjson!.requete)).toEqual(['init', 'init']);
    expect(ax.last.inits.map((i) => i[3])).toEqual(['sess-1', 'sess-2']);
    ax.last.fire('update', update(16, login));
    ax.last.fire('update', update(20, login)); // another gap soon after: no second re-sync
    await clock.advance(0);
    expect(ax.posts).toHaveLength(2);
    await clock.advance(59_000);
    expect(source().status).toBe('degraded');
    await clock.advance(2_000);
    expect(source()).toMatchObject({ status: 'live', lastError: null });
  });

  it('a reconnect during the degraded hold stays degraded, then recovers on time', async () => {
    const { clock, ax, source } = await boot();
    await open(ax, clock);
    const login = { type_notification: 'UI', event: 'login', msg: { id_operator: 8 } };
    ax.last.fire('update', update(1, login));
    ax.last.fire('update', update(4, login));
    await clock.advance(10_000);
    ax.last.fire('disconnect', 'transport close');
    for (let i = 0; i < 3; i++) {
      await clock.advance(4_000);
      ax.last.fire('connect_error', new Error('websocket error')); // the third ends the session
    }
    await clock.advance(0);
    expect(source().status).toBe('down');
    await clock.advance(2_000); // the next session logs in and connects
    await open(ax, clock);
    expect(source()).toMatchObject({ status: 'degraded', lastError: expect.stringContaining('2 events were missed') });
    await clock.advance(40_000);
    expect(source()).toMatchObject({ status: 'live', lastError: null });
  });

  it('a lower counter (server restart) is not a gap', async () => {
    const { ax, source, clock } = await boot();
    await open(ax, clock);
    const ev = { type_notification: 'UI', event: 'login', msg: { id_operator: 8 } };
    ax.last.fire('update', update(500, ev));
    ax.last.fire('update', update(1, ev));
    ax.last.fire('update', update(2, ev));
    expect(source().status).toBe('live');
  });

  it('a server disconnect means a fresh login before reconnecting', async () => {
    const { clock, ax } = await boot();
    await open(ax, clock);
    ax.last.fire('disconnect', 'io server disconnect');
    await clock.advance(1000);
    expect(ax.posts).toHaveLength(2);
    await open(ax, clock);
    expect(ax.last.inits[0]![3]).toBe('sess-2');
  });

  it('repeated connect failures end the session; the version is probed again after that', async () => {
    const { clock, ax, source } = await boot();
    ax.handshake = '97:0{"sid":"y"}'; // the server moved to Socket.IO v2 meanwhile
    for (let i = 0; i < 3; i++) {
      expect(source().status).toBe('connecting');
      ax.last.fire('connect_error', new Error('websocket error'));
      await clock.advance(i < 2 ? 2_000 : 0);
    }
    expect(ax.sockets.map((s) => s.version)).toEqual(['v4', 'v4', 'v4']);
    expect(source()).toMatchObject({ status: 'down', lastError: expect.stringContaining('could not open the notification socket') });
    await clock.advance(5_000);
    expect(ax.probes).toBe(2);
    expect(ax.last.version).toBe('v2');
    await open(ax, clock);
    expect(source()).toMatchObject({ status: 'live', mode: 'Socket.IO v2' });
  });

  it('an unrecognised handshake: v2 is assumed, and after repeated failures with it v4 is tried', async () => {
    const { clock, ax, source } = await boot({}, (a) => (a.handshake = '<html>blocked by proxy</html>'));
    for (let i = 0; i < 3; i++) {
      ax.last.fire('connect_error', new Error('websocket error'));
      await clock.advance(i < 2 ? 2_000 : 0);
    }
    expect(ax.sockets.map((s) => s.version)).toEqual(['v2', 'v2', 'v2']);
    await clock.advance(5_000);
    expect(ax.probes).toBe(2);
    expect(ax.last.version).toBe('v4');
    await open(ax, clock);
    expect(source()).toMatchObject({ status: 'live', mode: 'Socket.IO v4' });
  });

  it('a socket that never answers times out on the clock', async () => {
    const { clock, ax, source } = await boot();
    await clock.advance(12_000);
    expect(ax.sockets[0]!.closed).toBe(true);
    expect(source().lastError).toMatch(/no answer within 12 s/);
  });

  it('counts malformed and unknown frames without leaving live', async () => {
    const { ax, source, clock } = await boot();
    await open(ax, clock);
    ax.last.fire('update', 'garbage{');
    ax.last.fire('update', update(1, { type_notification: 'campaign', event: 'x', msg: {} }));
    ax.last.fire('update', update(2, { type_notification: 'operator', event: 'status', msg: { status: 'ringing' } }));
    expect(source()).toMatchObject({ status: 'live', counters: expect.objectContaining({ rejected: 2, unknown: 1 }) });
  });

  it('API-account mode: HTTP Basic token request, no names, init with the client id', async () => {
    const { ax, source, clock } = await boot({ mode: 'api', tokenUrl: 'http://127.0.0.1:9/vm/token', socketIo: 'v2' });
    expect(ax.posts).toHaveLength(1);
    expect(ax.posts[0]).toMatchObject({ url: 'http://127.0.0.1:9/vm/token', xjson: null, body: '{"user_type":"api"}' });
    expect(ax.probes).toBe(0);
    expect(ax.last.version).toBe('v2');
    await open(ax, clock);
    expect(ax.last.inits).toEqual([['init', 'supervisor', 666, 'sess-1']]);
    expect(source()).toMatchObject({ status: 'live', mode: 'Socket.IO v2', info: expect.objectContaining({ socketIo: 'v2 (configured)', authMode: 'api' }) });
  });

  it('stopping closes the socket and the source reads stopped', async () => {
    const { ax, source, engine, clock } = await boot();
    await open(ax, clock);
    await engine.stop();
    expect(ax.last.closed).toBe(true);
    expect(source().status).toBe('stopped');
  });
});
