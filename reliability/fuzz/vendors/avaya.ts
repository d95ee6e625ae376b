/**
 * Avaya AXP: the real connector runs its session — token, producer discovery, one subscription and one
 * WebSocket per producer, the authentication handshake — against an in-memory REST API and in-memory
 * sockets. A frame is one WebSocket message (bytes, occasionally flagged binary) on the agent or the
 * queue stream; the stream's own message handler parses, validates, normalizes and tracks the
 * snapshot. The connection must stay up whatever arrives.
 */
import { EventEmitter } from 'node:events';
import { avayaFactory } from '../../../src/core/connectors/avaya';
import type { ConnectorFactory } from '../../../src/core/connectors/types';
import type { AvayaSourceConfig } from '../../../src/shared/sources';
import { flushMicrotasks } from '../../../test/fakes/clock';
import type { Json } from '../lib/hostile';
import { encode, mutateValue, poolsOf } from '../lib/mutate';
import { FuzzRig } from '../lib/rig';
import { fixture, type Driver } from '../lib/run';

/** Just enough of a `ws` WebSocket: opens on demand, confirms the authentication, answers pings. */
class MemoryWebSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
    queueMicrotask(() => {
      this.readyState = 1;
      this.emit('open');
    });
  }
  send(data: string, cb?: (err?: Error) => void): void {
    cb?.();
    if ((JSON.parse(data) as { event?: string }).event === 'authentication') {
      queueMicrotask(() => this.emit('message', Buffer.from('{"event":"authenticationResponse","status":"CONNECTION_CONFIRMED"}'), false));
    }
  }
  ping(): void {
    queueMicrotask(() => this.emit('pong'));
  }
  close(code = 1000): void {
    this.end(code);
  }
  terminate(): void {
    this.end(1006);
  }
  private end(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.readyState = 3;
    this.emit('close', code, Buffer.from(''));
  }
}

const AGENT = 'Agent_itd_1.0.0';
const QUEUE = 'Queue_itd_1.0.0';

/** The in-memory AXP REST API: tokens, subscriptions (ACTIVE at once), discovery for the agent producer. */
function restApi(): (url: string, init?: RequestInit) => Promise<Response> {
  let n = 0;
  const discovery = fixture('avaya', 'producer-discovery.json');
  return async (url, init) => {
    const method = init?.method ?? 'GET';
    if (url.includes('/protocol/openid-connect/token')) return Response.json({ access_token: `fuzz-token-${++n}-abcdef`, expires_in: 900, token_type: 'Bearer' });
    if (method === 'GET' && url.includes('/measure-producers/')) {
      return url.includes(AGENT) ? Response.json(discovery) : Response.json({ title: 'Forbidden' }, { status: 403 });
    }
    if (method === 'POST' && url.endsWith('/subscriptions')) {
      const producer = (JSON.parse(String(init?.body)) as { extensions: { measureProducerId: string } }).extensions.measureProducerId;
      return Response.json(
        { subscriptionId: `sub-${++n}`, status: 'ACTIVE', expiresIn: 900, transport: { type: 'WEBSOCKET', endpoint: `ws://127.0.0.1:9/ws?p=${producer}`, pingInterval: 300 } },
        { status: 201 },
      );
    }
    if (method === 'POST' && url.endsWith(':renew')) return Response.json({ status: 'ACTIVE', expiresIn: 900 });
    if (method === 'DELETE') return new Response(null, { status: 204 });
    return Response.json({ title: 'Not Found' }, { status: 404 });
  };
}

const variants = fixture('avaya', 'variants.json') as Record<string, Json>;
const auth = fixture('avaya', 'seed-auth.json') as Record<string, Json>;
const AGENT_FRAMES: Json[] = [
  fixture('avaya', 'seed-agent-live.json'),
  fixture('avaya', 'seed-agent-live.json'),
  ...['agentNumbersNotStrings', 'agentEmptyStrings', 'agentMissingFields', 'agentNotReady', 'agentUnknownState', 'agentDelete'].map((k) => variants[k]!),
];
const QUEUE_FRAMES: Json[] = [fixture('avaya', 'seed-queue-initializing.json'), fixture('avaya', 'seed-queue-initializing.json'), variants.queueNumbersAndLowercase!, variants.queueUnusableCount!];
const OTHER_FRAMES: Json[] = [variants.unknownEvent!, auth.authenticationResponse!, auth.productionVariant!, ...(variants.malformed as Json[])];
const POOLS = poolsOf([...AGENT_FRAMES, ...QUEUE_FRAMES, ...OTHER_FRAMES]);

export interface AvayaRig extends FuzzRig {
  sockets: MemoryWebSocket[];
}

export const avayaDriver: Driver<AvayaRig> = {
  vendor: 'avaya',
  async setup(seed) {
    const config: AvayaSourceConfig = {
      id: 'av',
      vendor: 'avaya',
      apiBaseUrl: 'http://127.0.0.1:9',
      accountId: 'FUZZAX',
      clientId: 'fuzz-client',
      clientSecret: 'fuzz-avaya-secret-3e8a',
      appKey: 'fuzz-avaya-appkey-55d2',
      producers: [AGENT, QUEUE],
      pingSec: 30,
    };
    const sockets: MemoryWebSocket[] = [];
    const factories = {
      avayaWebSocket: (url: string) => {
        const s = new MemoryWebSocket(url);
        sockets.push(s);
        return s;
      },
    };
    const rig = new FuzzRig({ config, factory: avayaFactory as unknown as ConnectorFactory, start: true, fetch: restApi(), factories, seed }) as AvayaRig;
    rig.sockets = sockets;
    for (let i = 0; i < 100 && rig.source().status !== 'live'; i++) await flushMicrotasks();
    if (rig.source().status !== 'live') throw new Error(`the Avaya source did not go live: ${JSON.stringify(rig.source())}`);
    return rig;
  },
  frame(rig, rng, index) {
    const r = rng.next();
    const [list, socket] = r < 0.55 ? [AGENT_FRAMES, 0] : r < 0.9 ? [QUEUE_FRAMES, 1] : [OTHER_FRAMES, rng.int(0, 1)];
    // A frame now and then goes to the other producer's stream.
    const target = rng.chance(0.05) ? 1 - socket : socket;
    const bytes = encode(mutateValue(rng.pick(list), rng, POOLS), rng, POOLS);
    const binary = rng.chance(0.01);
    return {
      size: bytes.length,
      describe: () => `#${index} ${target === 0 ? AGENT : QUEUE}${binary ? ' (binary)' : ''} ${bytes.toString('utf8').slice(0, 240)}`,
      deliver: () => {
        rig.sockets[target]!.emit('message', bytes, binary);
        return undefined;
      },
    };
  },
  after(rig) {
    const problems: string[] = [];
    if (rig.sockets.length !== 2) problems.push(`the streams were reopened: ${rig.sockets.length} sockets for 2 producers`);
    if (rig.sockets.some((s) => s.closed)) problems.push('a stream was closed by the frames it received');
    if (rig.source().status !== 'live') problems.push(`the source ended ${rig.source().status}: ${rig.source().lastError}`);
    return problems;
  },
};
