/**
 * The simulated Wolkvox operation: agents with states and network quality, skills with a queue
 * backlog, PBX lines. Tests set values directly; the demo lets `step` move everything over time
 * (calls come and go, some agents' networks degrade and recover). Randomness is a seeded PRNG.
 */

export interface SimNetwork {
  latencyMs: number;
  txJitterMs: number;
  rxJitterMs: number;
  txLossPct: number;
  rxLossPct: number;
  rejectionPct: number;
}

export interface SimAgent {
  id: string;
  name: string;
  /** Raw `agent_status` as the agent app shows it ("Disponible", "Auxiliar - Almuerzo"…). */
  status: string;
  statusSince: number;
  ip: string;
  version: string;
  connectionType: string;
  platform: 'app' | 'web';
  network: SimNetwork;
  /** Drift: the quality it returns to, and whether it has bad spells. */
  baseline: SimNetwork;
  fragile: boolean;
  episodeUntil: number | null;
  calls: number;
  inbound: number;
  outbound: number;
  talkSec: number;
  acwSec: number;
  auxSec: number;
  skills: string[];
  lastDate: number;
}

export interface SimSkill {
  id: string;
  name: string;
  waiting: number;
  offered: number;
  answered: number;
  abandoned: number;
  sl10: number;
  sl20: number;
  sl30: number;
  /** Arrivals per second (demo). */
  rate: number;
}

export interface SimLine {
  user: string;
  status: string;
  txJitterMs: number;
  rxJitterMs: number;
  txLossPct: number;
  rxLossPct: number;
}

export { seeded } from '../random';

export const GOOD_NETWORK: SimNetwork = { latencyMs: 60, txJitterMs: 4, rxJitterMs: 5, txLossPct: 0, rxLossPct: 0, rejectionPct: 0 };

/** A new agent with sensible defaults; pass what the test cares about. */
export function simAgent(p: Partial<Omit<SimAgent, 'network'>> & { id: string; name: string; network?: Partial<SimNetwork> }, now = Date.now()): SimAgent {
  const network = { ...GOOD_NETWORK, ...p.network };
  return {
    status: 'Disponible',
    statusSince: now,
    ip: '190.24.10.5',
    version: '5.2.1',
    connectionType: 'ethernet',
    platform: 'app',
    baseline: { ...network },
    fragile: false,
    episodeUntil: null,
    calls: 0,
    inbound: 0,
    outbound: 0,
    talkSec: 0,
    acwSec: 0,
    auxSec: 0,
    skills: [],
    lastDate: now,
    ...p,
    network,
  };
}

export function simSkill(p: Partial<SimSkill> & { id: string; name: string }): SimSkill {
  return { waiting: 0, offered: 0, answered: 0, abandoned: 0, sl10: 100, sl20: 100, sl30: 100, rate: 0, ...p };
}

export class SimTeam {
  readonly agents = new Map<string, SimAgent>();
  readonly skills = new Map<string, SimSkill>();
  readonly lines = new Map<string, SimLine>();

  constructor(init: { agents?: SimAgent[]; skills?: SimSkill[]; lines?: SimLine[] } = {}) {
    for (const a of init.agents ?? []) this.agents.set(a.id, a);
    for (const s of init.skills ?? []) this.skills.set(s.id, s);
    for (const l of init.lines ?? []) this.lines.set(l.user, l);
  }

  /** Changes an agent (tests); network fields merge. */
  setAgent(id: string, patch: Partial<Omit<SimAgent, 'network'>> & { network?: Partial<SimNetwork> }, now = Date.now()): void {
    const a = this.agents.get(id);
    if (!a) throw new Error(`no simulated agent ${id}`);
    if (patch.status !== undefined && patch.status !== a.status && patch.statusSince === undefined) a.statusSince = now;
    const { network, ...rest } = patch;
    Object.assign(a, rest);
    if (network) {
      a.network = { ...a.network, ...network };
      // A changed measurement is a new measurement: Wolkvox dates it.
      if (patch.lastDate === undefined) a.lastDate = now;
    }
  }

  setSkill(id: string, patch: Partial<SimSkill>): void {
    const s = this.skills.get(id);
    if (!s) throw new Error(`no simulated skill ${id}`);
    Object.assign(s, patch);
  }
}
