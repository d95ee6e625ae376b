/**
 * Axialys: the real connector runs its session (login, Socket.IO version, socket, renewals, gap
 * handling) with an in-memory socket in place of Socket.IO and an in-memory login endpoint. A frame is
 * either an `update` payload fired on the socket — the session's own handler hands it to the feed
 * (`parseUpdate` → `normalizeUpdate` → counters and events) and reacts to counter jumps — or, one in
 * twenty, a login answer read by the connector's auth client and adopted as the names directory.
 * Payloads arrive as Socket.IO decodes them: objects, or strings when the text is not JSON.
 */
import { axialysFactory } from '../../../src/core/connectors/axialys';
import type { AxialysAuth } from '../../../src/core/connectors/axialys/auth';
import { formatExpire } from '../../../src/core/connectors/axialys/expire';
import type { Feed } from '../../../src/core/connectors/axialys/feed';
import type { AxSocket, AxSocketFactory } from '../../../src/core/connectors/axialys/socket';
import { parseJsonText } from '../../../src/core/connectors/axialys/wire';
import type { ConnectorFactory } from '../../../src/core/connectors/types';
import type { AxialysSourceConfig } from '../../../src/shared/sources';
import { flushMicrotasks } from '../../../test/fakes/clock';
import type { Json } from '../lib/hostile';
import { encode, mutateValue, poolsOf } from '../lib/mutate';
import { FuzzRig } from '../lib/rig';
import { fixture, type Driver } from '../lib/run';

/** The connector's auth client and feed (the instances its sessions use), seen structurally. */
interface AxialysInternals {
  auth: AxialysAuth;
  feed: Feed;
}

class MemorySocket implements AxSocket {
  private readonly handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  closed = false;
  on(event: string, fn: (...a: never[]) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn as (...a: unknown[]) => void]);
  }
  emit(): void {}
  close(): void {
    this.closed = true;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

const variants = fixture('axialys', 'variants.json') as { frames: Record<string, Json>; unusable: Json[] };
const docs = fixture('axialys', 'doc-examples.json') as { examples: { text: string }[] };
const authAnswers = fixture('axialys', 'auth-responses.json') as Record<string, Json>;
const UPDATES: Json[] = [
  ...Object.values(variants.frames),
  ...Object.values(variants.frames),
  ...docs.examples.map((e) => parseJsonText(e.text) as Json),
  ...variants.unusable,
];
const LOGINS: Json[] = [authAnswers.supervisorInit!, authAnswers.keyedById!, authAnswers.enveloped!];
const POOLS = poolsOf([...UPDATES, ...LOGINS]);

export interface AxialysRig extends FuzzRig {
  sockets: MemorySocket[];
  /** A mutated login answer the next auth requests get (instead of the recorded one). */
  armed: Buffer | null;
}

export const axialysDriver: Driver<AxialysRig> = {
  vendor: 'axialys',
  async setup(seed) {
    const config: AxialysSourceConfig = {
      id: 'ax',
      vendor: 'axialys',
      mode: 'supervisor',
      login: 'fuzz.superviseur',
      password: 'fuzz-axialys-password-91f0',
      authUrl: 'http://127.0.0.1:9/ws/',
      socketUrl: 'http://127.0.0.1:9',
      socketIo: 'v2',
    };
    const sockets: MemorySocket[] = [];
    const state: { rig: AxialysRig | null } = { rig: null };
    const factory: AxSocketFactory = () => {
      const s = new MemorySocket();
      sockets.push(s);
      return s;
    };
    const fetch = async (): Promise<Response> => {
      const armed = state.rig?.armed;
      if (armed) return new Response(new Uint8Array(armed), { status: 200 });
      const now = state.rig?.clock.now() ?? Date.now();
      return Response.json({ ...(authAnswers.supervisorInit as object), expire: formatExpire(now + 7_200_000) });
    };
    const rig = new FuzzRig({ config, factory: axialysFactory as unknown as ConnectorFactory, start: true, fetch, factories: { axialysSocket: factory }, seed }) as AxialysRig;
    rig.sockets = sockets;
    rig.armed = null;
    state.rig = rig;
    for (let i = 0; i < 50 && !sockets.length; i++) await flushMicrotasks();
    sockets[0]!.fire('connect');
    await flushMicrotasks();
    if (rig.source().status !== 'live') throw new Error(`the Axialys source did not go live: ${JSON.stringify(rig.source())}`);
    return rig;
  },
  frame(rig, rng, index) {
    const login = rng.chance(0.05);
    const seed = rng.pick(login ? LOGINS : UPDATES);
    const bytes = encode(mutateValue(seed, rng, POOLS), rng, POOLS);
    const asText = rng.chance(0.3);
    return {
      size: bytes.length,
      describe: () => `#${index} ${login ? 'login answer' : 'update'} ${bytes.toString('utf8').slice(0, 240)}`,
      deliver: async () => {
        // Time moves on a little with every frame (renewals, gap holds and re-sync pacing see it).
        await rig.clock.advance(20);
        if (login) {
          const internals = rig.connector as unknown as AxialysInternals;
          rig.armed = bytes;
          try {
            const session = await internals.auth.login();
            if (session.directory) internals.feed.applyDirectory(session.directory);
            return 'accepted';
          } catch {
            return 'refused';
          } finally {
            rig.armed = null;
          }
        }
        const text = bytes.toString('utf8');
        let payload: unknown = text;
        if (!asText) {
          try {
            payload = JSON.parse(text);
          } catch {
            payload = text;
          }
        }
        rig.sockets.at(-1)!.fire('update', payload);
        return undefined;
      },
    };
  },
  after(rig) {
    const problems: string[] = [];
    if (rig.sockets.length !== 1) problems.push(`the notification socket was reopened ${rig.sockets.length - 1} times`);
    const status = rig.source().status;
    if (status !== 'live' && status !== 'degraded') problems.push(`the source ended ${status}: ${rig.source().lastError}`);
    return problems;
  },
};
