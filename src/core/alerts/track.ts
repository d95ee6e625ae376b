/**
 * Per (rule, subject) state: the last M samples as bit masks (breach, critical), streaks of good
 * samples, the current alert and what has been notified. Exists only while something breaches, so
 * 10,000 healthy agents cost nothing.
 */
import type { Alert, Severity, Subject } from '../../shared/model';
import type { Rule } from './rules';

/** 0 ok, 1 warning, 2 critical. */
export type Level = 0 | 1 | 2;

/**
 * An open alert's new value (and message) is built when something reads the alert — a change batch,
 * a list, a notification — not on every sample: a queue whose waiting count moves with every call
 * would otherwise build a new alert and message per call, most of them never seen.
 */
export type AlertBuilder = (t: Track) => Alert;

export class Track {
  readonly id: string;
  bits = 0;
  crit = 0;
  goodStreak = 0;
  nonCritStreak = 0;
  lastLevel: Level = 0;
  lastSampleAt = 0;
  value: number | null = null;
  /** The worst value since this lifecycle's alert was raised. */
  peak: number | null = null;
  /** The raise of this lifecycle reached the user (so its recovery may too). */
  notified = false;
  /** Waiting in a notification group. */
  queued = false;
  /** Raise held back by the cooldown until then (ms), or null. */
  heldUntil: number | null = null;
  ackUntil: number | null = null;
  /** Vendor alerts: end of validity (ms). */
  expiresAt: number | null = null;
  /**
   * The alert as last built. Its lifecycle fields (state, severity, since…) are always current; its
   * value, threshold and message lag while `stale` (read `alert` for the public one).
   */
  built: Alert | null = null;
  /** A new value was published (`shownValue`, `shownThreshold`) and `built` does not carry it yet. */
  stale = false;
  shownValue: number | null = null;
  shownThreshold: number | null = null;

  constructor(
    public rule: Rule,
    readonly subject: Subject,
    readonly sourceId: string,
    private readonly build: AlertBuilder,
  ) {
    this.id = `${rule.id}|${subject.key}`;
  }

  /** The public alert while pending/firing (built now if a newer value was published); null while only samples are kept. */
  get alert(): Alert | null {
    if (this.stale) {
      this.stale = false;
      this.built = this.build(this);
    }
    return this.built;
  }

  set alert(a: Alert | null) {
    this.built = a;
    this.stale = false;
    if (a) {
      this.shownValue = a.value;
      this.shownThreshold = a.threshold;
    }
  }
}

export function levelOf(value: number, warning: number | null, critical: number | null): Level {
  if (critical !== null && value >= critical) return 2;
  if (warning !== null && value >= warning) return 1;
  return 0;
}

export function severityOf(level: Level): Severity {
  return level === 2 ? 'critical' : 'warning';
}

export function thresholdFor(rule: Rule, severity: Severity): number | null {
  return severity === 'critical' ? (rule.critical ?? rule.warning) : (rule.warning ?? rule.critical);
}

/** Records one sample in a window of `m` samples. */
export function pushSample(t: Track, level: Level, m: number, value: number, at: number): void {
  const mask = m >= 31 ? 0x7fffffff : (1 << m) - 1;
  t.bits = ((t.bits << 1) | (level >= 1 ? 1 : 0)) & mask;
  t.crit = ((t.crit << 1) | (level === 2 ? 1 : 0)) & mask;
  t.goodStreak = level === 0 ? t.goodStreak + 1 : 0;
  t.nonCritStreak = level < 2 ? t.nonCritStreak + 1 : 0;
  t.lastLevel = level;
  t.lastSampleAt = at;
  t.value = value;
}

export function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/**
 * N-of-M for a rule: explicit values win; else 1 of 1 for ≥ 5-minute polls, 2 of 3 otherwise.
 * `cadenceSec` is the pace of the samples this rule sees (./cadence.ts), not of everything its source reports.
 */
export function raiseWindow(rule: Rule, cadenceSec: number | undefined): { n: number; m: number } {
  const slow = cadenceSec !== undefined && cadenceSec >= 300;
  const m = rule.raiseM ?? (rule.raiseN !== null ? Math.max(rule.raiseN, slow ? 1 : 3) : slow ? 1 : 3);
  const n = Math.min(rule.raiseN ?? (slow ? 1 : 2), m);
  return { n, m };
}
