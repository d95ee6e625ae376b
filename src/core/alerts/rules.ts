/**
 * Built-in alert rules (CONTRACT.md "Built-in alert rules") and their merge with the user's overrides:
 * matched by id, an empty list means the built-ins as they are, `{id, enabled: false}` switches one off,
 * and an unknown id with a known `metric` adds a rule (e.g. a tighter latency rule for one source).
 */
import type { AlertRuleOverride } from '../../shared/settings';
import { METRICS, type MetricDef } from './catalog';
import { BUILTIN_RULES as SHARED_RULES, DEFAULT_CLEAR_K, lastingCritical, scopeHolds, scopeSpecificity, type RuleScope } from '../../shared/rules';

export interface RuleDefaults {
  id: string;
  metric: string;
  warning: number | null;
  critical: number | null;
}

/** The built-in table lives in src/shared/rules.ts (the dashboard reads it too). */
export const BUILTIN_RULES: readonly RuleDefaults[] = SHARED_RULES;

/** Earlier spellings of rule ids, accepted in overrides. */
const ALIASES: Record<string, string> = { 'queue.longestWait': 'queue.longest_wait', 'queue.longestwait': 'queue.longest_wait' };

export { DEFAULT_CLEAR_K };

export interface Rule {
  id: string;
  def: MetricDef;
  enabled: boolean;
  warning: number | null;
  critical: number | null;
  /** Explicit N-of-M; null adapts to the source's cadence. */
  raiseN: number | null;
  raiseM: number | null;
  clearK: number;
  scope: RuleScope;
  /**
   * Enabled rules of the same metric whose scope is narrower (see `specificity`): where one of them
   * watches a subject, this rule leaves it to them. A rule for one queue replaces the general rule
   * for that queue rather than raising a second alert beside it.
   */
  narrower: Rule[];
}

/** How narrowly a rule's scope picks its subjects (src/shared/rules.ts). */
const specificity = (rule: Rule): number => scopeSpecificity(rule.scope, rule.def.subject);

export interface RuleSet {
  byId: Map<string, Rule>;
  /** Enabled rules by what drives them. */
  agents: Rule[];
  queues: Rule[];
  sites: Rule[];
  vendor: Map<string, Rule[]>;
  sources: Rule[];
  /** Overrides that could not be used (unknown metric), for a warning in the log. */
  problems: string[];
}

const toSet = (list: string[] | undefined) => (list && list.length ? new Set(list) : null);

function build(base: RuleDefaults, o: AlertRuleOverride | undefined, def: MetricDef): Rule {
  const pick = <K extends 'warning' | 'critical'>(k: K) => (o && o[k] !== undefined ? (o[k] ?? null) : base[k]);
  const m = o?.raiseM ?? null;
  return {
    id: base.id,
    def,
    enabled: o?.enabled ?? true,
    warning: pick('warning'),
    // A source down's thresholds are seconds down; an older override may give the critical one as `forSec`.
    critical: def.sampling === 'source' ? lastingCritical(o, base.critical) : pick('critical'),
    raiseN: o?.raiseN ?? null,
    raiseM: m === null ? null : Math.min(m, 30),
    clearK: o?.clearK ?? DEFAULT_CLEAR_K,
    scope: { sources: toSet(o?.scope?.sources), queues: toSet(o?.scope?.queues), agents: toSet(o?.scope?.agents) },
    narrower: [],
  };
}

export function resolveRules(overrides: readonly AlertRuleOverride[] = []): RuleSet {
  const byOverride = new Map<string, AlertRuleOverride>();
  for (const o of overrides) {
    const id = ALIASES[o.id] ?? o.id;
    byOverride.set(id, { ...byOverride.get(id), ...o, id });
  }
  const set: RuleSet = { byId: new Map(), agents: [], queues: [], sites: [], vendor: new Map(), sources: [], problems: [] };
  const add = (rule: Rule) => {
    set.byId.set(rule.id, rule);
    if (!rule.enabled) return;
    const d = rule.def;
    if (d.sampling === 'source') set.sources.push(rule);
    else if (d.sampling === 'vendor') set.vendor.set(d.id, [...(set.vendor.get(d.id) ?? []), rule]);
    else if (d.collection) set[d.collection].push(rule);
  };
  for (const base of BUILTIN_RULES) add(build(base, byOverride.get(base.id), METRICS[base.metric]!));
  for (const [id, o] of byOverride) {
    if (set.byId.has(id)) continue;
    const metricId = ALIASES[o.metric ?? ''] ?? o.metric;
    const def = metricId ? METRICS[metricId] : undefined;
    if (!def) {
      set.problems.push(`alert rule "${id}" names no known metric (${o.metric ?? 'none'}); it is ignored. Known metrics: ${Object.keys(METRICS).join(', ')}`);
      continue;
    }
    const builtin = BUILTIN_RULES.find((b) => b.metric === def.id);
    add(build({ id, metric: def.id, warning: builtin?.warning ?? null, critical: builtin?.critical ?? null }, o, def));
  }
  const enabled = [...set.byId.values()].filter((r) => r.enabled);
  for (const rule of enabled) {
    const level = specificity(rule);
    rule.narrower = enabled.filter((r) => r !== rule && r.def.id === rule.def.id && specificity(r) > level);
  }
  return set;
}

/**
 * Whether a rule watches this subject (scope lists hold source ids and entity keys): its scope holds
 * the subject and no narrower rule of the same metric does (the narrowest rule of a metric wins).
 */
export function inScope(rule: Rule, sourceId: string, key: string, agentQueues?: readonly string[]): boolean {
  if (!ownScope(rule, sourceId, key, agentQueues)) return false;
  for (const other of rule.narrower) if (ownScope(other, sourceId, key, agentQueues)) return false;
  return true;
}

function ownScope(rule: Rule, sourceId: string, key: string, agentQueues?: readonly string[]): boolean {
  return scopeHolds(rule.scope, rule.def.subject, sourceId, key, agentQueues);
}

/**
 * What is wrong with rule overrides a person submits (the dashboard, an import), or null: a rule of no
 * known metric, a warning above its critical threshold (every metric is worse when higher), a window
 * that can never raise (more breaches than samples). A configuration file is read leniently instead
 * (its problems are logged): a collector does not refuse to start over one rule. Rules also in
 * `kept` (as they are) are not judged again: a file's rule does not keep the dashboard from saving.
 */
export function ruleOverridesProblem(rules: readonly AlertRuleOverride[], kept: readonly AlertRuleOverride[] = []): string | null {
  const old = new Set(kept.map((r) => JSON.stringify(r)));
  const fresh = [...rules.entries()].filter(([, r]) => !old.has(JSON.stringify(r)));
  for (const [i, r] of fresh) {
    const where = `alerts.rules[${i}] (${r.id})`;
    if (typeof r.warning === 'number' && typeof r.critical === 'number' && r.warning > r.critical) return `${where}: warning ${r.warning} is above critical ${r.critical}`;
    if (r.raiseN !== undefined && r.raiseM !== undefined && r.raiseN > r.raiseM) return `${where}: raiseN ${r.raiseN} is more than raiseM ${r.raiseM}, so the rule could never raise`;
  }
  return resolveRules(fresh.map(([, r]) => r)).problems[0] ?? null;
}
