/**
 * Entity keys remembered per source and vendor id: the same string each time an event names an
 * entity. A key built per event is a new string that the state's maps must hash and then compare
 * character by character with the entity's own key; a remembered one is the entity's own key (the
 * entity is created with it), found by the vendor id, which a feed hands over as the same short
 * string frame after frame. Bounded: past `max` ids a source's keys are forgotten and built again.
 */
import { entityKey } from '../../shared/model';

export class EntityKeys {
  private readonly bySource = new Map<string, Map<string, string>>();
  /** The source of the last call and its keys: events come in runs from one source. */
  private lastSource: string | null = null;
  private last: Map<string, string> | null = null;

  constructor(private readonly max = 100_000) {}

  of(sourceId: string, vendorId: string): string {
    let keys = sourceId === this.lastSource ? this.last : this.bySource.get(sourceId);
    if (!keys) this.bySource.set(sourceId, (keys = new Map()));
    this.lastSource = sourceId;
    this.last = keys;
    let key = keys.get(vendorId);
    if (key === undefined) {
      key = entityKey(sourceId, vendorId);
      if (keys.size >= this.max) keys.clear();
      keys.set(vendorId, key);
    }
    return key;
  }

  /** Forgets a source's keys (it was removed). */
  forget(sourceId: string): void {
    this.bySource.delete(sourceId);
    if (this.lastSource === sourceId) {
      this.lastSource = null;
      this.last = null;
    }
  }
}
