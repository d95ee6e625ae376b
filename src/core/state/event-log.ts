/**
 * The live event log (Events view): the last entries for snapshots, and those not yet sent for the
 * next patch. Both lists keep the last `capacity` entries and are trimmed in halves (not one entry per
 * append, which moved the whole list on every entry of a busy feed). The entries are trimmed as
 * src/shared/log-trim.ts says: status changes, warnings and errors outlive ordinary lines.
 */
import type { LogEntry } from '../../shared/model';
import { trimLog } from '../../shared/log-trim';

export class EventLog {
  private entries: LogEntry[] = [];
  private pending: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 2000) {}

  append(entry: Omit<LogEntry, 'id'>): LogEntry {
    const full: LogEntry = { id: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > 2 * this.capacity) this.entries = trimLog(this.entries, this.capacity);
    this.pending.push(full);
    if (this.pending.length > 2 * this.capacity) this.pending.splice(0, this.pending.length - this.capacity);
    return full;
  }

  recent(limit = 500): LogEntry[] {
    const kept = this.entries.length > this.capacity ? trimLog(this.entries, this.capacity) : this.entries;
    return kept.slice(-Math.min(limit, this.capacity) || -this.capacity);
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
