/**
 * The INITIALIZING snapshot of one producer on one connection. AXP sends no end marker: the first LIVE
 * frame or a quiet period ends it (VENDORS.md §3). When it ends, a `sync` per collection removes the
 * producer's entities the snapshot did not mention — the snapshot REPLACES the previous state.
 * Pure bookkeeping; the stream owns the quiet-period timer.
 */
import type { NormalizedEvent } from '../../state/events';
import type { EntityCollection, NormalizedFrame } from './normalize';

export class SnapshotTracker {
  private open = true;
  private readonly ids: Record<EntityCollection, Set<string>> = { agents: new Set(), queues: new Set() };
  /** Snapshot frames seen so far. */
  frames = 0;

  constructor(readonly scope: string) {}

  get inProgress(): boolean {
    return this.open;
  }

  /**
   * Feeds one normalized frame; returns the events to emit, in order (the snapshot's `sync` events come
   * first when this frame is the first LIVE one).
   */
  accept(frame: NormalizedFrame): NormalizedEvent[] {
    if (!this.open) return frame.events;
    if (!frame.initializing) return [...this.finish(), ...frame.events];
    this.frames++;
    if (frame.action === 'DELETE') this.ids[frame.collection].delete(frame.id);
    else this.ids[frame.collection].add(frame.id);
    return frame.events;
  }

  /** Ends the snapshot (first LIVE frame or quiet period). Idempotent: later calls return nothing. */
  finish(): NormalizedEvent[] {
    if (!this.open) return [];
    this.open = false;
    return (['agents', 'queues'] as const).map((collection) => ({
      type: 'sync' as const,
      collection,
      scope: this.scope,
      ids: [...this.ids[collection]],
    }));
  }

  /** Entities in the snapshot, per collection (for log lines and tests). */
  size(collection: EntityCollection): number {
    return this.ids[collection].size;
  }
}
