/**
 * Avaya AXP under test: the REST + WebSocket simulator behind the fault proxy (the subscriptions
 * announce the proxy's address), the real connector with short protocol timings and a 1 s heartbeat.
 */
import { avayaFactory, type AvayaTimings } from '../../../src/core/connectors/avaya';
import { AvayaSourceSchema, type AvayaSourceConfig } from '../../../src/shared/sources';
import { AGENT_ITD, startAvayaSimulator, type AvayaSimulator } from '../../../src/simulators/avaya';
import type { AgentState } from '../../../src/shared/model';
import type { Truth } from '../compare';
import { baseRig, type Rig } from '../rig';

export const AVAYA_TIMINGS: Partial<AvayaTimings> = {
  pongTimeoutMs: 500,
  authTimeoutMs: 2_000,
  openTimeoutMs: 2_000,
  requestTimeoutMs: 2_000,
  pendingPollMs: 100,
  pendingMaxMs: 1_500,
  snapshotQuietMs: 150,
  emptySnapshotMs: 600,
  backoffBaseMs: 200,
  backoffCapMs: 1_000,
  stableMs: 5_000,
};

const STATES: Record<string, AgentState> = { READY: 'available', NOT_READY: 'paused', BUSY: 'on_call' };
const CYCLE = Object.keys(STATES);

export interface AvayaRig extends Rig {
  sim: AvayaSimulator;
  /** Every token and subscription lapses at the vendor (their sockets close), as after their lifetime. */
  expireAll(): void;
  /** A new client secret at the vendor, saved in the source by the user. */
  rotateSecret(): AvayaSourceConfig;
}

/** `production`: the connector's own timings and the default 30 s heartbeat instead of the short ones. */
export async function avayaRig(opts: { production?: boolean } = {}): Promise<AvayaRig> {
  const sim = await startAvayaSimulator({ tokenLifetimeSec: 900, pingIntervalSec: 300 });
  const agents = new Map<string, { name: string; state: string }>();
  const setAgent = (id: string, state: string, silent = false) => {
    const name = `Agent ${id}`;
    agents.set(id, { name, state });
    sim.setAgent(id, { name, state, ...(state === 'NOT_READY' ? { reason: 'Lunch' } : {}) }, silent);
  };
  for (let i = 1; i <= 12; i++) setAgent(`a${i}`, CYCLE[i % 3]!, true);
  // Six contacts queueing in q1: one alert (calls waiting) before any fault.
  const queues = new Map<string, number>([
    ['q1', 6],
    ['q2', 1],
  ]);
  for (const [id, n] of queues) sim.setQueue(id, { name: `Queue ${id}`, queueing: n }, true);
  const base = await baseRig({ sourceId: 'av', target: { host: '127.0.0.1', port: sim.port }, registry: { avaya: avayaFactory }, factories: { avayaTimings: opts.production ? {} : AVAYA_TIMINGS } });
  sim.publicOrigin = base.proxy.origin;
  const configFor = (): AvayaSourceConfig =>
    AvayaSourceSchema.parse({ id: 'av', vendor: 'avaya', apiBaseUrl: base.proxy.origin, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret, appKey: sim.appKey, pingSec: opts.production ? 30 : 1 });
  let config = configFor();
  let seq = 100;
  const rig: AvayaRig = {
    ...base,
    vendor: 'avaya',
    sourceId: 'av',
    get config() {
      return config;
    },
    sim,
    alertsAtStart: 1,
    truth(): Truth {
      const a = new Map<string, AgentState | undefined>();
      for (const [id, x] of agents) a.set(`av:${id}`, STATES[x.state]);
      const q = new Map<string, number | undefined>();
      for (const [id, n] of queues) q.set(`av:${id}`, n);
      return { agents: a, queues: q };
    },
    change() {
      // Sent while the sockets may be dead: only the next snapshot can tell the connector.
      const ids = [...agents.keys()];
      const gone = ids[ids.length - 1]!;
      agents.delete(gone);
      sim.remove(AGENT_ITD, { agentId: gone });
      setAgent(`a${++seq}`, 'READY');
      const moved = ids[1]!;
      setAgent(moved, CYCLE[(CYCLE.indexOf(agents.get(moved)!.state) + 1) % 3]!);
      queues.set('q2', queues.get('q2')! + 1);
      sim.setQueue('q2', { name: 'Queue q2', queueing: queues.get('q2')! });
    },
    authRequests: () => sim.requests.filter((r) => r.route === 'token').length,
    expireAll() {
      const now = Date.now();
      for (const t of sim.tokens) t.expiresAt = now;
      for (const s of sim.subscriptions.values()) if (s.owner === 'client') s.expiresAt = now;
    },
    rotateSecret() {
      sim.clientSecret = `sim-secret-${Math.random().toString(36).slice(2, 12)}`;
      config = configFor();
      return config;
    },
    async stop() {
      await base.stopBase();
      await sim.stop();
    },
  };
  base.startSource(config);
  return rig;
}
