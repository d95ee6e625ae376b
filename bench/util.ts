/** Helpers shared by the benchmarks: one JSON line per figure, timing, GC. */
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

export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** A seeded PRNG (mulberry32) so runs are comparable. */
export function prng(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
