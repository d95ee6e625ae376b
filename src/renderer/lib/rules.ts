/**
 * Thresholds used to colour metrics: the built-in alert rules of CONTRACT.md, overridden by
 * `settings.alerts.rules` (matched by rule id, as the alert engine does). The same ids are edited in
 * Settings → Thresholds.
 */
import type { AlertRuleOverride } from '../../shared/settings';
import { BUILTIN_RULES as SHARED_RULES, type BuiltinRule, type BuiltinRuleId, type RuleUnit } from '../../shared/rules';

export type RuleId = Exclude<BuiltinRuleId, 'vendor.alert_op' | 'vendor.alert_file'>;
export type Unit = Exclude<RuleUnit, 'none'>;

export interface RuleDef {
  id: RuleId;
  unit: Unit;
  warning: number | null;
  critical: number | null;
}

/** The threshold rules (vendor-raised alerts have none), from the shared built-in table. */
export const BUILTIN_RULES: readonly RuleDef[] = SHARED_RULES.filter((r): r is BuiltinRule & { id: RuleId; unit: Unit } => r.unit !== 'none');

export interface Threshold {
  enabled: boolean;
  warning: number | null;
  critical: number | null;
}

export type Thresholds = Record<RuleId, Threshold>;

export function effectiveThresholds(overrides: readonly AlertRuleOverride[] = []): Thresholds {
  const out = {} as Thresholds;
  for (const def of BUILTIN_RULES) {
    const o = overrides.find((r) => r.id === def.id);
    out[def.id] = {
      enabled: o?.enabled ?? true,
      warning: o && o.warning !== undefined ? o.warning : def.warning,
      critical: o && o.critical !== undefined ? o.critical : def.critical,
    };
  }
  return out;
}

export type Level = 'ok' | 'warning' | 'critical';

/** How a value compares to a rule's thresholds (breach when ≥); null when unknown or rule disabled. */
export function levelOf(value: number | null | undefined, th: Threshold): Level | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (!th.enabled) return 'ok';
  if (th.critical !== null && value >= th.critical) return 'critical';
  if (th.warning !== null && value >= th.warning) return 'warning';
  return 'ok';
}

export function worstLevel(levels: (Level | null)[]): Level | null {
  let out: Level | null = null;
  for (const l of levels) {
    if (l === 'critical') return 'critical';
    if (l === 'warning') out = 'warning';
    else if (l === 'ok' && out === null) out = 'ok';
  }
  return out;
}
