/**
 * Telphin under test, in polling mode (a tray app behind NAT): the API simulator behind the fault
 * proxy, polled every second for the queue agents and the current calls. Its request timeout is
 * fixed at 15 s, so faults that wait for it move the clock forward instead of waiting.
 */
import { telphinFactory } from '../../../src/core/connectors/telphin';
import type { TelphinSourceConfig } from '../../../src/shared/sources';
import type { AgentState } from '../../../src/shared/model';
import { startTelphinSimulator, type TelphinSimulator } from '../../../src/simulators/telphin';
import type { Truth } from '../compare';
import { baseRig, type Rig } from '../rig';

/** The connector's request timeout (not configurable): faults that need it jump the clock this far. */
export const TELPHIN_TIMEOUT_MS = 15_000;
const QUEUE = { id: 5000, name: 'Support line' };

export interface TelphinRig extends Rig {
  sim: TelphinSimulator;
  /** A new client secret at the vendor, saved in the source by the user. */
  rotateSecret(): TelphinSourceConfig;
}

export async function telphinRig(): Promise<TelphinRig> {
  let clockNow = Date.now;
  const agents = Array.from({ length: 12 }, (_, i) => ({ id: String(300 + i), type: i < 9 ? ('local' as const) : ('remote' as const), name: `Оператор ${300 + i}`, status: i % 3 === 0 ? 'logged_out' : 'available' }));
  // A quota far above what a run spends: the connector spreads what is left of the hour's quota
  // until its reset, so with the default 5,000 requests it polled every 1.0–1.44 s instead of every
  // second in the first 18 minutes of each hour — longer than a scenario's hold. The quota's own
  // behaviour is tested on its own (test/unit/telphin-quota.test.ts, test/integration/telphin-polling.test.ts).
  const sim = await startTelphinSimulator({ agents, tokenTtlSec: 1200, now: () => clockNow(), quota: { limit: 1_000_000 } });
  const base = await baseRig({ sourceId: 'tp', target: { host: '127.0.0.1', port: Number(new URL(sim.url).port) }, registry: { telphin: telphinFactory } });
  clockNow = () => base.clock.now();
  // Five calls waiting in the queue: one alert (calls waiting) before any fault.
  const queued: string[] = [];
  for (let i = 0; i < 5; i++) queued.push(sim.queueCall(QUEUE, `7495000000${i}`));
  const configFor = (): TelphinSourceConfig => ({
    id: 'tp',
    vendor: 'telphin',
    apiBaseUrl: `${base.proxy.origin}/api/ver1.0`,
    tokenUrl: `${base.proxy.origin}/oauth/token`,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clientRef: '@me',
    pollSec: 1,
  });
  let config = configFor();
  let seq = 400;
  const rig: TelphinRig = {
    ...base,
    vendor: 'telphin',
    sourceId: 'tp',
    get config() {
      return config;
    },
    sim,
    alertsAtStart: 1,
    truth(): Truth {
      const a = new Map<string, AgentState | undefined>();
      for (const x of sim.agents.values()) a.set(`tp:${x.id}`, x.status === 'available' ? 'available' : 'logged_out');
      const q = new Map<string, number | undefined>([[`tp:${QUEUE.id}`, [...sim.calls.values()].filter((c) => c.called_extension?.type === 'queue').length]]);
      return { agents: a, queues: q };
    },
    async change() {
      const ids = [...sim.agents.keys()];
      sim.removeAgent(ids[ids.length - 1]!);
      sim.addAgent({ id: String(++seq), type: 'local', name: `Оператор ${seq}`, status: 'available' });
      const moved = sim.agents.get(ids[1]!)!;
      await sim.setStatus(moved.id, moved.status === 'available' ? 'logged_out' : 'available');
      sim.endCall(queued.shift()!);
      queued.push(sim.queueCall(QUEUE, `74950000${++seq}`));
    },
    authRequests: () => sim.counters.tokenRequests,
    rotateSecret() {
      sim.rotateSecret();
      config = configFor();
      return config;
    },
    async stop() {
      await base.stopBase();
      await sim.close();
    },
  };
  base.startSource(config);
  return rig;
}
