/**
 * The four vendors of the compressed shift: each a simulator with a large team, a script of changes
 * at a steady rate, a disruption it can suffer on cue (reconnects, lost sessions, 5xx bursts), and the
 * truth the monitor must show at the end. Token lifetimes and cadences are divided by the compression
 * factor, so an 8-hour shift's refreshes happen within the run.
 */
import type { SourceConfig } from '../../src/shared/sources';
import type { AgentState } from '../../src/shared/model';
import { SimTeam, simAgent, simSkill, WolkvoxSimulator, seeded } from '../../src/simulators/wolkvox';
import { AxialysSimulator, type SimDirectory } from '../../src/simulators/axialys';
import { AGENT_ITD, startAvayaSimulator } from '../../src/simulators/avaya';
import { startTelphinSimulator } from '../../src/simulators/telphin';
import { AxTeam } from '../lib/rigs/axialys';
import type { Truth } from '../lib/compare';

export interface SoakVendor {
  sourceId: string;
  config(publicUrl: string): SourceConfig;
  /** Vendor-side changes for one tick; returns how many were made. */
  step(): number;
  /** One disruption; returns what it was. */
  disrupt(): string;
  truth(): Truth;
  /** Clears the simulator's own request logs, so that heap figures are the collector's. */
  trim(): void;
  counters(): Record<string, number>;
  stop(): Promise<void>;
}

export interface SoakPlan {
  /** 8 h divided by the run's duration. */
  factor: number;
  /** Ticks per second of the change script. */
  ticksPerSec: number;
  rand: () => number;
}

/** Turns a rate per second into whole changes per tick, carrying the fraction. */
function pacer(perSec: number, plan: SoakPlan): () => number {
  let carry = 0;
  return () => {
    carry += perSec / plan.ticksPerSec;
    const n = Math.floor(carry);
    carry -= n;
    return n;
  };
}

const pick = <T>(list: T[], rand: () => number): T => list[Math.floor(rand() * list.length)]!;

// ---- Wolkvox: 200 agents polled every second; two with a bad line all shift long -----------------
const WV_STATES: Record<string, AgentState> = { Disponible: 'available', 'En llamada': 'on_call', 'Auxiliar - Almuerzo': 'paused' };
export const WV_BAD = { latency: '5001', loss: '5002' };

export async function soakWolkvox(plan: SoakPlan, perSec: number): Promise<SoakVendor> {
  const team = new SimTeam();
  const statuses = Object.keys(WV_STATES);
  for (let i = 1; i <= 200; i++) {
    const id = String(5000 + i);
    const network = id === WV_BAD.latency ? { latencyMs: 450 } : id === WV_BAD.loss ? { rxLossPct: 1.5 } : { latencyMs: 35 + (i % 40) };
    team.agents.set(id, simAgent({ id, name: `Agente ${id}`, status: statuses[i % 3]!, ip: `10.1.${i % 8}.1`, network }));
  }
  for (let s = 1; s <= 4; s++) team.skills.set(String(700 + s), simSkill({ id: String(700 + s), name: `Skill ${s}`, waiting: s % 3 }));
  const sim = new WolkvoxSimulator({ tokens: ['wv-soak-token-5e1f0a'], team, responseDelayMs: 5 });
  await sim.start();
  const pace = pacer(perSec, plan);
  const ids = [...team.agents.keys()].filter((id) => id !== WV_BAD.latency && id !== WV_BAD.loss);
  let requests = 0;
  return {
    sourceId: 'wv',
    config: () => ({ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'wv-soak-token-5e1f0a', baseUrl: sim.url, poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } }),
    step() {
      const now = Date.now();
      for (const a of team.agents.values()) a.lastDate = now; // the agents' apps report: new samples
      const n = pace();
      for (let i = 0; i < n; i++) {
        const a = team.agents.get(pick(ids, plan.rand))!;
        team.setAgent(a.id, { status: statuses[(statuses.indexOf(a.status) + 1) % 3]! }, now);
      }
      if (n && plan.rand() < 0.1) team.setSkill(pick([...team.skills.keys()], plan.rand), { waiting: Math.floor(plan.rand() * 4) });
      return n;
    },
    disrupt() {
      sim.fail('server_error', { times: 3 });
      return 'Wolkvox: 3 × 502';
    },
    truth() {
      const agents = new Map<string, AgentState | undefined>();
      for (const a of team.agents.values()) agents.set(`wv:${a.id}`, WV_STATES[a.status]);
      const queues = new Map<string, number | undefined>();
      for (const q of team.skills.values()) queues.set(`wv:${q.id}`, q.waiting);
      return { agents, queues };
    },
    trim() {
      requests += sim.requests.splice(0).length;
    },
    counters: () => ({ wolkvoxRequests: requests + sim.requests.length }),
    stop: () => sim.stop(),
  };
}

