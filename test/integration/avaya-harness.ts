/**
 * Runs the real Avaya connector inside a real Engine against the AXP simulator over loopback HTTP and
 * WebSocket, with short protocol timings.
 */
import { Engine } from '../../src/core/engine';
import { avayaFactory, type AvayaTimings } from '../../src/core/connectors/avaya';
import { memoryLogger } from '../../src/core/util/logger';
import { AvayaSourceSchema, type AvayaSourceConfig } from '../../src/shared/sources';
import type { Source } from '../../src/shared/model';
import { startAvayaSimulator, type AvayaSimOptions, type AvayaSimulator } from '../../src/simulators/avaya';

export const FAST: Partial<AvayaTimings> = {
  authTimeoutMs: 2_000,
  openTimeoutMs: 2_000,
  requestTimeoutMs: 2_000,
  pendingPollMs: 100,
  pendingMaxMs: 1_500,
  snapshotQuietMs: 150,
  emptySnapshotMs: 600,
  backoffBaseMs: 100,
  backoffCapMs: 800,
};

export interface Harness {
  sim: AvayaSimulator;
  engine: Engine;
  logger: ReturnType<typeof memoryLogger>;
  config: AvayaSourceConfig;
  /** Every status/lastError the source went through, in order. */
  history: { status: Source['status']; lastError: string | null; problem: Source['problem'] }[];
  source(): Source;
  stop(): Promise<void>;
}

export async function startHarness(opts: { sim?: AvayaSimOptions; config?: Record<string, unknown>; timings?: Partial<AvayaTimings>; team?: boolean; start?: boolean } = {}): Promise<Harness> {
  const sim = await startAvayaSimulator(opts.sim);
  if (opts.team !== false) seedTeam(sim);
  const logger = memoryLogger();
  const engine = new Engine({ registry: { avaya: avayaFactory }, logger, factories: { avayaTimings: { ...FAST, ...opts.timings } }, batchMs: 5 });
  const config = AvayaSourceSchema.parse({
    id: 'av',
    vendor: 'avaya',
    apiBaseUrl: sim.url,
    accountId: sim.accountId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    appKey: sim.appKey,
    ...opts.config,
  });
  const history: Harness['history'] = [];
  engine.subscribe((patch) => {
    for (const s of patch.upsert.sources ?? []) {
      const last = history[history.length - 1];
      if (s.id === 'av' && (!last || last.status !== s.status || last.lastError !== s.lastError)) history.push({ status: s.status, lastError: s.lastError, problem: s.problem });
    }
  });
  const h: Harness = {
    sim,
    engine,
    logger,
    config,
    history,
    source: () => engine.snapshot().sources.find((s) => s.id === 'av')!,
    async stop() {
      await engine.stop();
      await sim.stop();
    },
  };
  if (opts.start !== false) engine.start([config]);
  return h;
}

export function seedTeam(sim: AvayaSimulator): void {
  const now = Date.now();
  sim.setAgent('a1', { name: 'Ana Torres', state: 'READY', since: now - 60_000 }, true);
  sim.setAgent('a2', { name: 'Bruno Martin', state: 'NOT_READY', reason: 'Lunch', since: now - 120_000 }, true);
  sim.setAgent('a3', { name: 'Chloé Dubois', state: 'BUSY', since: now - 30_000 }, true);
  sim.setQueue('q1', { name: 'Sales', queueing: 3, offered: 20, answered: 15, completed: 14, abandoned: 2 }, true);
}

/** Polls until `fn` returns a truthy value (bounded). */
export async function waitFor<T>(fn: () => T | null | undefined | false, what: string, timeoutMs = 8_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the source is live with the seeded team visible. */
export async function waitLive(h: Harness): Promise<void> {
  await waitFor(() => h.source().status === 'live' && h.engine.snapshot().agents.length >= 3 && h.engine.snapshot().queues.length >= 1, 'the source to be live with the team');
}
