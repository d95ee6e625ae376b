/**
 * Figures for the hostile-input runs: latency samplers and percentiles, and a report per scenario
 * (test-results/reliability/hostile.json, collected by `npm run test:reliability`, and one JSON line).
 */
import { FULL, Figures } from '../../lib/figures';

export { FULL };

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s.at(-1) ?? 0) };
}

/** Calls `probe` back to back (one at a time) until stopped; keeps each call's duration in ms. */
export function sampler(probe: () => Promise<void>, gapMs = 20): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await probe();
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

/** Runs `count` tasks with at most `width` in flight. */
export async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const figures = new Figures('hostile');

/** `wrong secret` → `WrongSecret`: one camel-case word per key part. */
const word = (k: string) => k.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`).join('');

/** Flattens `{ snapshotMs: { p50, p95 } }` into `snapshotMsP50`, `snapshotMsP95`… (figures are flat). */
function flat(prefix: string, v: unknown, out: Record<string, string | number | boolean | null>): void {
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flat(prefix ? `${prefix}${word(k)}` : k, x, out);
  } else out[prefix] = v as string | number | boolean | null;
}

/** Records one scenario's figures (written to test-results/reliability/hostile.json) and prints them. */
export function report(scenario: string, values: Record<string, unknown>): void {
  const out: Record<string, string | number | boolean | null> = {};
  flat('', values, out);
  figures.record({ suite: 'hostile', scenario, ...out });
  figures.write();
  console.log(`hostile ${JSON.stringify({ scenario, full: FULL, ...values })}`);
}

export async function until<T>(what: string, probe: () => T | null | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
