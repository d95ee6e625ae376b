/**
 * Runs the real Wolkvox connector inside a real Engine against the loopback simulator.
 */
import { Engine } from '../../src/core/engine';
import { createWolkvoxFactory, type WolkvoxTuning } from '../../src/core/connectors/wolkvox';
import { memoryLogger } from '../../src/core/util/logger';
import type { Snapshot, Source } from '../../src/shared/model';
import { WolkvoxSourceSchema, type WolkvoxSourceConfig } from '../../src/shared/sources';
import { simAgent, simSkill, SimTeam, WolkvoxSimulator, type WolkvoxSimOptions } from '../../src/simulators/wolkvox';

export const TOKEN = 'wv-token-7f3a9c2e51';
export const FAST = { latencySec: 1, agentsSec: 1, skillsSec: 1 };
/** Short waits so recoveries fit in a test; maintenance keeps its minutes. */
export const TEST_TUNING: Partial<WolkvoxTuning> = {
  timeoutMs: 400,
  retry: { baseMs: 100, capMs: 400, stableMs: 5_000 },
  simultaneous: { baseMs: 150, capMs: 300 },
};

export function smallTeam(): SimTeam {
  const now = Date.now();
  return new SimTeam({
    agents: [
      simAgent({ id: '1001', name: 'Ana Gómez', status: 'Disponible', statusSince: now - 90_000, network: { latencyMs: 320, txJitterMs: 12, rxJitterMs: 41, rxLossPct: 2.5, rejectionPct: 1.2 } }, now),
      simAgent({ id: '1002', name: 'Carlos Pérez', status: 'En llamada', ip: '181.49.77.20', network: { latencyMs: 45 } }, now),
      simAgent({ id: '1003', name: 'Lucía Martínez', status: 'Auxiliar - Almuerzo', ip: '181.49.77.20', network: { latencyMs: 70 } }, now),
    ],
    skills: [simSkill({ id: '101', name: 'Ventas', waiting: 6, offered: 120, answered: 108, abandoned: 12, sl10: 71, sl20: 83.5, sl30: 90 })],
    lines: [{ user: 'troncal-bogota', status: 'Registered', txJitterMs: 3, rxJitterMs: 4, txLossPct: 0.1, rxLossPct: 0 }],
  });
}

export function wolkvoxConfig(url: string, extra: Record<string, unknown> = {}): WolkvoxSourceConfig {
  return WolkvoxSourceSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: TOKEN, baseUrl: url, poll: FAST, ...extra });
}

export interface Rig {
  sim: WolkvoxSimulator;
  engine: Engine;
  log: ReturnType<typeof memoryLogger>;
  source(id?: string): Source;
  stop(): Promise<void>;
}

export async function rig(opts: { sim?: WolkvoxSimOptions; tuning?: Partial<WolkvoxTuning> } = {}): Promise<Rig> {
  const sim = new WolkvoxSimulator({ tokens: [TOKEN], team: smallTeam(), ...opts.sim });
  await sim.start();
  const log = memoryLogger();
  const engine = new Engine({ registry: { wolkvox: createWolkvoxFactory({ ...TEST_TUNING, ...opts.tuning }) }, logger: log });
  return {
    sim,
    engine,
    log,
    source: (id = 'wv') => engine.snapshot().sources.find((s) => s.id === id)!,
    stop: async () => {
      await engine.stop();
      await sim.stop();
    },
  };
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 4_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function agentOf(snap: Snapshot, key: string) {
  return snap.agents.find((a) => a.key === key);
}
