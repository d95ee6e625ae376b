/**
 * Bounded metric history for sparklines and trends: one ring buffer per (entity, metric), allocated on
 * first sample, typed arrays (4 bytes time + 4 bytes value per point). Samples closer than
 * `minGapSec` overwrite the newest point instead of adding one, so a busy queue cannot flush out hours
 * of trend. Memory budget: capacity × 8 bytes per series (docs/performance.md).
 */
import type { HistoryPoint } from '../../shared/bridge';

export interface HistoryOptions {
  capacity?: number;
  minGapSec?: number;
  /** Upper bound on series kept; the least recently written are dropped beyond it. */
  maxSeries?: number;
}

class Series {
  readonly t: Uint32Array;
  readonly v: Float32Array;
  head = 0;
  len = 0;
  constructor(capacity: number) {
    this.t = new Uint32Array(capacity);
    this.v = new Float32Array(capacity);
  }
  push(sec: number, value: number, minGap: number): void {
    const cap = this.t.length;
    if (this.len > 0) {
      const last = (this.head - 1 + cap) % cap;
      if (sec - this.t[last]! < minGap) {
        this.t[last] = sec;
        this.v[last] = value;
        return;
      }
    }
    this.t[this.head] = sec;
    this.v[this.head] = value;
    this.head = (this.head + 1) % cap;
    if (this.len < cap) this.len++;
  }
  points(): HistoryPoint[] {
    const cap = this.t.length;
    const out: HistoryPoint[] = [];
    const start = (this.head - this.len + cap) % cap;
    for (let i = 0; i < this.len; i++) {
      const j = (start + i) % cap;
      const v = this.v[j]!;
      out.push({ t: this.t[j]! * 1000, v: Number.isNaN(v) ? null : v });
    }
    return out;
  }
}

export class History {
  /** entity key → metric → series. Entities are few thousand; metrics per entity a handful. */
  private readonly series = new Map<string, Map<string, Series>>();
  private count = 0;
  readonly capacity: number;
  private readonly minGapSec: number;
  private readonly maxSeries: number;

  constructor(opts: HistoryOptions = {}) {
    this.capacity = opts.capacity ?? 120;
    this.minGapSec = opts.minGapSec ?? 10;
    this.maxSeries = opts.maxSeries ?? 60_000;
  }

  record(key: string, metric: string, atMs: number, value: number | null): void {
    let byMetric = this.series.get(key);
    let s = byMetric?.get(metric);
    if (!s) {
      // Beyond the bound new series are not started (existing ones keep recording).
      if (value === null || this.count >= this.maxSeries) return;
      if (!byMetric) this.series.set(key, (byMetric = new Map()));
      byMetric.set(metric, (s = new Series(this.capacity)));
      this.count++;
    }
    s.push(Math.floor(atMs / 1000), value ?? Number.NaN, this.minGapSec);
  }

  get(key: string, metric: string): HistoryPoint[] {
    return this.series.get(key)?.get(metric)?.points() ?? [];
  }

  /** Drops an entity's series (entity removed). */
  forget(key: string): void {
    const byMetric = this.series.get(key);
    if (!byMetric) return;
    this.count -= byMetric.size;
    this.series.delete(key);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by sample arrays (for the memory budget). */
  bytes(): number {
    return this.count * this.capacity * 8;
  }
}
