/**
 * The assertions every vendor's fuzz run must pass, with messages that carry the figures and the
 * first violations (each names its frame index; rerun with the same CCTM_FUZZ_SEED to replay it).
 */
import { expect } from 'vitest';
import type { FuzzReport } from './run';

export function expectSound(r: FuzzReport): void {
  const { accepted, rejected, unknown, refused, silent, crash } = r.outcomes;
  const summary = `${r.vendor} seed ${r.seed}: ${JSON.stringify(r.outcomes)}`;
  expect(r.violations, `${summary}\n${r.violations.slice(0, 10).join('\n')}`).toEqual([]);
  expect(r.frames, `${summary}: the run stopped early`).toBe(r.requested);
  expect(crash, summary).toBe(0);
  expect(silent, summary).toBe(0);
  // Frames in = accepted + rejected + unknown (+ vendor refusals, which become a source status).
  expect(accepted + rejected + unknown + refused, summary).toBe(r.frames);
  // The health counters report at least one rejection per rejected frame, one unknown per unknown one.
  expect(r.counters.rejected, summary).toBeGreaterThanOrEqual(rejected);
  expect(r.counters.unknown, summary).toBeGreaterThanOrEqual(unknown);
  // The generator is not toothless: every class of outcome it aims for occurs.
  expect(accepted, summary).toBeGreaterThan(r.frames * 0.2);
  expect(rejected, summary).toBeGreaterThan(r.frames * 0.05);
}
