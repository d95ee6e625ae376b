/**
 * Bounded metric history for sparklines and trends. An entity's metrics are recorded together — an
 * agent's latency, jitter and loss from one network sample, a queue's waiting count and longest wait
 * from one update — so they share one ring of rows: a time and one value per metric, 4 bytes each.
 * A row stands for `minGapSec` from its time: later samples within it overwrite its values instead of
 * adding a row, so a busy queue cannot flush out hours of trend, and still adds a row every gap.
 *
 * Rings live in shared slabs (one buffer for many rings), found through one map per group whose
 * values are slot numbers: a sample touches the map's entry, its ring's header and one row, a few
 * cache lines where one ring per metric touched three times as many. A metric's series starts at
 * its first usable value (a row recorded before it is not part of it); each ring's header keeps the
 * ring's head and length and each metric's own length.
 *
 * Memory: capacity × 4 × (1 + metrics) bytes per ring (docs/performance.md).
 */
import type { HistoryPoint } from '../../shared/bridge';

export interface HistoryOptions {
  capacity?: number;
  minGapSec?: number;
  /** Upper bound on series (entity × metric) kept; beyond it new series are not started. */
  maxSeries?: number;
}

/** What each kind of entity records, in row order. */
export const HISTORY_GROUPS = {
  agent: ['latency', 'jitter', 'loss'],
  queue: ['waiting', 'longestWait'],
  /** A site (agents sharing a public IP): its average and maximum latency, its network rejection. */
  site: ['siteLatency', 'siteMaxLatency', 'siteRejection'],
} as const;

export type HistoryGroup = keyof typeof HISTORY_GROUPS;
export type HistoryMetric = (typeof HISTORY_GROUPS)[HistoryGroup][number];

/** Rings per slab (a power of two: a slot's slab and index are its high and low bits). */
const SLAB_SHIFT = 8;
const SLAB_RINGS = 1 << SLAB_SHIFT;
const SLAB_MASK = SLAB_RINGS - 1;
/** Header words before a ring's metric lengths: head (next row to write), rows held. */
const HEAD = 0;
const LEN = 1;
const LENS = 2;

class Slab {
  /** Header words and row times. */
  readonly u: Uint32Array;
  /** Row values (NaN where a metric had no usable value). */
  readonly f: Float32Array;
  constructor(words: number) {
    const buffer = new ArrayBuffer(SLAB_RINGS * words * 4);
    this.u = new Uint32Array(buffer);
    this.f = new Float32Array(buffer);
  }
}

class Group {
  readonly metrics: readonly string[];
  /** Words per row: the time, then one value per metric. */
  readonly width: number;
  /** Words before the rows: head, length, one length per metric. */
  readonly header: number;
  /** Words per ring. */
  readonly words: number;
  /** Entity key → slot. */
  readonly rings = new Map<string, number>();
  readonly slabs: Slab[] = [];
  /** Slots of forgotten rings, reused before a new one is taken. */
  readonly free: number[] = [];
  used = 0;

  constructor(metrics: readonly string[], capacity: number) {
    this.metrics = metrics;
    this.width = 1 + metrics.length;
    this.header = LENS + metrics.length;
    this.words = this.header + capacity * this.width;
  }

  take(): number {
    const slot = this.free.pop() ?? this.used++;
    const slab = (this.slabs[slot >>> SLAB_SHIFT] ??= new Slab(this.words));
    slab.u.fill(0, (slot & SLAB_MASK) * this.words, (slot & SLAB_MASK) * this.words + this.header);
    return slot;
  }
}

/** Where each metric is kept: its group and its position in the group's rows. */
const METRIC_PLACE = new Map<string, { group: HistoryGroup; index: number }>();
for (const group of Object.keys(HISTORY_GROUPS) as HistoryGroup[]) {
  HISTORY_GROUPS[group].forEach((metric, index) => METRIC_PLACE.set(metric, { group, index }));
}

export class History {
  private readonly groups: Record<HistoryGroup, Group>;
  /** Series started (entity × metric), for the bound. */
  private count = 0;
  readonly capacity: number;
  private readonly minGapSec: number;
  private readonly maxSeries: number;

  constructor(opts: HistoryOptions = {}) {
    // At least one row (a ring of none would write into the next ring's header).
    this.capacity = Math.max(1, Math.floor(opts.capacity ?? 120));
    this.minGapSec = opts.minGapSec ?? 10;
    this.maxSeries = opts.maxSeries ?? 60_000;
    this.groups = {
      agent: new Group(HISTORY_GROUPS.agent, this.capacity),
      queue: new Group(HISTORY_GROUPS.queue, this.capacity),
      site: new Group(HISTORY_GROUPS.site, this.capacity),
    };
  }

