/**
 * "Feed lost": a source down or refusing its credentials raises one alert with subject {kind:
 * 'source', key: sourceId} once the outage reaches the rule's thresholds, which are seconds down
 * (critical 60 s by default; a warning threshold raises a warning first). Its value is the seconds
 * down, kept current by the ~1 Hz tick. From the first moment it is down, the alerts of its agents and
 * queues are suppressed (their data is frozen) so one alert speaks for all. `connecting` between
 * retries keeps the outage running; live/degraded ends it; stopped ends it quietly.
 *
 * A source upstream of one of ours (a remote collector's own source, seen through a `collector`
 * source) is watched the same way from what the collector upstream says of it: its outage alert has
 * subject {kind: 'source', key: `{sourceId}:{upstream id}`} under our source, and the alerts of the
 * entities it reported are suppressed meanwhile.
 *
 * A source that comes back for less than FLAP_MS between two failures (a feed accepted, then closed
 * again at once) is one outage, not a new one each time: its clock keeps running from the first
 * failure, so a source that never stays up still raises its alert.
 */
import { entityKey, type Source } from '../../shared/model';
import type { AlertBook, Upstream } from './book';
import { inScope, type RuleSet } from './rules';
import { levelOf, severityOf, type Level, type Track } from './track';
import type { UpstreamEvent } from './types';

const BAD = new Set(['down', 'auth_failed']);
/** Back for less than this, then failing again: the same outage goes on. */
export const FLAP_MS = 60_000;
const GOOD = new Set(['live', 'degraded']);

/** An outage under way: of which of our sources (itself or one upstream of it), since when (ms). */
interface Outage {
  sourceId: string;
  since: number;
}

export class SourceWatch {
  /** Outages under way, by the subject key of their alert (a source id, or an upstream key). */
  private readonly outages = new Map<string, Outage>();
  /** Outages that ended less than FLAP_MS ago: when each began and when it ended. */
  private readonly ended = new Map<string, { since: number; at: number }>();

  constructor(
    private readonly book: AlertBook,
    private readonly rules: () => RuleSet,
  ) {}

  onSource(next: Source | null, prev: Source | null, now: number): void {
    const id = (next ?? prev)!.id;
    if (!next) {
      this.outages.delete(id);
      this.book.setSourceBad(id, false, now);
      this.end(id, now, true);
      this.forgetUpstreams(id, now);
      return;
    }
    if (BAD.has(next.status)) {
      this.book.setSourceBad(id, true, now);
      this.begin(id, id, Math.min(now, next.statusSince ?? now), prev?.status !== next.status || prev?.lastError !== next.lastError, now);
    } else if (GOOD.has(next.status) || next.status === 'stopped') {
      this.end(id, now, next.status === 'stopped');
      this.book.setSourceBad(id, false, now);
      // A source switched off no longer says anything of the sources upstream of it.
      if (next.status === 'stopped') this.forgetUpstreams(id, now);
    }
  }

  /**
   * What the collector upstream says of one of its sources. Down or refusing its credentials — or
   * `connecting` with an error, which is a source between two failed attempts — is an outage;
   * live/degraded ends it; `connecting` without an error (the collector upstream restarting) and
   * statuses this version does not know change nothing; gone or switched off there ends it quietly.
   */
  onUpstream(sourceId: string, ev: UpstreamEvent, now: number): void {
    const key = entityKey(sourceId, ev.id);
    const prev = this.book.upstreams.get(key);
    if (ev.status === null || ev.status === 'stopped') return this.forgetUpstream(key, sourceId, now);
    const next: Upstream = { id: ev.id, vendor: ev.vendor, name: ev.name, status: ev.status, lastError: ev.lastError, problem: ev.problem ?? null };
    this.book.upstreams.set(key, next);
    if (BAD.has(ev.status) || (ev.status === 'connecting' && ev.lastError)) {
      this.book.setUpstreamBad(key, sourceId, true, now);
      this.begin(key, sourceId, Math.min(now, ev.since ?? now), prev?.status !== next.status || prev?.lastError !== next.lastError, now);
    } else if (GOOD.has(ev.status)) {
      this.end(key, now, false);
      this.book.setUpstreamBad(key, sourceId, false, now);
    }
  }

  /** Only outages under way are looked at: a healthy source costs the tick nothing. */
  tick(now: number): void {
    for (const key of this.outages.keys()) this.check(key, now);
  }

  /** An outage starts (or goes on: it keeps its start); `changed`: its status or error did, for the alert's text. */
  private begin(key: string, sourceId: string, since: number, changed: boolean, now: number): void {
    if (!this.outages.has(key)) {
      const last = this.ended.get(key);
      this.ended.delete(key);
      this.outages.set(key, { sourceId, since: last && now - last.at < FLAP_MS ? last.since : since });
    }
    if (changed) {
      for (const rule of this.rules().sources) {
        const t = this.book.find(rule.id, key);
        if (t?.built) this.book.refresh(t, {});
      }
    }
    this.check(key, now);
  }

  private check(key: string, now: number): void {
    const outage = this.outages.get(key);
    if (outage === undefined) return;
    const { sourceId, since } = outage;
    const downSec = (now - since) / 1000;
    for (const rule of this.rules().sources) {
      if (!inScope(rule, sourceId, key)) continue;
      const level = levelOf(downSec, rule.warning, rule.critical);
      const t = this.book.find(rule.id, key);
      if (t?.built) this.follow(t, level, downSec, now);
      else if (level !== 0) this.raise(t ?? this.book.create(rule, { kind: 'source', key }, sourceId), level, downSec, now, since);
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

  private end(key: string, now: number, silent: boolean): void {
    const outage = this.outages.get(key);
    this.outages.delete(key);
    // Remembered a while: a failure again soon continues this outage (see FLAP_MS).
    if (outage && !silent) this.ended.set(key, { since: outage.since, at: now });
    else this.ended.delete(key);
    for (const [k, e] of this.ended) if (now - e.at >= FLAP_MS) this.ended.delete(k);
    for (const rule of this.rules().byId.values()) {
      if (rule.def.sampling !== 'source') continue;
      const t = this.book.find(rule.id, key);
      if (!t) continue;
      this.book.resolve(t, now, silent);
      this.book.deleteTrack(t);
    }
  }

  /** An upstream source gone (or no longer seen): its alert ends quietly, and what it reported is no longer held back. */
  private forgetUpstream(key: string, sourceId: string, now: number): void {
    this.outages.delete(key);
    this.end(key, now, true);
    this.book.upstreams.delete(key);
    this.book.setUpstreamBad(key, sourceId, false, now);
  }

  private forgetUpstreams(sourceId: string, now: number): void {
    const prefix = `${sourceId}:`;
    for (const key of [...this.book.upstreams.keys()]) if (key.startsWith(prefix)) this.forgetUpstream(key, sourceId, now);
  }
}