// ---- Axialys: 150 operators over Socket.IO v2, calls waiting a few seconds -------------------------
export async function soakAxialys(plan: SoakPlan, perSec: number): Promise<SoakVendor> {
  const groupes = Array.from({ length: 6 }, (_, i) => ({ id: 600 + i, nom: `File ${i + 1}` }));
  const directory: SimDirectory = {
    target: 4521,
    ops: Array.from({ length: 150 }, (_, i) => ({ id: 1 + i, nom: `Opérateur ${1 + i}`, groupes: [600 + (i % 6)] })),
    groupes,
    trunks: [{ id: 346223, nom: 'Acheminement national' }],
    pauses: [{ id: 1, value: 'Déjeuner' }],
  };
  const lifetimeSec = Math.max(6, Math.round(7200 / plan.factor));
  const sim = await new AxialysSimulator({ socketIo: 'v2', lifetimeSec, enforceExpiry: true, directory }).start();
  const team = new AxTeam(sim, Date.now);
  const pace = pacer(perSec, plan);
  const phases = ['available', 'paused', 'out'] as const;
  let disruptions = 0;
  return {
    sourceId: 'ax',
    config: () => ({ id: 'ax', vendor: 'axialys', mode: 'supervisor', login: sim.login, password: sim.password, authUrl: sim.authUrl, tokenUrl: sim.tokenUrl, socketUrl: sim.origin, socketIo: 'auto' }),
    step() {
      const n = pace();
      const now = Date.now();
      for (let i = 0; i < n; i++) {
        if (plan.rand() < 0.7) {
          const op = pick(directory.ops, plan.rand).id;
          team.set(op, pick([...phases], plan.rand));
          continue;
        }
        const q = pick(groupes, plan.rand).id;
        if (team.calls.get(q)!.size < 3) team.insert(q);
      }
      // Calls are answered after a few seconds, while the feed is connected (a call that ends unseen
      // stays listed: see the Axialys faults).
      if (sim.subscribers === 1) {
        for (const [q, calls] of team.calls) for (const [c, at] of calls) if (now - at > 8_000) team.end(q, c);
      }
      return n;
    },
    disrupt() {
      disruptions++;
      if (disruptions % 2) {
        sim.dropAll();
        return 'Axialys: network drop';
      }
      sim.expireSessions();
      return 'Axialys: session lost';
    },
    truth: () => team.truth('ax'),
    trim() {
      sim.inits.splice(0);
      sim.typeFieldsSeen.splice(0);
    },
    counters: () => ({ axialysLogins: sim.counters.logins, axialysRefreshes: sim.counters.refreshes, axialysConnections: sim.counters.connections }),
    stop: () => sim.stop(),
  };
}

// ---- Avaya AXP: 150 agents and 6 queues over two WebSockets; one queue overloaded -----------------
const AV_STATES: Record<string, AgentState> = { READY: 'available', NOT_READY: 'paused', BUSY: 'on_call' };
export const AV_HOT_QUEUE = 'q-hot';

