/**
 * One vendor source under test: its simulator behind a fault proxy, a real Engine running the real
 * connector on a jumpable clock, a recording notifier, a patch-fed mirror and the vendor's truth.
 * Vendor rigs (./rigs/*) fill in the simulator; the fault runner (./faults.ts) drives any of them.
 */
import { Engine } from '../../src/core/engine';
import type { ConnectorRegistry } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import { AlertSettingsSchema } from '../../src/shared/settings';
import type { SourceConfig } from '../../src/shared/sources';
import type { Source, SourceStatus } from '../../src/shared/model';
import { RecordingNotifier } from '../../test/fakes/notifier';
import { JumpClock } from './clock';
import { Resolver } from './dns';
import { FaultProxy } from './proxy';
import { Mirror, type Truth } from './compare';

export interface RigBase {
  clock: JumpClock;
  notifier: RecordingNotifier;
  resolver: Resolver;
  proxy: FaultProxy;
  engine: Engine;
  mirror: Mirror;
  log: ReturnType<typeof memoryLogger>;
  /** Every status the source went through, in order (from the engine's change batches). */
  statuses: { status: SourceStatus; lastError: string | null; at: number }[];
  source(): Source;
}

export interface Rig extends RigBase {
  vendor: 'wolkvox' | 'axialys' | 'avaya' | 'telphin';
  sourceId: string;
  config: SourceConfig;
  /** What the vendor holds now. */
  truth(): Truth;
  /** Changes at the vendor while a fault lasts: an agent leaves, another joins, states move. */
  change(opts: { relogin: boolean }): void | Promise<void>;
  /** Requests so far that obtained or presented credentials (token, login) — retry-storm checks. */
  authRequests(): number;
  /** Whether the source counts as recovered (default: live). */
  settled?(source: Source): boolean;
  /** Alerts the starting picture raises (waited for before any fault, so that churn shows). */
  alertsAtStart: number;
  stop(): Promise<void>;
}

export interface BaseOptions {
  sourceId: string;
  target: { host: string; port: number };
  registry: ConnectorRegistry;
  factories?: Record<string, unknown>;
}

/** The pieces every vendor rig shares; the engine starts once the vendor rig calls `start`. */
export async function baseRig(opts: BaseOptions): Promise<RigBase & { startSource(config: SourceConfig): void; stopBase(): Promise<void> }> {
  const clock = new JumpClock();
  const notifier = new RecordingNotifier();
  const resolver = new Resolver();
  const proxy = await new FaultProxy(opts.target).start();
  const log = memoryLogger('info');
  const engine = new Engine({
    clock,
    logger: log,
    notifier,
    fetch: resolver.fetch,
    registry: opts.registry,
    factories: { axialysSocket: resolver.axialysSocket, avayaWebSocket: resolver.avayaWebSocket, ...opts.factories },
    // Every raise and recovery is its own notification, so that churn cannot hide inside a group.
    alertSettings: AlertSettingsSchema.parse({ groupWindowSec: 0 }),
    batchMs: 20,
  });
  const statuses: RigBase['statuses'] = [];
  engine.subscribe((p) => {
    for (const s of p.upsert.sources ?? []) {
      const last = statuses[statuses.length - 1];
      if (s.id === opts.sourceId && (!last || last.status !== s.status || last.lastError !== s.lastError)) statuses.push({ status: s.status, lastError: s.lastError, at: clock.now() });
    }
  });
  const mirror = new Mirror(engine);
  return {
    clock,
    notifier,
    resolver,
    proxy,
    engine,
    mirror,
    log,
    statuses,
    source: () => engine.state.sources.get(opts.sourceId)!,
    startSource: (config) => engine.start([config]),
    stopBase: async () => {
      mirror.close();
      await engine.stop();
      await proxy.stop();
    },
  };
}
