/**
 * What a lead does to alerts: acknowledge (sticky until recovery, or for `ackExpiryHours`) and snooze
 * (minutes or until recovered; one alert, a rule, a subject, or everything). When a snooze or an
 * acknowledgement runs out on an alert still firing, the lead is reminded once.
 */
import type { Alert } from '../../shared/model';
import type { AlertSettings } from '../../shared/settings';
import type { AlertBook } from './book';
import { matches, SnoozeBook, type SnoozeTarget } from './snooze';
import { SNOOZE_UNTIL_RECOVERED, type SnoozeRequest } from './types';

export class Operator {
  constructor(
    private readonly book: AlertBook,
    private readonly snoozes: SnoozeBook,
    private readonly settings: () => AlertSettings,
  ) {}

  ack(id: string, now: number): Alert | null {
    const t = this.book.active.get(id);
    if (!t?.alert) return this.book.get(id) ?? null;
    if (t.alert.acknowledged) return t.alert;
    const hours = this.settings().ackExpiryHours;
    t.ackUntil = hours ? now + hours * 3_600_000 : null;
    if (t.ackUntil !== null) this.book.acked.add(t);
    return this.book.patch(t, { acknowledged: true });
  }

  /**
   * Takes an acknowledgement back (a click on the wrong alert): the alert notifies again as an
   * unacknowledged one would — its next step up, reminder or recovery — without repeating its raise.
   */
  unack(id: string, _now: number): Alert | null {
    const t = this.book.active.get(id);
    if (!t?.alert) return this.book.get(id) ?? null;
    if (!t.alert.acknowledged) return t.alert;
    t.ackUntil = null;
    this.book.acked.delete(t);
    return this.book.patch(t, { acknowledged: false });
  }

  snooze(req: SnoozeRequest, now: number): Alert[] {
    // A snooze of no time would only end at once, and remind at once: nothing to do.
    if (req.minutes !== null && !(req.minutes > 0)) return [];
    const until = req.minutes === null ? SNOOZE_UNTIL_RECOVERED : now + req.minutes * 60_000;
    if (req.minutes !== null) this.snoozes.set(req, until);
    const out: Alert[] = [];
    for (const t of [...this.book.active.values()]) {
      if (!t.alert || !matches(req, t.alert)) continue;
      if (t.alert.snoozedUntil !== null && t.alert.snoozedUntil >= until) {
        out.push(t.alert);
        continue;
      }
      this.book.snoozed.add(t);
      const a = this.book.patch(t, { snoozedUntil: until });
      if (a) out.push(a);
    }
    return out;
  }

  unsnooze(req: SnoozeTarget, _now: number): Alert[] {
    this.snoozes.clear(req);
    const out: Alert[] = [];
    for (const t of [...this.book.snoozed]) {
      if (!t.alert || !matches(req, t.alert)) continue;
      this.book.snoozed.delete(t);
      const a = this.book.patch(t, { snoozedUntil: null });
      if (a) out.push(a);
    }
    return out;
  }

  tick(now: number): void {
    this.snoozes.prune(now);
    for (const t of [...this.book.snoozed]) {
      const until = t.alert?.snoozedUntil;
      if (until === null || until === undefined) {
        this.book.snoozed.delete(t);
        continue;
      }
      if (until > now) continue;
      this.book.snoozed.delete(t);
      this.book.patch(t, { snoozedUntil: null });
      this.book.dispatcher.remind(t, now);
    }
    for (const t of [...this.book.acked]) {
      if (t.ackUntil === null || t.ackUntil > now) continue;
      this.book.acked.delete(t);
      t.ackUntil = null;
      this.book.patch(t, { acknowledged: false });
      this.book.dispatcher.remind(t, now);
    }
  }
}
