/**
 * Thresholds used to colour metrics: the built-in alert rules of CONTRACT.md, overridden by
 * `settings.alerts.rules` (matched by rule id, as the alert engine does). The same ids are edited in
 * Settings → Thresholds.
 */
import type { AlertRuleOverride } from '../../shared/settings';
import { BUILTIN_RULES as SHARED_RULES, lastingCritical, scopeHolds, scopeSpecificity, type BuiltinRule, type BuiltinRuleId, type RuleUnit } from '../../shared/rules';

export type RuleId = Exclude<BuiltinRuleId, 'vendor.alert_op' | 'vendor.alert_file'>;
export type Unit = Exclude<RuleUnit, 'none'>;

export interface RuleDef {
  id: RuleId;
  unit: Unit;
  warning: number | null;
  critical: number | null;
  /** Raised by how long a state lasts (a source down): thresholds in seconds of it, no raise window of samples. */
  lasting?: true;
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
      // As the alert engine reads it: a source down's older `forSec` is its critical threshold.
      critical: def.lasting ? lastingCritical(o, def.critical) : o && o.critical !== undefined ? o.critical : def.critical,
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

/** An agent or a queue, as far as which rules watch it goes. */
export interface RuleSubject {
  kind: 'agent' | 'queue';
  key: string;
  sourceId: string;
  /** An agent's queues. */
  queues?: readonly string[] | null;
}

const asSet = (list: readonly string[] | undefined) => (list?.length ? new Set(list) : null);

/** How narrowly an added rule picks a subject it watches (as the alert engine ranks them); -1 when it does not watch it. */
function reach(o: AlertRuleOverride, s: RuleSubject): number {
  const scope = { sources: asSet(o.scope?.sources), queues: asSet(o.scope?.queues), agents: asSet(o.scope?.agents) };
  return scopeHolds(scope, s.kind, s.sourceId, s.key, s.queues) ? scopeSpecificity(scope, s.kind) : -1;
}

const BUILTIN_IDS = new Set<string>(SHARED_RULES.map((r) => r.id));

/**
 * The thresholds that colour one agent's or queue's values: the general ones, except where a rule
 * added for it (for that agent or queue, its queues or its source) watches the metric instead; the
 * narrowest such rule wins, as in the alert engine. `general` itself when no added rule applies.
 */
export function subjectThresholds(overrides: readonly AlertRuleOverride[], general: Thresholds, subject: RuleSubject): Thresholds {
  let out: Thresholds | null = null;
  for (const def of BUILTIN_RULES) {
    if (!def.id.startsWith(`${subject.kind}.`)) continue;
    let best: AlertRuleOverride | null = null;
    let bestReach = 0;
    for (const o of overrides) {
      if (BUILTIN_IDS.has(o.id) || o.metric !== def.id || o.enabled === false) continue;
      const r = reach(o, subject);
      if (r > bestReach) {
        best = o;
        bestReach = r;
      }
    }
    if (!best) continue;
    out ??= { ...general };
    out[def.id] = {
      enabled: true,
      warning: best.warning !== undefined ? best.warning : def.warning,
      critical: best.critical !== undefined ? best.critical : def.critical,
    };
  }
  return out ?? general;
}
