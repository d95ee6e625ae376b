/**
 * Bounded metric history for sparklines and trends: one ring buffer per (entity, metric), allocated on
 * first sample, 4 bytes time + 4 bytes value per point. Samples closer than `minGapSec` overwrite the
 * newest point instead of adding one, so a busy queue cannot flush out hours of trend. Memory budget:
 * capacity × 8 bytes per series (docs/performance.md).
 *
 * Rings live in shared slabs (one buffer for many series, points interleaved time/value) rather than
 * two typed arrays each: a sample touches one entity entry, its ring and one cache line of points,
 * and 30,000 series are a few dozen buffers instead of 60,000 small allocations.
 */
import type { HistoryPoint } from '../../shared/bridge';

export interface HistoryOptions {
  capacity?: number;
  minGapSec?: number;
  /** Upper bound on series kept; the least recently written are dropped beyond it. */
  maxSeries?: number;
}

/** Series per slab. */
const SLAB_SERIES = 256;

class Slab {
  readonly t: Uint32Array;
  readonly v: Float32Array;
  constructor(capacity: number) {
    const buffer = new ArrayBuffer(SLAB_SERIES * capacity * 8);
    this.t = new Uint32Array(buffer);
    this.v = new Float32Array(buffer);
  }
}

class Ring {
  head = 0;
  len = 0;
  constructor(
    readonly slab: Slab,
    /** Index of the ring's first (time, value) pair in the slab's arrays. */
    readonly base: number,
    readonly slot: number,
  ) {}

  push(sec: number, value: number, minGap: number, cap: number): void {
    const { t, v } = this.slab;
    if (this.len > 0) {
      const last = this.base + 2 * (this.head === 0 ? cap - 1 : this.head - 1);
      if (sec - t[last]! < minGap) {
        t[last] = sec;
        v[last + 1] = value;
        return;
      }
    }
    const at = this.base + 2 * this.head;
    t[at] = sec;
    v[at + 1] = value;
    this.head = this.head + 1 === cap ? 0 : this.head + 1;
    if (this.len < cap) this.len++;
  }

  points(cap: number): HistoryPoint[] {
    const { t, v } = this.slab;
    const out: HistoryPoint[] = [];
    const start = (this.head - this.len + cap) % cap;
    for (let i = 0; i < this.len; i++) {
      const at = this.base + 2 * ((start + i) % cap);
      const value = v[at + 1]!;
      out.push({ t: t[at]! * 1000, v: Number.isNaN(value) ? null : value });
    }
    return out;
  }
}

/** An entity's series: a handful of metrics, found by a short scan (no map per entity). */
interface Entry {
  metrics: string[];
  rings: Ring[];
}

export class History {
  /** entity key → its series. Entities are few thousand; metrics per entity a handful. */
  private readonly series = new Map<string, Entry>();
  private readonly slabs: Slab[] = [];
  /** Slots of forgotten series, reused before a new slab is made. */
  private readonly free: number[] = [];
  private used = 0;
  private count = 0;
  /** The last entity recorded: its metrics usually come one after another (same key string). */
  private lastKey: string | null = null;
  private lastEntry: Entry | undefined;
  readonly capacity: number;
  private readonly minGapSec: number;
  private readonly maxSeries: number;

  constructor(opts: HistoryOptions = {}) {
    this.capacity = opts.capacity ?? 120;
    this.minGapSec = opts.minGapSec ?? 10;
    this.maxSeries = opts.maxSeries ?? 60_000;
  }

  record(key: string, metric: string, atMs: number, value: number | null): void {
    let entry = key === this.lastKey ? this.lastEntry : this.series.get(key);
    let ring: Ring | undefined;
    if (entry) {
      const i = entry.metrics.indexOf(metric);
      if (i >= 0) ring = entry.rings[i];
    }
    if (!ring) {
      // Beyond the bound new series are not started (existing ones keep recording).
      if (value === null || this.count >= this.maxSeries) return;
      if (!entry) this.series.set(key, (entry = { metrics: [], rings: [] }));
      ring = this.newRing();
      entry.metrics.push(metric);
      entry.rings.push(ring);
      this.count++;
    }
    this.lastKey = key;
    this.lastEntry = entry;
    ring.push(Math.floor(atMs / 1000), value ?? Number.NaN, this.minGapSec, this.capacity);
  }

  get(key: string, metric: string): HistoryPoint[] {
    const entry = this.series.get(key);
    const i = entry ? entry.metrics.indexOf(metric) : -1;
    return i >= 0 ? entry!.rings[i]!.points(this.capacity) : [];
  }

  /**
   * Drops an entity's series (entity removed): only `metrics` when given, since an agent and a queue
   * of one source may share a key (Axialys operator 8 and queue 8) and keep different metrics.
   */
  forget(key: string, metrics?: readonly string[]): void {
    this.lastKey = null;
    this.lastEntry = undefined;
    const entry = this.series.get(key);
    if (!entry) return;
    for (let i = entry.metrics.length - 1; i >= 0; i--) {
      if (metrics && !metrics.includes(entry.metrics[i]!)) continue;
      this.free.push(entry.rings[i]!.slot);
      entry.metrics.splice(i, 1);
      entry.rings.splice(i, 1);
      this.count--;
    }
    if (entry.metrics.length === 0) this.series.delete(key);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by sample arrays (for the memory budget). */
  bytes(): number {
    return this.count * this.capacity * 8;
  }

  private newRing(): Ring {
    const slot = this.free.pop() ?? this.used++;
    const s = Math.floor(slot / SLAB_SERIES);
    const slab = (this.slabs[s] ??= new Slab(this.capacity));
    return new Ring(slab, (slot % SLAB_SERIES) * this.capacity * 2, slot);
  }
}