  /**
   * Records one row of a group's metrics for an entity, in the group's order (`HISTORY_GROUPS`):
   * null where a metric has no usable value. A null does not start a series; in a started one it
   * is a gap.
   */
  record(group: 'agent', key: string, atMs: number, latency: number | null, jitter: number | null, loss: number | null): void;
  record(group: 'queue', key: string, atMs: number, waiting: number | null, longestWait: number | null): void;
  record(group: 'site', key: string, atMs: number, avgLatency: number | null, maxLatency: number | null, rejection: number | null): void;
  record(group: HistoryGroup, key: string, atMs: number, a: number | null, b: number | null, c: number | null = null): void {
    const g = this.groups[group];
    let slot = g.rings.get(key);
    if (slot === undefined) {
      // Beyond the bound new series are not started (existing ones keep recording).
      if ((a === null && b === null && c === null) || this.count >= this.maxSeries) return;
      slot = g.take();
      g.rings.set(key, slot);
    }
    const { u, f } = g.slabs[slot >>> SLAB_SHIFT]!;
    const base = (slot & SLAB_MASK) * g.words;
    const cap = this.capacity;
    const rows = base + g.header;
    const sec = Math.floor(atMs / 1000);
    let head = u[base + HEAD]!;
    let len = u[base + LEN]!;
    let at: number;
    let added = true;
    if (len > 0 && sec - u[(at = rows + (head === 0 ? cap - 1 : head - 1) * g.width)]! < this.minGapSec) {
      // Within the gap: the newest row takes this sample's values and keeps its time, so that a
      // stream faster than the gap still adds a row every gap (a moving time never would).
      added = false;
    } else {
      at = rows + head * g.width;
      head = head + 1 === cap ? 0 : head + 1;
      if (len < cap) len++;
      u[base + HEAD] = head;
      u[base + LEN] = len;
      u[at] = sec;
    }
    this.put(u, f, base, at, 0, a, added);
    this.put(u, f, base, at, 1, b, added);
    if (g.width > 3) this.put(u, f, base, at, 2, c, added);
  }

  /** The points of one metric of an entity, oldest first: [] when its series was never started. */
  get(key: string, metric: string): HistoryPoint[] {
    const place = METRIC_PLACE.get(metric);
    if (!place) return [];
    const g = this.groups[place.group];
    const slot = g.rings.get(key);
    if (slot === undefined) return [];
    const { u, f } = g.slabs[slot >>> SLAB_SHIFT]!;
    const base = (slot & SLAB_MASK) * g.words;
    const n = u[base + LENS + place.index]!;
    const cap = this.capacity;
    const start = (u[base + HEAD]! - n + cap) % cap;
    const out: HistoryPoint[] = [];
    for (let i = 0; i < n; i++) {
      const at = base + g.header + ((start + i) % cap) * g.width;
      const value = f[at + 1 + place.index]!;
      out.push({ t: u[at]! * 1000, v: Number.isNaN(value) ? null : value });
    }
    return out;
  }

  /**
   * Drops an entity's series of one group (entity removed). An agent and a queue of one source may
   * share a key (Axialys operator 8 and queue 8); their series are in different groups.
   */
  forget(group: HistoryGroup, key: string): void {
    const g = this.groups[group];
    const slot = g.rings.get(key);
    if (slot === undefined) return;
    const { u } = g.slabs[slot >>> SLAB_SHIFT]!;
    const base = (slot & SLAB_MASK) * g.words;
    for (let i = 0; i < g.metrics.length; i++) if (u[base + LENS + i]! > 0) this.count--;
    g.rings.delete(key);
    g.free.push(slot);
  }

  /** Series started (entity × metric). */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the rings in use (for the memory budget). */
  bytes(): number {
    let words = 0;
    for (const g of Object.values(this.groups)) words += g.rings.size * g.words;
    return words * 4;
  }

  /** Writes metric `i` of the row at `at`, starting its series on its first usable value. */
  private put(u: Uint32Array, f: Float32Array, base: number, at: number, i: number, v: number | null, added: boolean): void {
    const lenAt = base + LENS + i;
    const n = u[lenAt]!;
    if (n === 0) {
      if (v === null || this.count >= this.maxSeries) {
        f[at + 1 + i] = Number.NaN;
        return;
      }
      this.count++;
      u[lenAt] = 1;
    } else if (added && n < this.capacity) {
      u[lenAt] = n + 1;
    }
    f[at + 1 + i] = v ?? Number.NaN;
  }
}
