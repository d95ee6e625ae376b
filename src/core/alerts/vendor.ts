/**
 * Vendor-raised queue alerts (Axialys `alert_op` / `alert_file`): critical from the first event, kept
 * alive by repeats, resolved when their `validity` runs out (300 s when the vendor gives none; a
 * validity of 0 or less ends the alert at once; `Infinity` keeps it until an event ends it — a
 * collector source mirrors another collector's alert so while its link is up).
 */
import { entityKey } from '../../shared/model';
import type { AlertBook } from './book';
import { inScope, type RuleSet } from './rules';
import type { VendorAlertEvent } from './types';

export const DEFAULT_VENDOR_VALIDITY_SEC = 300;

export class VendorAlerts {
  constructor(
    private readonly book: AlertBook,
    private readonly rules: () => RuleSet,
  ) {}

  onEvent(sourceId: string, ev: VendorAlertEvent, now: number): void {
    const key = entityKey(sourceId, ev.queueId);
    for (const rule of this.rules().vendor.get(ev.metric) ?? []) {
      if (!inScope(rule, sourceId, key)) continue;
      const validity = ev.validitySec ?? DEFAULT_VENDOR_VALIDITY_SEC;
      let t = this.book.find(rule.id, key);
      if (validity <= 0) {
        if (t) {
          this.book.resolve(t, now);
          this.book.deleteTrack(t);
        }
        continue;
      }
      t ??= this.book.create(rule, { kind: 'queue', key }, sourceId);
      t.expiresAt = now + validity * 1000;
      t.value = typeof ev.value === 'number' && Number.isFinite(ev.value) ? ev.value : null;
      if (t.built) this.book.refresh(t);
      else this.book.fire(t, 'critical', now);
    }
  }

  tick(now: number): void {
    for (const rules of this.rules().vendor.values()) {
      for (const rule of rules) {
        for (const t of [...this.book.tracksOf(rule.id)]) {
          if (t.expiresAt === null || t.expiresAt > now) continue;
          this.book.resolve(t, now);
          this.book.deleteTrack(t);
        }
      }
    }
  }
}
