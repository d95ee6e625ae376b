/**
 * The collector under attack: the real collector (HTTP API with an access token, WebSocket stream,
 * webhook receiver) with a real Telphin source in webhook mode against its simulator, plus a scripted
 * source whose agent changes every 20 ms while a measurement runs ("live work"): a stream client
 * measures how long each change takes to reach it.
 */
import WebSocket from 'ws';
import { startCollector, type Collector } from '../../../src/server/collector';
import { SettingsSchema } from '../../../src/shared/settings';
import { createLogger } from '../../../src/core/util/logger';
import { telphinFactory, webhookSecret } from '../../../src/core/connectors/telphin';
import type { TelphinSourceConfig } from '../../../src/shared/sources';
import { startTelphinSimulator, type TelphinSimulator } from '../../../src/simulators/telphin/server';
import { scriptedRegistry, wolkvoxConfig, type ScriptedHandle } from '../../../test/fakes/connector';
import { until } from './measure';

export const ACCESS_TOKEN = 'hostile-access-token-3c9e1f7a';

export interface HostileRig {
  collector: Collector;
  sim: TelphinSimulator;
  telphin: TelphinSourceConfig;
  hook: string;
  handle: ScriptedHandle;
  logLines: () => number;
  /** GET/POST on the API with the access token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Starts the live feed; `stop()` returns the event-to-stream delays in ms. */
  live(): { stop(): Promise<number[]> };
  stop(): Promise<void>;
}

export async function hostileRig(): Promise<HostileRig> {
  const sim = await startTelphinSimulator({
    clientId: 'hostile-app',
    clientSecret: 'hostile-telphin-secret-5b2d',
    agents: [
      { id: '136', type: 'local', name: 'Anna', status: 'available' },
      { id: '137', type: 'local', name: 'Boris', status: 'logged_out' },
      { id: '201', type: 'remote', name: 'Dmitry', number: '79161234567', status: 'available' },
    ],
  });
  const { registry, handle } = scriptedRegistry();
  let lines = 0;
  const collector = await startCollector({
    settings: SettingsSchema.parse({ sources: [wolkvoxConfig('wv')], server: { accessToken: ACCESS_TOKEN } }),
    port: 0,
    logger: createLogger({ level: 'info', sink: () => void lines++ }),
    engine: { registry: { ...registry, telphin: telphinFactory } },
  });
  const telphin: TelphinSourceConfig = {
    id: 'tp',
    vendor: 'telphin',
    apiBaseUrl: sim.apiBaseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clientRef: '@me',
    pollSec: 60,
    webhook: { publicUrl: collector.url },
  };
  collector.engine.addSource(telphin);
  await until('the Telphin source to go live', () => collector.engine.state.sources.get('tp')?.status === 'live', 20_000);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${ACCESS_TOKEN}`, ...(init.headers as Record<string, string>) } });

  const live = () => {
    const delays: number[] = [];
    const ws = new WebSocket(`${collector.url.replace('http', 'ws')}/api/stream?token=${ACCESS_TOKEN}`);
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; upsert?: { agents?: { key: string; extra?: { sentAt?: number } }[] } };
      for (const a of m.type === 'patch' ? (m.upsert?.agents ?? []) : []) {
        if (a.key === 'wv:live' && typeof a.extra?.sentAt === 'number') delays.push(performance.now() - a.extra.sentAt);
      }
    });
    let seq = 0;
    const timer = setInterval(() => {
      if (ws.readyState === ws.OPEN) handle.emit('wv', [{ type: 'agent', id: 'live', set: { state: seq++ % 2 ? 'available' : 'on_call', extra: { sentAt: performance.now() } } }]);
    }, 20);
    return {
      async stop() {
        clearInterval(timer);
        await new Promise((r) => setTimeout(r, 150));
        ws.close();
        return delays;
      },
    };
  };

  return {
    collector,
    sim,
    telphin,
    hook: `${collector.url}/hooks/telphin/${webhookSecret(telphin)}`,
    handle,
    logLines: () => lines,
    api,
    live,
    async stop() {
      await collector.stop();
      await sim.close();
    },
  };
}
