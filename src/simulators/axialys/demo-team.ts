/**
 * A demo team that lives on the simulator: calls arrive in waves, wait, get picked up, end or are
 * abandoned; operators pause (with pause names), log out and back in, and some phones drop to
 * `unavailable` for a while and recover. Queues under pressure raise Axialys' own alerts. A new
 * subscriber gets the current picture replayed on `init`.
 */
import type { AxialysSimulator } from './server';
import { frames } from './frames';
import { seeded } from '../random';

type Phase = 'out' | 'available' | 'ringing' | 'on_call' | 'paused' | 'unavailable';
interface Waiting {
  idCall: number;
  number: string;
  since: number;
  patienceMs: number;
}
interface DemoAgent {
  id: number;
  groups: number[];
  phase: Phase;
  until: number;
  pause: number | null;
  call: (Waiting & { idQueue: number; answeredAt: number }) | null;
}

const SERVICE = '33820620620';
const ALERT_EVERY_MS = 60_000;


export class DemoTeam {
  private readonly agents: DemoAgent[];
  private readonly queues = new Map<number, Waiting[]>();
  private readonly trunkCalls: Waiting[] = [];
  private readonly lastAlert = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private seq = 26_900_000;
  private readonly rand: () => number;
  private readonly trunkId: number;

  constructor(private readonly sim: AxialysSimulator, seed = 7, private readonly now: () => number = Date.now) {
    this.rand = seeded(seed);
    const d = sim.directory;
    this.trunkId = d.trunks[0]?.id ?? 1;
    for (const g of d.groupes) this.queues.set(g.id, []);
    const t = this.now();
    this.agents = d.ops.map((o, i) => ({ id: o.id, groups: o.groupes, phase: i === 5 ? 'out' : i === 3 ? 'paused' : 'available', until: t + this.between(3_000, 25_000), pause: i === 3 ? 1 : null, call: null }));
  }