export async function soakAvaya(plan: SoakPlan, perSec: number): Promise<SoakVendor> {
  const tokenLifetimeSec = Math.max(3, Math.round(900 / plan.factor));
  const sim = await startAvayaSimulator({ tokenLifetimeSec });
  const states = Object.keys(AV_STATES);
  const agents = new Map<string, string>();
  const queues = new Map<string, number>();
  for (let i = 1; i <= 150; i++) {
    agents.set(`a${i}`, states[i % 3]!);
    sim.setAgent(`a${i}`, { name: `Agent ${i}`, state: states[i % 3]! }, true);
  }
  for (let i = 1; i <= 5; i++) queues.set(`q${i}`, i % 3);
  queues.set(AV_HOT_QUEUE, 12);
  for (const [id, n] of queues) sim.setQueue(id, { name: `Queue ${id}`, queueing: n }, true);
  const pace = pacer(perSec, plan);
  const ids = [...agents.keys()];
  const qids = [...queues.keys()].filter((q) => q !== AV_HOT_QUEUE);
  let trimmed = { requests: 0, renewals: 0, pings: 0 };
  return {
    sourceId: 'av',
    config: () => ({
      id: 'av',
      vendor: 'avaya',
      apiBaseUrl: sim.url,
      accountId: sim.accountId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      appKey: sim.appKey,
      producers: [AGENT_ITD, 'Queue_itd_1.0.0'],
      pingSec: Math.max(1, Math.round(30 / plan.factor)),
    }),
    step() {
      const n = pace();
      for (let i = 0; i < n; i++) {
        if (plan.rand() < 0.85) {
          const id = pick(ids, plan.rand);
          const next = states[(states.indexOf(agents.get(id)!) + 1) % 3]!;
          agents.set(id, next);
          sim.setAgent(id, { name: `Agent ${id.slice(1)}`, state: next });
        } else {
          const q = pick(qids, plan.rand);
          queues.set(q, Math.floor(plan.rand() * 4));
          sim.setQueue(q, { name: `Queue ${q}`, queueing: queues.get(q)! });
        }
      }
      return n;
    },
    disrupt() {
      sim.dropConnections();
      return 'Avaya: sockets dropped';
    },
    truth() {
      const a = new Map<string, AgentState | undefined>();
      for (const [id, s] of agents) a.set(`av:${id}`, AV_STATES[s]);
      const q = new Map<string, number | undefined>();
      for (const [id, n] of queues) q.set(`av:${id}`, n);
      return { agents: a, queues: q };
    },
    trim() {
      trimmed = {
        requests: trimmed.requests + sim.requests.splice(0).length,
        renewals: trimmed.renewals + sim.renewals.splice(0).length,
        pings: trimmed.pings + sim.pings.splice(0).length,
      };
      sim.authMessages.splice(0);
      sim.clientMessages.splice(0);
      const old = Date.now() - 60_000;
      for (let i = sim.tokens.length - 1; i >= 0; i--) if (sim.tokens[i]!.expiresAt < old) sim.tokens.splice(i, 1);
    },
    counters: () => ({ avayaRequests: trimmed.requests + sim.requests.length, avayaRenewals: trimmed.renewals + sim.renewals.length, avayaConnections: sim.connectionCount, avayaTokenLifetimeSec: tokenLifetimeSec }),
    stop: () => sim.stop(),
  };
}

// ---- Telphin: 60 queue agents by webhook to the collector -----------------------------------------
export async function soakTelphin(plan: SoakPlan, perSec: number): Promise<SoakVendor> {
  const tokenTtlSec = Math.max(5, Math.round(3600 / plan.factor));
  const team = Array.from({ length: 60 }, (_, i) => ({ id: String(800 + i), type: i < 45 ? ('local' as const) : ('remote' as const), name: `Оператор ${800 + i}`, status: i % 4 ? 'available' : 'logged_out' }));
  const sim = await startTelphinSimulator({ agents: team, tokenTtlSec, eventLimit: null, quota: { limit: 1_000_000 } });
  const pace = pacer(perSec, plan);
  const ids = team.map((a) => a.id);
  let inFlight = 0;
  let delivered = 0;
  let disruptions = 0;
  return {
    sourceId: 'tp',
    config: (publicUrl) => ({
      id: 'tp',
      vendor: 'telphin',
      apiBaseUrl: sim.apiBaseUrl,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      clientRef: '@me',
      pollSec: 5,
      webhook: { publicUrl },
    }),
    step() {
      const n = pace();
      for (let i = 0; i < n && inFlight < 20; i++) {
        const a = sim.agents.get(pick(ids, plan.rand))!;
        inFlight++;
        void sim.setStatus(a.id, a.status === 'available' ? 'logged_out' : 'available', plan.rand() < 0.7 ? 'phone' : 'api').finally(() => inFlight--);
      }
      return n;
    },
    disrupt() {
      disruptions++;
      if (disruptions % 2) {
        sim.expireTokens();
        return 'Telphin: tokens revoked';
      }
      sim.failures.api = 'unavailable';
      setTimeout(() => (sim.failures.api = null), 1_000).unref();
      return 'Telphin: 503 for 1 s';
    },
    truth() {
      const a = new Map<string, AgentState | undefined>();
      for (const x of sim.agents.values()) a.set(`tp:${x.id}`, x.status === 'available' ? 'available' : 'logged_out');
      return { agents: a, queues: new Map() };
    },
    trim() {
      delivered += sim.deliveries.splice(0).length;
    },
    counters: () => ({ telphinTokenRequests: sim.counters.tokenRequests, telphinWebhooks: delivered + sim.deliveries.length, telphinApiRequests: sim.counters.apiRequests }),
    stop: () => sim.close(),
  };
}

export { seeded };
