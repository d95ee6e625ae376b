/**
 * Demo mode: the AXP simulator with a realistic team whose states, queues and backlog change every few
 * seconds (calls ring, connect, wrap up; agents take breaks and log out; queues build up and drain),
 * and the source config pointing at it. AXP's realtime feed carries no network quality, so the drift
 * shown here is in states and backlog.
 */
import { AvayaSourceSchema, type SourceConfig } from '../../shared/sources';
import { AvayaSimulator } from './server';
import type { QueueSpec } from './catalog';

const NAMES = [
  'Ana Torres', 'Bruno Martin', 'Chloé Dubois', 'Dmitri Volkov', 'Elena Rossi', 'Farid Haddad',
  'Greta Lind', 'Hugo Lefèvre', 'Inés García', 'Jonas Weber', 'Kenji Sato', 'Lucía Romero',
];
const REASONS = ['Lunch', 'Break', 'Training', 'Meeting', 'Coaching'];
const QUEUES = [
  { id: 'q-sales', name: 'Sales' },
  { id: 'q-support', name: 'Support' },
  { id: 'q-billing', name: 'Billing' },
];

interface DemoAgent {
  id: string;
  name: string;
  state: string;
  reason?: string;
  since: number;
  loggedInAt: number;
}

/** Next state of the call cycle; breaks and log-outs now and then. */
function nextState(a: DemoAgent, rnd: () => number): { state: string; reason?: string } {
  const r = rnd();
  switch (a.state) {
    case 'READY':
      return r < 0.55 ? { state: 'ALERTING' } : r < 0.65 ? { state: 'NOT_READY', reason: REASONS[Math.floor(rnd() * REASONS.length)] } : { state: 'READY' };
    case 'ALERTING':
      return r < 0.9 ? { state: 'BUSY' } : { state: 'READY' };
    case 'BUSY':
      return r < 0.4 ? { state: 'ACW' } : { state: 'BUSY' };
    case 'ACW':
      return r < 0.7 ? { state: 'READY' } : { state: 'ACW' };
    case 'NOT_READY':
      return r < 0.35 ? { state: 'READY' } : r < 0.4 ? { state: 'LOGGED_OUT' } : { state: 'NOT_READY', reason: a.reason };
    case 'LOGGED_OUT':
      return r < 0.3 ? { state: 'READY' } : { state: 'LOGGED_OUT' };
    default:
      return { state: 'READY' };
  }
}

export async function startDemoAvaya(opts: { tickMs?: number; random?: () => number } = {}): Promise<{ sources: SourceConfig[]; stop(): Promise<void>; simulator: AvayaSimulator }> {
  const rnd = opts.random ?? Math.random;
  const sim = await new AvayaSimulator({
    accountId: 'DEMOAX',
    clientId: 'demo-client',
    clientSecret: 'demo-client-secret',
    appKey: 'demo-app-key',
  }).start();
  const now = Date.now();
  const initial = ['READY', 'BUSY', 'BUSY', 'ACW', 'NOT_READY', 'READY', 'BUSY', 'ALERTING', 'READY', 'NOT_READY', 'BUSY', 'LOGGED_OUT'];
  const agents: DemoAgent[] = NAMES.map((name, i) => ({
    id: `c0ffee00-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name,
    state: initial[i] ?? 'READY',
    reason: initial[i] === 'NOT_READY' ? REASONS[i % REASONS.length] : undefined,
    since: now - Math.round(rnd() * 600_000),
    loggedInAt: now - 3_600_000 - Math.round(rnd() * 7_200_000),
  }));
  for (const a of agents) sim.setAgent(a.id, a, true);
  const queues: (QueueSpec & { id: string })[] = QUEUES.map((q, i) => ({ ...q, queueing: i + 1, offered: 40 + i * 25, answered: 36 + i * 22, completed: 33 + i * 20, abandoned: 2 + i }));
  for (const q of queues) sim.setQueue(q.id, q, true);

  let t = 0;
  const timer = setInterval(() => {
    t++;
    const at = Date.now();
    // Two or three agents move on each tick.
    for (let k = 0; k < 2 + Math.floor(rnd() * 2); k++) {
      const a = agents[Math.floor(rnd() * agents.length)]!;
      const next = nextState(a, rnd);
      if (next.state === a.state && next.reason === a.reason) continue;
      a.state = next.state;
      a.reason = next.reason;
      a.since = at;
      sim.setAgent(a.id, a);
    }
    // Backlog follows a slow wave with bursts, so queue alerts come and go.
    queues.forEach((q, i) => {
      const wave = 4 + 4 * Math.sin((t + i * 7) / 12);
      const burst = rnd() < 0.05 ? 6 : 0;
      const target = Math.max(0, Math.round(wave + burst + (rnd() - 0.5) * 2));
      const arrived = Math.max(0, target - q.queueing) + (rnd() < 0.5 ? 1 : 0);
      q.offered += arrived;
      const answered = Math.max(0, q.queueing + arrived - target);
      const abandoned = answered > 0 && rnd() < 0.1 ? 1 : 0;
      q.answered += Math.max(0, answered - abandoned);
      q.abandoned += abandoned;
      q.completed = Math.min(q.answered, q.completed + (rnd() < 0.6 ? 1 : 0));
      q.queueing = target;
      sim.setQueue(q.id, q);
    });
  }, opts.tickMs ?? 2500);
  timer.unref();

  const source = AvayaSourceSchema.parse({
    id: 'avaya-demo',
    vendor: 'avaya',
    name: 'Avaya AXP (demo)',
    apiBaseUrl: sim.url,
    accountId: sim.accountId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    appKey: sim.appKey,
  });
  return {
    sources: [source],
    simulator: sim,
    async stop() {
      clearInterval(timer);
      await sim.stop();
    },
  };
}
