/**
 * Runs one vendor's fuzz: frame after frame from the seeded generator through the connector's real
 * frame path into the engine, a full state check every few hundred frames, and a report of figures
 * (printed as one JSON line and written to test-results/reliability/fuzz-<vendor>.json, which
 * `npm run test:reliability` collects).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Figures } from '../../lib/figures';
import type { Json } from './hostile';
import { frameRng, type Rng } from './prng';
import { OUTCOMES, type FuzzRig, type Hint, type Outcome } from './rig';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface Frame {
  size: number;
  deliver(): Promise<Hint> | Hint;
  describe(): string;
}

export interface Driver<R extends FuzzRig = FuzzRig> {
  vendor: string;
  setup(seed: number): Promise<R>;
  frame(rig: R, rng: Rng, index: number): Frame;
  /** End-of-run checks of the connection itself (still live, no reconnects…). */
  after?(rig: R): string[];
}

export interface FuzzSettings {
  frames: number;
  seed: number;
  checkEvery: number;
  full: boolean;
}

/** Frames per vendor: 10,000 in the short run, 100,000 with CCTM_RELIABILITY_FULL=1; overridable. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const full = env.CCTM_RELIABILITY_FULL === '1';
  const frames = Number(env.CCTM_FUZZ_FRAMES) > 0 ? Math.floor(Number(env.CCTM_FUZZ_FRAMES)) : full ? 100_000 : 10_000;
  const seed = Number.isFinite(Number(env.CCTM_FUZZ_SEED)) && env.CCTM_FUZZ_SEED ? Number(env.CCTM_FUZZ_SEED) >>> 0 : 20261121;
  return { frames, seed, checkEvery: 250, full };
}

export interface FuzzReport {
  vendor: string;
  seed: number;
  /** Frames asked for, and frames sent (fewer when a frame overran its time budget). */
  requested: number;
  frames: number;
  outcomes: Record<Outcome, number>;
  eventsEmitted: number;
  entities: { agents: number; queues: number; sites: number; lines: number };
  sharedAgentQueueKeys: number;
  counters: { events: number; rejected: number; unknown: number };
  megabytes: number;
  largestFrameBytes: number;
  logLines: number;
  seconds: number;
  framesPerSecond: number;
  slowestFrameMs: number;
  violations: string[];
}

export async function runFuzz<R extends FuzzRig>(driver: Driver<R>, s: FuzzSettings): Promise<FuzzReport> {
  const rig = await driver.setup(s.seed);
  const started = performance.now();
  let sent = 0;
  for (let i = 0; i < s.frames && !rig.overrun; i++) {
    const frame = driver.frame(rig, frameRng(s.seed, driver.vendor, i), i);
    await rig.frame(i, frame.size, () => frame.deliver(), () => frame.describe());
    sent++;
    if ((i + 1) % s.checkEvery === 0) rig.check(i);
  }
  rig.check(sent);
  const seconds = (performance.now() - started) / 1000;
  const extra = driver.after?.(rig) ?? [];
  const counters = rig.source().counters ?? { events: 0, rejected: 0, unknown: 0 };
  await rig.stop();
  const { sharedAgentQueueKeys, ...entities } = rig.figures;
  const report: FuzzReport = {
    vendor: driver.vendor,
    seed: s.seed,
    requested: s.frames,
    frames: sent,
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, rig.tally[o]])) as Record<Outcome, number>,
    eventsEmitted: rig.events,
    entities,
    sharedAgentQueueKeys,
    counters,
    megabytes: Math.round((rig.bytes / 1e6) * 10) / 10,
    largestFrameBytes: rig.maxFrameBytes,
    logLines: rig.logLines,
    seconds: Math.round(seconds * 10) / 10,
    framesPerSecond: Math.round(sent / seconds),
    slowestFrameMs: Math.round(rig.slowestFrameMs),
    violations: [...rig.violations, ...extra],
  };
  const figures = new Figures(`fuzz-${driver.vendor}`);
  figures.record({
    suite: 'fuzz',
    scenario: driver.vendor,
    seed: report.seed,
    frames: report.frames,
    ...report.outcomes,
    eventsEmitted: report.eventsEmitted,
    ...report.entities,
    sharedAgentQueueKeys: report.sharedAgentQueueKeys,
    megabytes: report.megabytes,
    largestFrameBytes: report.largestFrameBytes,
    logLines: report.logLines,
    seconds: report.seconds,
    framesPerSecond: report.framesPerSecond,
    slowestFrameMs: report.slowestFrameMs,
    violations: report.violations.length,
  });
  figures.write();
  console.log(`fuzz ${JSON.stringify({ ...report, violations: report.violations.length })}`);
  return report;
}

/** A recorded vendor frame from test/fixtures/<vendor>/. */
export function fixture(vendor: string, name: string): Json {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures', vendor, name), 'utf8')) as Json;
}