  start(tickMs = 1200): void {
    this.sim.onInit(() => this.replay());
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The current picture, as events, for a subscriber that just initialised. */
  replay(): void {
    const t = this.now();
    for (const a of this.agents) {
      this.sim.send(frames.ui(a.phase === 'out' ? 'logout' : 'login', a.id));
      if (a.phase === 'paused') this.sim.send(frames.ui('pause', a.id, a.pause ?? ''));
      if (a.phase === 'unavailable') this.sim.send(frames.operatorStatus(a.id, 'unavailable'));
      if (a.call) this.sim.send(this.callStatus(a, a.phase === 'ringing' ? 'ringing' : 'connected', t));
    }
    for (const [q, calls] of this.queues) for (const c of calls) this.sim.send(frames.queueInsert(q, c.idCall, c.number, Math.round((t - c.since) / 1000)));
    for (const c of this.trunkCalls) this.sim.send(frames.trunkInsert(this.trunkId, c.idCall, c.number, Math.round((t - c.since) / 1000)));
  }

  tick(): void {
    const t = this.now();
    this.arrivals(t);
    for (const a of this.agents) this.advance(a, t);
    this.abandon(t);
    this.route(t);
    this.alerts(t);
  }

  private arrivals(t: number): void {
    // Load swells and ebbs over ~3 minutes so queues build up and drain.
    const load = 0.3 + 0.15 * Math.sin((t / 180_000) * 2 * Math.PI);
    if (this.rand() < load) {
      const ids = [...this.queues.keys()];
      const q = ids[Math.floor(this.rand() * ids.length)]!;
      const call: Waiting = { idCall: ++this.seq, number: this.number(), since: t, patienceMs: this.between(60_000, 240_000) };
      this.sim.send(frames.num('start', call.idCall, call.number, SERVICE));
      this.queues.get(q)!.push(call);
      this.sim.send(frames.queueInsert(q, call.idCall, call.number));
      if (this.rand() < 0.15) this.sim.send(frames.asr(call.idCall, String(1 + Math.floor(this.rand() * 3)), 70 + Math.floor(this.rand() * 30)));
    }
    if (this.rand() < load / 3) {
      const call: Waiting = { idCall: ++this.seq, number: this.number(), since: t, patienceMs: this.between(4_000, 12_000) };
      this.trunkCalls.push(call);
      this.sim.send(frames.trunkInsert(this.trunkId, call.idCall, call.number));
    }
    // Routed calls are connected onwards after a few seconds.
    for (const c of [...this.trunkCalls]) {
      if (t - c.since < c.patienceMs) continue;
      this.trunkCalls.splice(this.trunkCalls.indexOf(c), 1);
      this.sim.send(frames.trunkConnect(this.trunkId, c.idCall, c.number));
    }
  }

  private advance(a: DemoAgent, t: number): void {
    if (a.phase === 'ringing' && t >= a.until && a.call) {
      a.phase = 'on_call';
      a.call.answeredAt = t;
      a.until = t + this.between(10_000, 45_000);
      this.sim.send(frames.queueConnect(a.call.idQueue, a.call.idCall, a.id, a.call.number));
      this.sim.send(this.callStatus(a, 'connected', t));
      return;
    }
    if (a.phase === 'available' && this.rand() < 0.004) return this.dropPhone(a, t);
    if (t < a.until) return;
    if (a.phase === 'on_call' && a.call) {
      this.sim.send(frames.operatorStatus(a.id, 'available', { catchup: 10 }));
      this.sim.send(frames.num('end', a.call.idCall, a.call.number, SERVICE));
      a.call = null;
      const r = this.rand();
      if (r < 0.15) this.startPause(a, t);
      else if (r < 0.2) this.dropPhone(a, t);
      else {
        a.phase = 'available';
        a.until = t + this.between(10_000, 60_000);
      }
    } else if (a.phase === 'available') {
      const r = this.rand();
      if (r < 0.3) this.startPause(a, t);
      else if (r < 0.36) {
        a.phase = 'out';
        this.sim.send(frames.ui('logout', a.id));
        a.until = t + this.between(30_000, 90_000);
      } else a.until = t + this.between(10_000, 40_000);
    } else if (a.phase === 'paused' || a.phase === 'out' || a.phase === 'unavailable') {
      if (a.phase === 'paused') this.sim.send(frames.ui('unpause', a.id));
      else if (a.phase === 'out') this.sim.send(frames.ui('login', a.id));
      else this.sim.send(frames.operatorStatus(a.id, 'available'));
      a.phase = 'available';
      a.pause = null;
      a.until = t + this.between(20_000, 60_000);
    }
  }

  /** The phone drops (network trouble) for a while, then recovers. */
  private dropPhone(a: DemoAgent, t: number): void {
    a.phase = 'unavailable';
    this.sim.send(frames.operatorStatus(a.id, 'unavailable'));
    a.until = t + this.between(10_000, 30_000);
  }

  private startPause(a: DemoAgent, t: number): void {
    a.phase = 'paused';
    a.pause = 1 + Math.floor(this.rand() * 4);
    this.sim.send(frames.ui('pause', a.id, a.pause));
    a.until = t + this.between(20_000, 70_000);
  }

  private abandon(t: number): void {
    for (const [q, calls] of this.queues) {
      for (const c of [...calls]) {
        if (t - c.since < c.patienceMs) continue;
        calls.splice(calls.indexOf(c), 1);
        this.sim.send(frames.queueDelete(q, c.idCall));
        this.sim.send(frames.num('end', c.idCall, c.number, SERVICE));
      }
    }
  }

  private route(t: number): void {
    for (const a of this.agents) {
      if (a.phase !== 'available') continue;
      const q = a.groups.filter((g) => this.queues.get(g)?.length).sort((x, y) => this.queues.get(x)![0]!.since - this.queues.get(y)![0]!.since)[0];
      if (q === undefined || this.rand() < 0.4) continue; // not every free operator picks up at once
      const call = this.queues.get(q)!.shift()!;
      a.phase = 'ringing';
      a.until = t + 3000;
      a.call = { ...call, idQueue: q, answeredAt: t };
      this.sim.send(this.callStatus(a, 'ringing', t));
    }
  }

  private alerts(t: number): void {
    for (const [q, calls] of this.queues) {
      if (!calls.length) continue;
      const oldest = t - calls[0]!.since;
      if ((calls.length >= 4 || oldest >= 90_000) && this.due(`file:${q}`, t)) this.sim.send(frames.queueAlert('alert_file', q, 60, Math.round(oldest / 1000)));
      const staffed = this.agents.some((a) => a.groups.includes(q) && (a.phase === 'available' || a.phase === 'ringing' || a.phase === 'on_call'));
      if (!staffed && this.due(`op:${q}`, t)) this.sim.send(frames.queueAlert('alert_op', q, 60));
    }
  }

  private due(key: string, t: number): boolean {
    if (t - (this.lastAlert.get(key) ?? -Infinity) < ALERT_EVERY_MS) return false;
    this.lastAlert.set(key, t);
    return true;
  }

  private callStatus(a: DemoAgent, status: 'ringing' | 'connected', t: number) {
    const c = a.call!;
    return frames.operatorStatus(a.id, status, { idCall: c.idCall, idQueue: c.idQueue, number: c.number, durationSec: status === 'connected' ? Math.round((t - c.answeredAt) / 1000) : 0, ...(status === 'ringing' ? { service: SERVICE } : {}) });
  }

  private between(min: number, max: number): number {
    return Math.round(min + this.rand() * (max - min));
  }

  private number(): string {
    return `336${String(Math.floor(this.rand() * 1e8)).padStart(8, '0')}`;
  }
}
