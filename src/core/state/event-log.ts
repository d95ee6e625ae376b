/**
 * The live event log (Events view): the last entries for snapshots, and those not yet sent for the
 * next patch. Both lists keep the last `capacity` entries and are trimmed in halves (not one entry per
 * append, which moved the whole list on every entry of a busy feed).
 */
import type { LogEntry } from '../../shared/model';

export class EventLog {
  private readonly entries: LogEntry[] = [];
  private pending: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 2000) {}

  append(entry: Omit<LogEntry, 'id'>): LogEntry {
    const full: LogEntry = { id: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > 2 * this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.pending.push(full);
    if (this.pending.length > 2 * this.capacity) this.pending.splice(0, this.pending.length - this.capacity);
    return full;
  }

  recent(limit = 500): LogEntry[] {
    return this.entries.slice(-Math.min(limit, this.capacity) || -this.capacity);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The entries appended since the last call (at most `capacity`). */
  takePending(): LogEntry[] {
    const out = this.pending.length > this.capacity ? this.pending.slice(-this.capacity) : this.pending;
    this.pending = [];
    return out;
  }
}
