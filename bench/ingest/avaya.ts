/**
 * Avaya AXP: LIVE UPSERT data frames of agent and queue measures (as the simulator's catalog builds
 * them, every value a string) through the real connector — token, subscriptions and producer
 * discovery against the loopback simulator, the WebSocket replaced by an in-process socket so that
 * frames reach the connector's own `message` handler (JSON.parse, DataFrameSchema, normalizeFrame,
 * snapshot tracking) and then the engine.
 */
import { EventEmitter } from 'node:events';
import { avayaFactory } from '../../src/core/connectors/avaya';
import { AvayaSourceSchema } from '../../src/shared/sources';
import { AGENT_ITD, AvayaSimulator, QUEUE_ITD, agentMeasures, queueMeasures, type QueueSpec } from '../../src/simulators/avaya';
import { prng, waitFor } from '../util';
import { Batcher, engineFor, sourceProblems, type IngestCase } from './common';

/** The part of a `ws` WebSocket the connector uses; frames are pushed in by the benchmark. */
class InProcessSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 0;
  producer: string | null = null;
  constructor(private readonly sim: AvayaSimulator) {
    super();
    queueMicrotask(() => {
      this.readyState = 1;
      this.emit('open');
    });
  }
  send(data: string, cb?: (err?: Error) => void): void {
    cb?.();
    const msg = JSON.parse(data) as { event?: string; subscriptionId?: string };
    if (msg.event !== 'authentication') return;
    const sub = this.sim.subscriptions.get(msg.subscriptionId ?? '');
    queueMicrotask(() => {
      this.producer = sub?.producerId ?? null;
      this.receive(JSON.stringify({ event: 'authenticationResponse', status: sub ? 'CONNECTION_CONFIRMED' : 'CONNECTION_FAILED_UNKNOWN_SUBSCRIPTION' }));
      if (!sub) return;
      for (const e of this.sim.entitiesOf(sub.producerId)) this.receive(JSON.stringify(this.sim.frame(sub.producerId, e, 'UPSERT', 'INITIALIZING')));
    });
  }
  /** Delivers a text frame; the recorded stream is strings (decoding bytes is measured by the wire benchmark). */
  receive(frame: Buffer | string): void {
    this.emit('message', frame, false);
  }
  ping(): void {
    queueMicrotask(() => this.emit('pong'));
  }
  close(code = 1000): void {
    this.terminate(code);
  }
  terminate(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close', code, Buffer.from(''));
  }
}

const STATES = ['READY', 'ALERTING', 'BUSY', 'ACW', 'NOT_READY', 'LOGGED_OUT'] as const;
const NEXT: Record<string, readonly string[]> = {
  READY: ['ALERTING', 'ALERTING', 'NOT_READY'],
  ALERTING: ['BUSY', 'BUSY', 'READY'],
  BUSY: ['ACW', 'BUSY'],
  ACW: ['READY', 'READY', 'ACW'],
  NOT_READY: ['READY', 'NOT_READY', 'LOGGED_OUT'],
  LOGGED_OUT: ['READY', 'LOGGED_OUT'],
};
const REASONS = ['Lunch', 'Break', 'Training', 'Meeting'];

export async function avayaCase(opts: { frames: number; agents: number; queues: number }): Promise<IngestCase> {
  const sim = await new AvayaSimulator({ accountId: 'BENCHX' }).start();
  const rnd = prng(17);
  const now = Date.now();
  const agents = Array.from({ length: opts.agents }, (_, i) => ({
    id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Agent ${i} Bench`,
    state: STATES[i % STATES.length]! as string,
    reason: undefined as string | undefined,
    since: now - Math.round(rnd() * 600_000),
    loggedInAt: now - 3_600_000,
  }));
  const queues: (QueueSpec & { id: string })[] = Array.from({ length: opts.queues }, (_, i) => ({
    id: `q-${i}`,
    name: `Queue ${i}`,
    queueing: 0,
    offered: 100,
    answered: 90,
    completed: 85,
    abandoned: 3,
  }));
  for (const a of agents) sim.setAgent(a.id, a, true);
  for (const q of queues) sim.setQueue(q.id, q, true);

  // The recorded stream: nine agent state changes for one queue update, as a contact centre sends them.
  const stream: { producer: string; text: string }[] = [];
  for (let i = 0; i < opts.frames; i++) {
    const t = now + i;
    if (rnd() < 0.9) {
      const a = agents[Math.floor(rnd() * agents.length)]!;
      const options = NEXT[a.state]!;
      a.state = options[Math.floor(rnd() * options.length)]!;
      a.reason = a.state === 'NOT_READY' ? REASONS[Math.floor(rnd() * REASONS.length)] : undefined;
      a.since = t;
      const frame = sim.frame(AGENT_ITD, { keys: { agentId: a.id }, measures: agentMeasures(a, t) }, 'UPSERT', 'LIVE');
      stream.push({ producer: AGENT_ITD, text: JSON.stringify(frame) });
    } else {
      const q = queues[Math.floor(rnd() * queues.length)]!;
      const arrived = rnd() < 0.5 ? 1 : 0;
      q.offered += arrived;
      q.queueing = Math.max(0, Math.min(15, q.queueing + arrived - (rnd() < 0.45 ? 1 : 0)));
      q.answered += rnd() < 0.4 ? 1 : 0;
      const frame = sim.frame(QUEUE_ITD, { keys: { queueId: q.id }, measures: queueMeasures(q) }, 'UPSERT', 'LIVE');
      stream.push({ producer: QUEUE_ITD, text: JSON.stringify(frame) });
    }
  }

  const sockets: InProcessSocket[] = [];
  const { engine } = engineFor(
    { avaya: avayaFactory },
    {
      factories: {
        avayaWebSocket: () => {
          const s = new InProcessSocket(sim);
          sockets.push(s);
          return s;
        },
      },
    },
  );
  const config = AvayaSourceSchema.parse({
    id: 'av',
    vendor: 'avaya',
    apiBaseUrl: sim.url,
    accountId: sim.accountId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    appKey: sim.appKey,
  });
  engine.start([config]);
  const open = (p: string) => sockets.find((s) => s.producer === p && s.readyState === 1);
  await waitFor(() => Boolean(open(AGENT_ITD) && open(QUEUE_ITD)) && engine.state.agents.size === opts.agents, 'the Avaya connector to take its snapshot', 30_000);
  const byProducer = new Map([AGENT_ITD, QUEUE_ITD].map((p) => [p, open(p)!]));
  const wire = stream.map((f) => ({ socket: byProducer.get(f.producer)!, data: f.text }));
  const batcher = new Batcher(engine);

  return {
    vendor: 'avaya',
    frames: wire.length,
    events: wire.length,
    json: stream.map((f) => f.text),
    describe: `${wire.length} LIVE UPSERT frames (${opts.agents} agents × 14 measures, ${opts.queues} queues × 13 measures), ~${Math.round(stream.reduce((n, f) => n + f.text.length, 0) / stream.length)} bytes each`,
    async pass() {
      for (const f of wire) {
        f.socket.receive(f.data);
        batcher.maybe();
      }
      engine.flush();
    },
    check: () => sourceProblems(engine, 'av') ?? (engine.state.agents.size === opts.agents ? null : `expected ${opts.agents} agents, found ${engine.state.agents.size}`),
    async stop() {
      await engine.stop();
      await sim.stop();
    },
  };
}
