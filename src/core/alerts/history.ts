/**
 * Resolved alerts in a ring buffer, bounded (default 5,000), persisted as JSON to `path`: written a
 * moment after a change (debounced) and on flush(). A missing file starts empty; an unreadable or
 * corrupt one is kept aside as `<path>.corrupt` and the history starts empty with a warning.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AlertSchema, historyEntryId, type Alert } from '../../shared/model';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/logger';
import { writeFileAtomic } from '../util/files';

export const DEFAULT_HISTORY_LIMIT = 5000;
const FILE_VERSION = 1;

const FileSchema = z.object({ version: z.number(), alerts: z.array(z.unknown()) });

export interface HistoryOptions {
  clock: Clock;
  logger: Logger;
  path?: string;
  limit?: number;
  writeDelayMs?: number;
}

export class AlertHistory {
  /** Ring buffer of `limit` slots: `count` items ending just before `next`. */
  private readonly ring: (Alert | undefined)[];
  private next = 0;
  private count = 0;
  private readonly byId = new Map<string, Alert>();
  /** Each entry by its own id (`historyEntryId`): the lifecycles of one alert id apart. */
  private readonly byEntry = new Map<string, Alert>();
  private readonly limit: number;
  private timer: TimerHandle | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly opts: HistoryOptions) {
    this.limit = Math.max(1, opts.limit ?? DEFAULT_HISTORY_LIMIT);
    this.ring = new Array(this.limit);
    if (opts.path) this.load(opts.path);
  }

  get size(): number {
    return this.count;
  }

  add(alert: Alert): void {
    this.push(alert);
    this.scheduleWrite();
  }

  private push(alert: Alert): void {
    const old = this.ring[this.next];
    if (old && this.byId.get(old.id) === old) this.byId.delete(old.id);
    if (old) {
      const entry = historyEntryId(old);
      if (this.byEntry.get(entry) === old) this.byEntry.delete(entry);
    }
    this.ring[this.next] = alert;
    this.next = (this.next + 1) % this.limit;
    this.count = Math.min(this.count + 1, this.limit);
    this.byId.set(alert.id, alert);
    this.byEntry.set(historyEntryId(alert), alert);
  }

  /** The i-th newest item (0 = newest). */
  private at(i: number): Alert {
    return this.ring[(this.next - 1 - i + this.limit * 2) % this.limit]!;
  }

  /** The latest resolved lifecycle of an alert id. */
  latest(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  /** One entry by its own id (`historyEntryId`: the alert id and when that lifecycle was raised). */
  entry(entryId: string): Alert | undefined {
    return this.byEntry.get(entryId);
  }

  /** Newest first. */
  list(limit = this.count): Alert[] {
    const out: Alert[] = [];
    for (let i = 0; i < this.count && out.length < limit; i++) out.push(this.at(i));
    return out;
  }

  /** Newest first, resolved at or after `since`. */
  since(since: number, max: number): Alert[] {
    const out: Alert[] = [];
    for (let i = 0; i < this.count && out.length < max; i++) {
      const a = this.at(i);
      if ((a.resolvedAt ?? a.since) < since) break;
      out.push(a);
    }
    return out;
  }

  async flush(): Promise<void> {
    this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty) this.write();
    await this.writing;
  }

  private scheduleWrite(): void {
    if (!this.opts.path) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.opts.writeDelayMs ?? 2000);
  }

  private write(): void {
    const path = this.opts.path;
    if (!path) return;
    this.dirty = false;
    const body = JSON.stringify({ version: FILE_VERSION, alerts: this.list().reverse() });
    this.writing = this.writing.then(async () => {
      try {
        await writeFileAtomic(path, body);
      } catch (e) {
        this.opts.logger.warn(`could not save the alert history to ${path}; it is kept in memory and saved again on the next change`, e);
      }
    });
  }

  private load(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.opts.logger.warn(`could not read the alert history ${path}; starting with an empty history`, e);
      return;
    }
    let parsed: z.infer<typeof FileSchema> | null = null;
    try {
      const r = FileSchema.safeParse(JSON.parse(text));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      this.opts.logger.warn(`the alert history ${path} is corrupt; it was kept as ${path}.corrupt and the history starts empty`);
      try {
        copyFileSync(path, `${path}.corrupt`);
      } catch (e) {
        this.opts.logger.warn(`could not keep a copy of the corrupt alert history`, e);
      }
      return;
    }
    let dropped = 0;
    for (const raw of parsed.alerts.slice(-this.limit)) {
      const r = AlertSchema.safeParse(raw);
      if (!r.success || r.data.state !== 'resolved') {
        dropped++;
        continue;
      }
      this.push(r.data);
    }
    if (dropped) this.opts.logger.warn(`ignored ${dropped} unreadable entries of the alert history ${path}`);
  }
}
