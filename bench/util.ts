/** Helpers shared by the benchmarks: one JSON line per figure, timing, GC. */
import { seeded } from '../src/simulators/random';

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** Budget the figure is checked against, when the issue names one. */
  budget?: number;
  /** "≥" or "≤": how value compares with budget to pass. */
  cmp?: '>=' | '<=';
  ok?: boolean;
  [extra: string]: unknown;
}

export function emit(f: Figure): void {
  if (!Number.isFinite(f.value)) throw new Error(`${f.bench} ${f.metric}: no usable value (${f.value})`);
  const out: Figure = { ...f, value: round(f.value) };
  if (f.budget !== undefined && f.cmp) out.ok = f.cmp === '>=' ? f.value >= f.budget : f.value <= f.budget;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

export function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 4;
  return Number(v.toFixed(digits));
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `fn` repeatedly for at least `minMs`, returns operations per second (best of `rounds`). */
export function rate(fn: () => number, rounds = 3): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    gc();
    const t0 = process.hrtime.bigint();
    const ops = fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, ops / s);
  }
  return best;
}

/** Main-thread CPU seconds (the kernel counts them in ticks of a few ms: measure long enough). */
function threadCpuSeconds(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Events per main-thread CPU-second of `run` (one call handles `events` events), called again until
 * it has used at least `minSec` of CPU.
 */
export async function eventsPerCpuSecond(events: number, run: () => unknown, minSec: number): Promise<number> {
  gc();
  let calls = 0;
  const t0 = threadCpuSeconds();
  for (;;) {
    await run();
    calls++;
    const elapsed = threadCpuSeconds() - t0;
    if (elapsed >= minSec) return (events * calls) / elapsed;
  }
}

export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** A seeded PRNG (mulberry32) so runs are comparable. */
export const prng = (seed = 42): (() => number) => seeded(seed);

/** The median of a list (NaN when empty). */
export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The value at quantile `q` (0..1) of a list, nearest rank (NaN when empty). */
export function quantile(values: number[], q: number): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Wall time of `fn` in seconds. */
export async function seconds(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Resolves on the next turn of the event loop (lets timers and I/O run). */
export function turn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

export function sleepMs(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `cond` every `everyMs` until it holds; throws after `timeoutMs` naming `what`. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleepMs(everyMs);
  }
}

/** Load average per CPU over the last minute: how busy the machine was (context for noisy figures). */
export async function machineLoad(): Promise<number> {
  const { loadavg, cpus } = await import('node:os');
  return loadavg()[0]! / Math.max(1, cpus().length);
}
