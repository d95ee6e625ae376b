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
  /** Seconds a breach must persist (time-based rules). */
  forSec?: number;
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
  { id: 'source.down', metric: 'source.down', unit: 'sec', warning: null, critical: 60, forSec: 60 },
];

/** `snoozedUntil` of an alert snoozed "until recovered" (far beyond any real date). */
export const SNOOZE_UNTIL_RECOVERED = 8.64e15;
