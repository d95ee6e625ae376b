/**
 * The built-in alert rules of CONTRACT.md: one table for the alert engine (src/core/alerts) and the
 * dashboard (threshold colours, Settings → Thresholds). Every value is editable through
 * `settings.alerts.rules` overrides matched by id.
 */

export type BuiltinRuleId =
  | 'agent.latency'
  | 'agent.jitter'
  | 'agent.loss'
  | 'agent.rejection'
  | 'queue.waiting'
  | 'queue.longest_wait'
  | 'vendor.alert_op'
  | 'vendor.alert_file'
  | 'source.down';

/** How a rule's value reads: for formatting thresholds and values. */
export type RuleUnit = 'ms' | 'pct' | 'calls' | 'sec' | 'none';

export interface BuiltinRule {
  id: BuiltinRuleId;
  metric: BuiltinRuleId;
  unit: RuleUnit;
  /** Breach when the value is ≥ the threshold; null: no such level. */
  warning: number | null;
  critical: number | null;
  /**
   * Raised by how long a state lasts (a source down), not from samples: its thresholds are seconds of
   * that state, and it has no raise window nor clearing by samples (it ends when the state does).
   */
  lasting?: true;
}

export const BUILTIN_RULES: readonly BuiltinRule[] = [
  { id: 'agent.latency', metric: 'agent.latency', unit: 'ms', warning: 200, critical: 400 },
  { id: 'agent.jitter', metric: 'agent.jitter', unit: 'ms', warning: 30, critical: 60 },
  { id: 'agent.loss', metric: 'agent.loss', unit: 'pct', warning: 1, critical: 2.5 },
  { id: 'agent.rejection', metric: 'agent.rejection', unit: 'pct', warning: 1, critical: null },
  { id: 'queue.waiting', metric: 'queue.waiting', unit: 'calls', warning: 5, critical: 10 },
  { id: 'queue.longest_wait', metric: 'queue.longest_wait', unit: 'sec', warning: 60, critical: 180 },
  { id: 'vendor.alert_op', metric: 'vendor.alert_op', unit: 'none', warning: null, critical: null },
  { id: 'vendor.alert_file', metric: 'vendor.alert_file', unit: 'none', warning: null, critical: null },
  { id: 'source.down', metric: 'source.down', unit: 'sec', warning: null, critical: 60, lasting: true },
];

/**
 * The critical threshold an override gives a lasting rule (a source down), else `builtin`. Such a rule
 * used to wait `forSec` seconds before raising: an override that says only `forSec` keeps meaning
 * that, while a `critical` of its own (a number, or null for none) wins over it.
 */
export function lastingCritical(o: { critical?: number | null; forSec?: number } | undefined, builtin: number | null): number | null {
  if (o?.critical !== undefined) return o.critical;
  return o?.forSec ?? builtin;
}

/** `snoozedUntil` of an alert snoozed "until recovered" (far beyond any real date). */
export const SNOOZE_UNTIL_RECOVERED = 8.64e15;

/** Good samples in a row that clear an alert when its rule sets no `clearK` (CONTRACT.md: default 2). */
export const DEFAULT_CLEAR_K = 2;

/** A rule's scope as lists to look in (null: not limited by that list). */
export interface RuleScope {
  sources: ReadonlySet<string> | null;
  queues: ReadonlySet<string> | null;
  agents: ReadonlySet<string> | null;
}

export type RuleSubjectKind = 'agent' | 'queue' | 'site' | 'source';

/**
 * How narrowly a scope picks subjects of a kind: named one by one (agents or queues by key) 3, an
 * agent rule by the agents' queues 2, by source 1, everything 0. Where rules of one metric would
 * watch the same subject, only the narrowest does (the alert engine, and the dashboard's colours).
 */
export function scopeSpecificity(scope: RuleScope, kind: RuleSubjectKind): number {
  if ((kind === 'agent' && scope.agents) || (kind === 'queue' && scope.queues)) return 3;
  if (kind === 'agent' && scope.queues) return 2;
  return scope.sources ? 1 : 0;
}

/** Whether a scope holds a subject (its source, its key, an agent's queues), narrower rules aside. */
export function scopeHolds(scope: RuleScope, kind: RuleSubjectKind, sourceId: string, key: string, agentQueues?: readonly string[] | null): boolean {
  if (scope.sources && !scope.sources.has(sourceId)) return false;
  if (kind === 'agent') {
    if (scope.agents && !scope.agents.has(key)) return false;
    if (scope.queues && !(agentQueues ?? []).some((q) => scope.queues!.has(q))) return false;
  } else if (kind === 'queue') {
    if (scope.queues && !scope.queues.has(key)) return false;
  }
  return true;
}
