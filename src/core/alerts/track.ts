/**
 * Per (rule, subject) state: the last M samples as bit masks (breach, critical), streaks of good
 * samples, the current alert and what has been notified. Exists only while something breaches, so
 * 10,000 healthy agents cost nothing.
 */
import type { Alert, Severity, Subject } from '../../shared/model';
import type { Rule } from './rules';

/** 0 ok, 1 warning, 2 critical. */
export type Level = 0 | 1 | 2;

export interface Track {
  id: string;
  rule: Rule;
  subject: Subject;
  sourceId: string;
  bits: number;
  crit: number;
  goodStreak: number;
  nonCritStreak: number;
  lastLevel: Level;
  lastSampleAt: number;
  value: number | null;
  /** The public alert while pending/firing; null while only samples are kept. */
  alert: Alert | null;
  /** The raise of this lifecycle reached the user (so its recovery may too). */
  notified: boolean;
  /** Waiting in a notification group. */
  queued: boolean;
  /** Raise held back by the cooldown until then (ms), or null. */
  heldUntil: number | null;
  ackUntil: number | null;
  /** Vendor alerts: end of validity (ms). */
  expiresAt: number | null;
}

export function newTrack(rule: Rule, subject: Subject, sourceId: string): Track {
  return {
    id: `${rule.id}|${subject.key}`,
    rule,
    subject,
    sourceId,
    bits: 0,
    crit: 0,
    goodStreak: 0,
    nonCritStreak: 0,
    lastLevel: 0,
    lastSampleAt: 0,
    value: null,
    alert: null,
    notified: false,
    queued: false,
    heldUntil: null,
    ackUntil: null,
    expiresAt: null,
  };
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

/** N-of-M for a rule on a source: explicit values win; else 1 of 1 for ≥ 5-minute polls, 2 of 3 otherwise. */
export function raiseWindow(rule: Rule, cadenceSec: number | undefined): { n: number; m: number } {
  const slow = cadenceSec !== undefined && cadenceSec >= 300;
  const m = rule.raiseM ?? (rule.raiseN !== null ? Math.max(rule.raiseN, slow ? 1 : 3) : slow ? 1 : 3);
  const n = Math.min(rule.raiseN ?? (slow ? 1 : 2), m);
  return { n, m };
}
