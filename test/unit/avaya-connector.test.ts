import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from '../fakes/clock';
import { AvayaConnector } from '../../src/core/connectors/avaya/connector';
import type { ConnectorContext } from '../../src/core/connectors/types';
import { WebhookRegistry } from '../../src/core/webhooks';
import { memoryLogger } from '../../src/core/util/logger';
import { AvayaSourceSchema, type AvayaSourceConfig } from '../../src/shared/sources';
import type { NormalizedEvent } from '../../src/core/state/events';
import { BASE, ScriptedFetch, recordingHealth, tokenEndpoint } from './avaya-fakes';

/** Just enough of a `ws` WebSocket for the connector, driven by the test. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  pings = 0;
  closed: string | null = null;
  constructor(readonly url: string) {
    super();
  }
  open(): void {
    this.readyState = 1;
    this.emit('open');
  }
  send(data: string, cb?: (err?: Error) => void): void {
    this.sent.push(JSON.parse(data));
    cb?.();
  }
  receive(obj: unknown): void {
    this.emit('message', Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)), false);
  }
  /** Answer pings like a healthy server (tests turn it off to make the socket half-open). */
  autoPong = true;
  ping(): void {
    this.pings++;
    if (this.autoPong) queueMicrotask(() => this.emit('pong'));
  }
  close(code = 1000): void {
    this.end(`close ${code}`, code);
  }
  terminate(): void {
    this.end('terminate', 1006);
  }
  private end(how: string, code: number): void {
    if (this.closed) return;
    this.closed = how;
    this.readyState = 3;
    this.emit('close', code, Buffer.from(''));
  }
}

