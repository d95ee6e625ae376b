/**
 * What changed since the last patch: per collection, the keys of entities changed (sent whole) and of
 * entities removed. A key is in at most one of the two; the last mark wins.
 */
import type { Collection, Patch } from '../../shared/model';

export class Changes {
  private readonly dirty: Record<Collection, Set<string>> = emptySets();
  private readonly removed: Record<Collection, Set<string>> = emptySets();

  markDirty(collection: Collection, key: string): void {
    const removed = this.removed[collection];
    if (removed.size) removed.delete(key);
    this.dirty[collection].add(key);
  }

  markRemoved(collection: Collection, key: string): void {
    this.dirty[collection].delete(key);
    this.removed[collection].add(key);
  }

  any(): boolean {
    for (const c of Object.keys(this.dirty) as Collection[]) if (this.dirty[c].size || this.removed[c].size) return true;
    return false;
  }

  /** Moves the changes into `patch` (each changed entity as `lookup` finds it now) and forgets them. */
  takeInto(patch: Patch, lookup: (collection: Collection, key: string) => unknown): void {
    for (const c of Object.keys(this.dirty) as Collection[]) {
      const dirty = this.dirty[c];
      if (dirty.size) {
        const list: unknown[] = [];
        for (const key of dirty) {
          const e = lookup(c, key);
          if (e) list.push(e);
        }
        if (list.length) (patch.upsert as Record<string, unknown[]>)[c] = list;
        dirty.clear();
      }
      const removed = this.removed[c];
      if (removed.size) {
        (patch.remove as Record<string, string[]>)[c] = [...removed];
        removed.clear();
      }
    }
  }
}

function emptySets(): Record<Collection, Set<string>> {
  return { agents: new Set(), queues: new Set(), sites: new Set(), lines: new Set(), sources: new Set(), alerts: new Set() };
}
