/**
 * Shared setup of the Axialys integration tests: the simulator on loopback and a real Engine running
 * the real connector against it, plus bounded polling.
 */
import { Engine } from '../../src/core/engine';
import { memoryLogger } from '../../src/core/util/logger';
import { axialysFactory } from '../../src/core/connectors/axialys';
import { AxialysSimulator, type AxialysSimOptions } from '../../src/simulators/axialys/server';
import type { AxialysSourceConfig } from '../../src/shared/sources';
import type { Source } from '../../src/shared/model';

export interface Pair {
  sim: AxialysSimulator;
  engine: Engine;
  logger: ReturnType<typeof memoryLogger>;
  config: AxialysSourceConfig;
  source(): Source;
}

export function sourceConfig(sim: AxialysSimulator, over: Partial<AxialysSourceConfig> = {}): AxialysSourceConfig {
  return {
    id: 'ax',
    vendor: 'axialys',
    mode: 'supervisor',
    login: sim.login,
    password: sim.password,
    authUrl: sim.authUrl,
    tokenUrl: sim.tokenUrl,
    socketUrl: sim.origin,
    socketIo: 'auto',
    ...over,
  };
}

export async function startPair(simOptions: AxialysSimOptions, over: Partial<AxialysSourceConfig> = {}): Promise<Pair> {
  const sim = await new AxialysSimulator(simOptions).start();
  const logger = memoryLogger();
  const engine = new Engine({ registry: { axialys: axialysFactory }, logger });
  const config = sourceConfig(sim, over);
  engine.start([config]);
  return { sim, engine, logger, config, source: () => engine.snapshot().sources.find((s) => s.id === config.id)! };
}

export async function stopPair(pair: Pair | null): Promise<void> {
  if (!pair) return;
  await pair.engine.stop();
  await pair.sim.stop();
}

/** Polls until `probe` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 6000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits for the source to be live with the simulator holding one initialised socket. */
export async function waitLive(pair: Pair): Promise<void> {
  await waitFor('source live and subscribed', () => pair.source().status === 'live' && pair.sim.subscribers === 1);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
