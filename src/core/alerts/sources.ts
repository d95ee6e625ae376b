/**
 * "Feed lost": a source down or refusing its credentials raises one alert with subject {kind:
 * 'source', key: sourceId} once the outage reaches the rule's thresholds, which are seconds down
 * (critical 60 s by default; a warning threshold raises a warning first). Its value is the seconds
 * down, kept current by the ~1 Hz tick. From the first moment it is down, the alerts of its agents and
 * queues are suppressed (their data is frozen) so one alert speaks for all. `connecting` between
 * retries keeps the outage running; live/degraded ends it; stopped ends it quietly.
 */
import type { Source } from '../../shared/model';
import type { AlertBook } from './book';
import { inScope, type RuleSet } from './rules';
import { levelOf, severityOf, type Level, type Track } from './track';

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

  /** Only sources down now are looked at: a healthy source costs the tick nothing. */
  tick(now: number): void {
    for (const id of this.downSince.keys()) this.check(id, now);
  }

  private check(id: string, now: number): void {
    const since = this.downSince.get(id);
    if (since === undefined) return;
    const downSec = (now - since) / 1000;
    for (const rule of this.rules().sources) {
      if (!inScope(rule, id, id)) continue;
      const level = levelOf(downSec, rule.warning, rule.critical);
      const t = this.book.find(rule.id, id);
      if (t?.built) this.follow(t, level, downSec, now);
      else if (level !== 0) this.raise(t ?? this.book.create(rule, { kind: 'source', key: id }, id), level, downSec, now, since);
    }
  }

  private raise(t: Track, level: Level, downSec: number, now: number, since: number): void {
    t.value = Math.floor(downSec);
    // The outage started before the alert: `since` says when the feed was lost.
    this.book.fire(t, severityOf(level), now, since);
  }

  /**
   * An open alert: its value follows the seconds down (a change a second, as the dashboard shows it)
   * and its severity the thresholds reached ("Now critical" once past the critical one). Thresholds
   * raised during the outage do not end it: the source is still down.
   */
  private follow(t: Track, level: Level, downSec: number, now: number): void {
    const value = Math.floor(downSec);
    const moved = value !== t.value;
    t.value = value;
    if (level !== 0 && severityOf(level) !== t.built!.severity) this.book.setSeverity(t, severityOf(level), now);
    else if (moved) this.book.refresh(t);
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
