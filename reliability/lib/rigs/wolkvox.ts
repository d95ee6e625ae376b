/**
 * Wolkvox under test: the real-time report simulator (agents, latency, skills) behind the fault
 * proxy, polled every second by the real connector with short timeouts and backoffs.
 */
import { createWolkvoxFactory, type WolkvoxTuning } from '../../../src/core/connectors/wolkvox';
import { WolkvoxSourceSchema, type WolkvoxSourceConfig } from '../../../src/shared/sources';
import { simAgent, simSkill, SimTeam, WolkvoxSimulator } from '../../../src/simulators/wolkvox';
import type { AgentState } from '../../../src/shared/model';
import type { Truth } from '../compare';
import { baseRig, type Rig } from '../rig';

export const WOLKVOX_TUNING: Partial<WolkvoxTuning> = {
  timeoutMs: 1_000,
  retry: { baseMs: 200, capMs: 1_000, stableMs: 5_000 },
  simultaneous: { baseMs: 200, capMs: 500 },
};

const STATES: Record<string, AgentState> = { Disponible: 'available', 'En llamada': 'on_call', 'Auxiliar - Almuerzo': 'paused' };
const STATUS_CYCLE = Object.keys(STATES);

export interface WolkvoxRig extends Rig {
  sim: WolkvoxSimulator;
  /** Uses the token the simulator accepts next (credentials rotated by the user). */
  rotateToken(): WolkvoxSourceConfig;
}

/** `production`: the connector's own timeouts and backoffs instead of the short ones. */
export async function wolkvoxRig(opts: { production?: boolean } = {}): Promise<WolkvoxRig> {
  let clockNow = Date.now;
  const team = new SimTeam();
  const now = Date.now();
  for (let i = 1; i <= 12; i++) {
    // Agent 1001 has a bad line from the start: one alert firing before any fault.
    const network = i === 1 ? { latencyMs: 320 } : { latencyMs: 40 + i };
    team.agents.set(String(1000 + i), simAgent({ id: String(1000 + i), name: `Agente ${1000 + i}`, status: STATUS_CYCLE[i % 3]!, ip: `10.0.0.${i}`, network }, now));
  }
  team.skills.set('101', simSkill({ id: '101', name: 'Ventas', waiting: 2 }));
  team.skills.set('102', simSkill({ id: '102', name: 'Soporte', waiting: 1 }));
  let tokens = ['wv-rel-token-a1b2c3d4e5'];
  const sim = new WolkvoxSimulator({ tokens, team, responseDelayMs: 5, now: () => clockNow() });
  await sim.start();
  const port = Number(new URL(sim.url).port);
  const base = await baseRig({ sourceId: 'wv', target: { host: '127.0.0.1', port }, registry: { wolkvox: createWolkvoxFactory(opts.production ? {} : WOLKVOX_TUNING) } });
  clockNow = () => base.clock.now();
  // The agents' apps report their network every half second (a new `last_date`: a new sample).
  const reporting = setInterval(() => {
    for (const a of team.agents.values()) a.lastDate = clockNow();
  }, 500);
  reporting.unref();
  const configFor = (token: string) =>
    WolkvoxSourceSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token, baseUrl: base.proxy.origin, poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } });
  let config = configFor(tokens[0]!);
  let seq = 2000;
  const s = sim;
  const rig: WolkvoxRig = {
    ...base,
    vendor: 'wolkvox',
    sourceId: 'wv',
    get config() {
      return config;
    },
    sim: s,
    alertsAtStart: 1,
    truth(): Truth {
      const agents = new Map<string, AgentState | undefined>();
      for (const a of team.agents.values()) agents.set(`wv:${a.id}`, STATES[a.status]);
      const queues = new Map<string, number | undefined>();
      for (const q of team.skills.values()) queues.set(`wv:${q.id}`, q.waiting);
      return { agents, queues };
    },
    change() {
      // One agent leaves, one joins, one changes state; a skill's backlog moves.
      const ids = [...team.agents.keys()];
      team.agents.delete(ids[ids.length - 1]!);
      const id = String(++seq);
      team.agents.set(id, simAgent({ id, name: `Agente ${id}`, status: 'Disponible', ip: '10.0.1.1' }, clockNow()));
      const moved = team.agents.get(ids[1]!)!;
      team.setAgent(moved.id, { status: STATUS_CYCLE[(STATUS_CYCLE.indexOf(moved.status) + 1) % 3]! }, clockNow());
      team.setSkill('101', { waiting: team.skills.get('101')!.waiting + 1 });
    },
    authRequests: () => s.requests.length,
    rotateToken() {
      tokens = [`wv-rel-token-${Math.random().toString(36).slice(2, 12)}`];
      s.setTokens(tokens);
      config = configFor(tokens[0]!);
      return config;
    },
    async stop() {
      clearInterval(reporting);
      await base.stopBase();
      await s.stop();
    },
  };
  base.startSource(config);
  return rig;
}
