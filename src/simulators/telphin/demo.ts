/**
 * Telphin demo: the simulator with a support team of local and remote queue agents who log in and
 * out (from the phone or the web interface), take calls, and callers waiting in the queue — and a
 * source config pointing at it. Polling mode by default; webhook mode when a receiver URL is given.
 */
import type { SourceConfig } from '../../shared/sources';
import { startTelphinSimulator, type TelphinSimulator } from './server';
import type { SimAgent } from './state';

export interface TelphinDemoOptions {
  /** The collector's (or receiver's) loopback URL: the demo source then runs in webhook mode. */
  publicUrl?: string;
  pollSec?: number;
  /** Milliseconds between demo changes (default 3000). */
  stepMs?: number;
}

const TEAM: (Partial<SimAgent> & Pick<SimAgent, 'id' | 'type'>)[] = [
  { id: '136', type: 'local', name: 'Anna Smirnova', extensionName: '000*094@demo.telphin', status: 'available' },
  { id: '137', type: 'local', name: 'Dmitry Volkov', extensionName: '000*095@demo.telphin', status: 'available' },
  { id: '138', type: 'local', name: 'Elena Kuznetsova', extensionName: '000*096@demo.telphin', status: 'logged_out' },
  { id: '139', type: 'local', name: 'Igor Popov', extensionName: '000*097@demo.telphin', status: 'available' },
  { id: '140', type: 'local', name: 'Olga Sokolova', extensionName: '000*098@demo.telphin', status: 'available' },
  { id: '141', type: 'local', name: 'Pavel Morozov', extensionName: '000*099@demo.telphin', status: 'logged_out' },
  { id: '142', type: 'local', name: 'Maria Lebedeva', extensionName: '000*100@demo.telphin', status: 'available' },
  { id: '201', type: 'remote', name: 'Sergey (home office)', number: '79161234567', status: 'available' },
  { id: '202', type: 'remote', name: 'Natalia (Kazan)', number: '79031112233', status: 'logged_out' },
  { id: '203', type: 'remote', name: 'Alexey (mobile)', number: '79265554433', status: 'available' },
];

const QUEUE = { id: 5000, name: 'Support line' };

function pick<T>(list: T[]): T | undefined {
  return list[Math.floor(Math.random() * list.length)];
}

/** One step of demo life: a login change, a call starting or ending, the queue moving. */
async function step(sim: TelphinSimulator, callEnds: Map<string, number>, now: number): Promise<void> {
  for (const [id, end] of callEnds) {
    if (end <= now) {
      sim.endCall(id);
      callEnds.delete(id);
    }
  }
  const agents = [...sim.agents.values()];
  const r = Math.random();
  if (r < 0.3) {
    const a = pick(agents);
    if (a) await sim.setStatus(a.id, a.status === 'available' ? 'logged_out' : 'available', Math.random() < 0.7 ? 'phone' : 'api');
  } else if (r < 0.7) {
    const busy = new Set([...sim.calls.values()].map((c) => String(c.extension_id ?? c.called_number)));
    const free = agents.filter((a) => a.status === 'available' && !busy.has(a.extensionId ?? '') && !busy.has(a.number ?? ''));
    const a = pick(free);
    if (a) callEnds.set(sim.startCall(a.id, { number: `7495${Math.floor(1e6 + Math.random() * 8e6)}`, flow: Math.random() < 0.8 ? 'IN' : 'OUT' }), now + 20_000 + Math.random() * 70_000);
  } else {
    const waiting = [...sim.calls.values()].filter((c) => c.called_extension?.type === 'queue');
    if (waiting.length < 6 && Math.random() < 0.6) callEnds.set(sim.queueCall(QUEUE, `7812${Math.floor(1e6 + Math.random() * 8e6)}`), now + 15_000 + Math.random() * 60_000);
    else if (waiting[0]) sim.endCall(waiting[0].call_id);
  }
}

export async function startDemoTelphin(opts: TelphinDemoOptions = {}): Promise<{ sources: SourceConfig[]; stop(): Promise<void> }> {
  const sim = await startTelphinSimulator({ clientId: 'demo-telphin-app', clientSecret: 'demo-telphin-secret', agents: TEAM, quota: { limit: 5000 }, eventLimit: 100 });
  const callEnds = new Map<string, number>();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void step(sim, callEnds, Date.now()).finally(() => (busy = false));
  }, opts.stepMs ?? 3000);
  timer.unref?.();
  const source: SourceConfig = {
    id: 'telphin-demo',
    name: 'Telphin (demo)',
    vendor: 'telphin',
    apiBaseUrl: sim.apiBaseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clientRef: '@me',
    pollSec: opts.pollSec ?? 5,
    ...(opts.publicUrl ? { webhook: { publicUrl: opts.publicUrl } } : {}),
  };
  return {
    sources: [source],
    stop: async () => {
      clearInterval(timer);
      await sim.close();
    },
  };
}
