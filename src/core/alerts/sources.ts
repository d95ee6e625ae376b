/**
 * "Feed lost": a source down or refusing its credentials for `forSec` (default 60 s) raises one
 * critical alert with subject {kind: 'source', key: sourceId}. From the first moment it is down, the
 * alerts of its agents and queues are suppressed (their data is frozen) so one alert speaks for all.
 * `connecting` between retries keeps the outage running; live/degraded ends it; stopped ends it quietly.
 */
import type { Source } from '../../shared/model';
import type { AlertBook } from './book';
import { inScope, type RuleSet } from './rules';

const BAD = new Set(['down', 'auth_failed']);
const GOOD = new Set(['live', 'degraded']);

export class SourceWatch {
  /** Sources currently down: since when (ms). */
  private readonly downSince = new Map<string, number>();

  constructor(
    private readonly book: AlertBook,
    private readonly rules: () => RuleSet,
  ) {}

  onSource(next: Source | null, prev: Source | null, now: number): void {
    const id = (next ?? prev)!.id;
    if (!next) {
      this.downSince.delete(id);
      this.book.setSourceBad(id, false, now);
      this.end(id, now, true);
      return;
    }
    if (BAD.has(next.status)) {
      if (!this.downSince.has(id)) this.downSince.set(id, Math.min(now, next.statusSince ?? now));
      this.book.setSourceBad(id, true, now);
      for (const rule of this.rules().sources) {
        const t = this.book.find(rule.id, id);
        if (t?.built && (prev?.status !== next.status || prev?.lastError !== next.lastError)) this.book.refresh(t, {});
      }
      this.check(id, now);
    } else if (GOOD.has(next.status) || next.status === 'stopped') {
      this.downSince.delete(id);
      this.end(id, now, next.status === 'stopped');
      this.book.setSourceBad(id, false, now);
    }
  }

  tick(now: number): void {
    for (const id of this.downSince.keys()) this.check(id, now);
  }

  private check(id: string, now: number): void {
    const since = this.downSince.get(id);
    if (since === undefined) return;
    for (const rule of this.rules().sources) {
      if (!inScope(rule, id, id) || now - since < rule.forSec * 1000) continue;
      const t = this.book.find(rule.id, id) ?? this.book.create(rule, { kind: 'source', key: id }, id);
      if (t.built) continue;
      t.value = Math.round((now - since) / 1000);
      // The outage started before the alert: `since` says when the feed was lost.
      this.book.fire(t, 'critical', now, since);
    }
  }

  private end(id: string, now: number, silent: boolean): void {
    for (const rule of this.rules().byId.values()) {
      if (rule.def.sampling !== 'source') continue;
      const t = this.book.find(rule.id, id);
      if (!t) continue;
      this.book.resolve(t, now, silent);
      this.book.deleteTrack(t);
    }
  }
}
