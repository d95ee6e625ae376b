/**
 * Shared set-up of the Telphin integration tests: the simulator, a real Engine running the real
 * connector, and (webhook mode) the webhook receiver on loopback routing to the engine's registry.
 */
import { Engine } from '../../src/core/engine';
import { telphinFactory } from '../../src/core/connectors/telphin';
import { TelphinConnector, type TelphinOptions } from '../../src/core/connectors/telphin/connector';
import type { ConnectorFactory } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import type { Agent, Source } from '../../src/shared/model';
import type { TelphinSourceConfig } from '../../src/shared/sources';
import { startWebhookReceiver } from '../../src/server/hooks';
import { startTelphinSimulator, type TelphinSimOptions, type TelphinSimulator } from '../../src/simulators/telphin';

export interface Rig {
  sim: TelphinSimulator;
  engine: Engine;
  logger: ReturnType<typeof memoryLogger>;
  config: TelphinSourceConfig;
  receiverUrl: string | null;
  source(): Source;
  agent(id: string): Agent | undefined;
  waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export const TEAM: TelphinSimOptions['agents'] = [
  { id: '136', type: 'local', name: 'Anna', extensionName: '000*094@ringme.ru', status: 'available' },
  { id: '137', type: 'local', name: 'Boris', status: 'logged_out' },
  { id: '138', type: 'local', name: 'Clara', status: 'available' },
  { id: '201', type: 'remote', name: 'Dmitry', number: '79161234567', status: 'available' },
];

export interface RigOptions {
  sim?: TelphinSimOptions;
  webhook?: boolean;
  pollSec?: number;
  connector?: TelphinOptions;
  config?: Partial<TelphinSourceConfig>;
  /** Receives each connector the engine creates. */
  onCreate?: (c: TelphinConnector) => void;
}

export async function rig(opts: RigOptions = {}): Promise<Rig> {
  const sim = await startTelphinSimulator({ agents: TEAM, ...opts.sim });
  const logger = memoryLogger();
  const factory: ConnectorFactory<'telphin'> =
    opts.connector || opts.onCreate
      ? {
          ...telphinFactory,
          create: (ctx) => {
            const c = new TelphinConnector(ctx, opts.connector);
            opts.onCreate?.(c);
            return c;
          },
        }
      : telphinFactory;
  const engine = new Engine({ registry: { telphin: factory }, logger });
  const receiver = opts.webhook ? await startWebhookReceiver({ registry: engine.webhooks, port: 0, logger: logger.child('hooks') }) : null;
  const receiverUrl = receiver ? `http://127.0.0.1:${receiver.port}` : null;
  const config: TelphinSourceConfig = {
    id: 'tp',
    vendor: 'telphin',
    apiBaseUrl: sim.apiBaseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clientRef: '@me',
    pollSec: opts.pollSec ?? 1,
    ...(receiverUrl ? { webhook: { publicUrl: receiverUrl } } : {}),
    ...opts.config,
  };
  engine.start([config]);
  const source = () => engine.snapshot().sources.find((s) => s.id === config.id)!;
  return {
    sim,
    engine,
    logger,
    config,
    receiverUrl,
    source,
    agent: (id) => engine.state.agents.get(`${config.id}:${id}`),
    async waitFor(what, probe, timeoutMs = 8000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = probe();
        if (v) return v as never;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; source: ${JSON.stringify(source())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      await engine.stop();
      await receiver?.close();
      await sim.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