function setup(cfg: Partial<AvayaSourceConfig> = {}) {
  const clock = new FakeClock();
  const f = new ScriptedFetch();
  tokenEndpoint(f, 900);
  let n = 0;
  f.on(/POST .*\/subscriptions$/, (c) => ({
    status: 201,
    body: { subscriptionId: `sub-${++n}`, status: 'ACTIVE', expiresIn: 900, transport: { endpoint: `wss://stream.eu.avayacloud.com/ws/notification?p=${JSON.parse(c.body).extensions.measureProducerId}`, pingInterval: 300 } },
  }));
  f.on(/GET .*measure-producers\//, { status: 403, body: { title: 'Forbidden' } });
  f.on(/DELETE /, { status: 204 });
  const sockets: FakeSocket[] = [];
  const events: NormalizedEvent[] = [];
  const health = recordingHealth();
  const config = AvayaSourceSchema.parse({ id: 'av', vendor: 'avaya', apiBaseUrl: BASE, accountId: 'ABCDEF', clientId: 'c', clientSecret: 'secret-123', appKey: 'key-123', ...cfg });
  const ctx: ConnectorContext<AvayaSourceConfig> = {
    config,
    sourceId: 'av',
    clock,
    random: () => 0.5,
    log: memoryLogger(),
    health,
    fetch: f.fetch,
    webhooks: new WebhookRegistry(),
    factories: {
      avayaWebSocket: (url: string) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
    },
    shared: new Map(),
    emit: (evs) => events.push(...evs),
  };
  const connector = new AvayaConnector(ctx);
  /** Opens every new socket and answers its authentication. */
  const accept = async (status = 'CONNECTION_CONFIRMED') => {
    await flushMicrotasks();
    for (const s of sockets.filter((x) => x.readyState === 0)) s.open();
    await flushMicrotasks();
    for (const s of sockets.filter((x) => x.readyState === 1 && !x.closed && x.sent.length === 1 && !x.listenerCount('pong-done'))) {
      s.on('pong-done', () => undefined);
      s.receive({ event: 'authenticationResponse', status });
    }
    await flushMicrotasks();
  };
  return { clock, f, sockets, events, health, connector, accept, log: ctx.log as ReturnType<typeof memoryLogger> };
}

describe('Avaya connector lifecycle (fake clock)', () => {
  it('connects every producer at its endpoint verbatim, authenticates first, then goes live', async () => {
    const t = setup();
    t.connector.start();
    await t.accept();
    expect(t.sockets.map((s) => s.url)).toEqual(['wss://stream.eu.avayacloud.com/ws/notification?p=Agent_itd_1.0.0', 'wss://stream.eu.avayacloud.com/ws/notification?p=Queue_itd_1.0.0']);
    expect(t.sockets[0]!.sent[0]).toEqual({ event: 'authentication', subscriptionId: 'sub-1', token: 'tok-1-abcdef' });
    expect(t.health.status).toBe('live');
    expect(t.health.info).toMatchObject({ 'producer.Agent_itd_1.0.0': 'unavailable', 'producer.Queue_itd_1.0.0': 'unavailable' });
    expect(t.log.lines.some((l) => l.includes('producer discovery unavailable for Agent_itd_1.0.0 (403 Forbidden)'))).toBe(true);
    await t.connector.stop();
  });

  it('ends a snapshot after the quiet period, then applies LIVE frames directly', async () => {
    const t = setup();
    t.connector.start();
    await t.accept();
    const agents = t.sockets[0]!;
    agents.receive({ keys: { agentId: 'a' }, eventAction: 'UPSERT', payloadType: 'INITIALIZING', measures: { agentState: 'READY' } });
    expect(t.events.filter((e) => e.type === 'sync')).toHaveLength(0);
    await t.clock.advance(2_000);
    const syncs = t.events.filter((e) => e.type === 'sync');
    expect(syncs).toContainEqual({ type: 'sync', collection: 'agents', scope: 'Agent_itd_1.0.0', ids: ['a'] });
    agents.receive({ keys: { agentId: 'b' }, eventAction: 'UPSERT', payloadType: 'LIVE', measures: { agentState: 'ACW' } });
    expect(t.events.at(-1)).toMatchObject({ type: 'agent', id: 'b', set: { state: 'wrap_up' } });
    // The queue producer sent nothing: its empty snapshot ends after the longer wait.
    await t.clock.advance(13_000);
    expect(t.events.filter((e) => e.type === 'sync' && e.scope === 'Queue_itd_1.0.0')).toHaveLength(2);
    await t.connector.stop();
  });

  it('pings every pingSec, reconnects after a missing pong, and check() pings at once', async () => {
    const t = setup({ pingSec: 20 });
    t.connector.start();
    await t.accept();
    const [a, q] = t.sockets;
    await t.clock.advance(20_000);
    expect([a!.pings, q!.pings]).toEqual([1, 1]);
    t.connector.check();
    expect([a!.pings, q!.pings]).toEqual([2, 2]);
    a!.autoPong = false;
    await t.clock.advance(20_000); // a's next ping is never answered
    await t.clock.advance(10_000);
    expect(a!.closed).toBe('terminate');
    expect(q!.closed).toBe('close 1000'); // the healthy stream closes cleanly with the session
    expect(t.health.status).toBe('degraded');
    expect(t.health.statuses.at(-1)![1]).toContain('did not answer a heartbeat within 10 s');
    await t.clock.advance(1_000); // backoff
    await t.accept();
    expect(t.sockets).toHaveLength(4);
    expect(t.health.status).toBe('live');
    // The subscriptions were reused.
    expect(t.f.count(/POST .*\/subscriptions$/)).toBe(2);
    await t.connector.stop();
  });

  it('stop closes the sockets, deletes our subscriptions and leaves no timer behind', async () => {
    const t = setup();
    t.connector.start();
    await t.accept();
    await t.connector.stop();
    expect(t.sockets.every((s) => s.closed === 'close 1000')).toBe(true);
    expect(t.f.calls.filter((c) => c.method === 'DELETE').map((c) => c.url.split('/').pop()).sort()).toEqual(['sub-1', 'sub-2']);
    expect(t.health.status).toBe('stopped');
    expect(t.clock.pending).toBe(0);
  });

  it('a renewal refused for lack of permissions stops the source as auth_failed', async () => {
    const t = setup();
    t.connector.start();
    await t.accept();
    t.f.on(/:renew$/, { status: 403, body: { title: 'Forbidden', detail: 'renewal not permitted' } });
    await t.clock.advance(720_000);
    expect(t.health.status).toBe('auth_failed');
    expect(t.health.statuses.at(-1)![1]).toContain('renewing the subscription for');
    expect(t.health.statuses.at(-1)![1]).toContain('403 Forbidden: renewal not permitted');
    expect(t.sockets.every((s) => s.closed)).toBe(true);
    await t.connector.stop();
  });

  it('constraint violation stops for good with a configuration message', async () => {
    const t = setup();
    t.connector.start();
    await t.accept('CONNECTION_FAILED_CONSTRAINT_VIOLATION');
    expect(t.health.status).toBe('down');
    expect(t.health.statuses.at(-1)![1]).toContain('check the account id and the measure producer');
    await t.clock.advance(600_000);
    expect(t.sockets).toHaveLength(2);
    await t.connector.stop();
  });
});
