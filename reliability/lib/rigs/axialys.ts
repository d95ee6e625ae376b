/**
 * Axialys under test: the Socket.IO notification simulator behind the fault proxy with a short
 * Engine.IO heartbeat, and a team that lives on it — operators logged in, paused or out, calls
 * waiting in queues — replayed to every new subscriber, as the demo team does.
 */
import { axialysFactory } from '../../../src/core/connectors/axialys';
import { AxialysSimulator, DEFAULT_DIRECTORY, frames, type SimDirectory } from '../../../src/simulators/axialys';
import type { AxialysSourceConfig } from '../../../src/shared/sources';
import type { AgentState, Source } from '../../../src/shared/model';
import type { Truth } from '../compare';
import { baseRig, type Rig } from '../rig';

type Phase = 'available' | 'paused' | 'out';
const STATE: Record<Phase, AgentState> = { available: 'available', paused: 'paused', out: 'logged_out' };

/** A team on the simulator: the vendor's truth, changed through events like the real server's. */
export class AxTeam {
  readonly phases = new Map<number, Phase>();
  /** queue id → call id → entered at (ms). */
  readonly calls = new Map<number, Map<number, number>>();
  private callSeq = 50_000;

  constructor(
    private readonly sim: AxialysSimulator,
    private readonly now: () => number,
  ) {
    for (const o of sim.directory.ops) this.phases.set(o.id, o.id % 5 === 0 ? 'out' : o.id % 4 === 0 ? 'paused' : 'available');
    for (const g of sim.directory.groupes) this.calls.set(g.id, new Map());
    sim.onInit(() => this.replay());
  }

  /** The current picture, as events (what a new subscriber receives). */
  replay(): void {
    const t = this.now();
    for (const [id, phase] of this.phases) {
      this.sim.send(frames.ui(phase === 'out' ? 'logout' : 'login', id));
      if (phase === 'paused') this.sim.send(frames.ui('pause', id, 1));
    }
    for (const [q, calls] of this.calls) for (const [c, at] of calls) this.sim.send(frames.queueInsert(q, c, `3376${c}`, Math.round((t - at) / 1000)));
  }

  set(id: number, phase: Phase): void {
    const was = this.phases.get(id);
    this.phases.set(id, phase);
    if (phase === 'out') this.sim.send(frames.ui('logout', id));
    else if (phase === 'paused') this.sim.send(frames.ui('pause', id, 1));
    else this.sim.send(frames.ui(was === 'paused' ? 'unpause' : 'login', id));
  }

  insert(queue: number): number {
    const id = ++this.callSeq;
    this.calls.get(queue)!.set(id, this.now());
    this.sim.send(frames.queueInsert(queue, id, `3376${id}`, 0));
    return id;
  }

  end(queue: number, callId: number): void {
    this.calls.get(queue)!.delete(callId);
    this.sim.send(frames.queueDelete(queue, callId));
  }

  truth(sourceId: string): Truth {
    const agents = new Map<string, AgentState | undefined>();
    for (const o of this.sim.directory.ops) agents.set(`${sourceId}:${o.id}`, STATE[this.phases.get(o.id) ?? 'out']);
    const queues = new Map<string, number | undefined>();
    for (const g of this.sim.directory.groupes) queues.set(`${sourceId}:${g.id}`, this.calls.get(g.id)?.size ?? 0);
    for (const t of this.sim.directory.trunks) queues.set(`${sourceId}:trunk-${t.id}`, 0);
    return { agents, queues };
  }
}

export interface AxialysRig extends Rig {
  sim: AxialysSimulator;
  team: AxTeam;
  /** A new password at the vendor, saved in the source by the user. */
  rotatePassword(): AxialysSourceConfig;
}

/** Live, or degraded only because events were missed while the socket was down (it says so, and returns to live a minute later). */
export function axialysSettled(s: Source): boolean {
  return s.status === 'live' || (s.status === 'degraded' && /events? (was|were) missed/.test(s.lastError ?? ''));
}

/** `production`: the Engine.IO heartbeat of a default server (25 s + 20 s) instead of 0.5 s + 0.5 s. */
/** How long a waiting call may stay unconfirmed after an interruption, in these tests. */
export const UNCONFIRMED_CALL_TEST_MS = 1500;

export async function axialysRig(opts: { socketIo?: 'v2' | 'v4'; lifetimeSec?: number; production?: boolean } = {}): Promise<AxialysRig> {
  let clockNow = Date.now;
  const directory: SimDirectory = JSON.parse(JSON.stringify(DEFAULT_DIRECTORY)) as SimDirectory;
  const sim = await new AxialysSimulator({
    socketIo: opts.socketIo ?? 'v4',
    lifetimeSec: opts.lifetimeSec ?? 1200,
    enforceExpiry: true,
    directory,
    now: () => clockNow(),
    heartbeat: opts.production ? {} : { pingIntervalMs: 500, pingTimeoutMs: 500 },
  }).start();
  const base = await baseRig({
    sourceId: 'ax',
    target: { host: '127.0.0.1', port: sim.port },
    registry: { axialys: axialysFactory },
    // Waiting calls not reported again after an interruption are dropped after this (120 s in production).
    factories: { axialysUnconfirmedCallMs: UNCONFIRMED_CALL_TEST_MS },
  });
  clockNow = () => base.clock.now();
  const team = new AxTeam(sim, clockNow);
  // Five calls waiting in the first queue: one alert (calls waiting) before any fault.
  for (let i = 0; i < 5; i++) team.insert(391);
  team.insert(392);
  const origin = base.proxy.origin;
  const configFor = (password: string): AxialysSourceConfig => ({
    id: 'ax',
    vendor: 'axialys',
    mode: 'supervisor',
    login: sim.login,
    password,
    authUrl: `${origin}/ws/`,
    tokenUrl: `${origin}/vm/token`,
    socketUrl: origin,
    socketIo: 'auto',
  });
  let config = configFor(sim.password);
  let opSeq = 100;
  const rig: AxialysRig = {
    ...base,
    vendor: 'axialys',
    sourceId: 'ax',
    get config() {
      return config;
    },
    sim,
    team,
    alertsAtStart: 1,
    settled: axialysSettled,
    truth: () => team.truth('ax'),
    change({ relogin }) {
      team.set(2, team.phases.get(2) === 'paused' ? 'available' : 'paused');
      team.set(3, team.phases.get(3) === 'out' ? 'available' : 'out');
      team.insert(392);
      if (relogin) {
        // An operator leaves the account and another joins: only a new login's directory shows it.
        const gone = directory.ops.pop()!;
        team.phases.delete(gone.id);
        const id = ++opSeq;
        directory.ops.push({ id, nom: `Opérateur ${id}`, groupes: [391] });
        team.phases.set(id, 'available');
      }
    },
    authRequests: () => sim.counters.authPosts,
    rotatePassword() {
      sim.options.password = `pw-${Math.random().toString(36).slice(2, 12)}`;
      config = configFor(sim.password);
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
