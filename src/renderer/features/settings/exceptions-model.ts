/**
 * Thresholds for particular queues and agents, as rules of their own in `settings.alerts.rules`: id
 * `<metric>@<entity key>`, the built-in rule's metric, scoped to that one queue or agent — or
 * `<metric>@<source id>`, scoped to every queue or agent of one source. The alert
 * engine lets the narrowest rule of a metric watch a subject (docs/alerts.md), so such a rule
 * replaces the general thresholds there, and its own "raise after N of M" and "clear after K" the
 * general rule's. Rules written otherwise (several subjects, other tuning) come from the
 * configuration file and are kept untouched. Pure.
 */
import type { AlertRuleOverride, Language } from '../../../shared/settings';
import { decimalText } from '../../lib/decimal';
import { thresholdValue, windowBoxes, windowOf, type Sampling } from './thresholds-model';
import { BUILTIN_RULES, type RuleId, type Thresholds } from '../../lib/rules';

/** The rules a queue or an agent can have thresholds of its own for. */
export const EXCEPTION_METRICS = ['queue.waiting', 'queue.longest_wait', 'agent.latency', 'agent.jitter', 'agent.loss', 'agent.rejection'] as const satisfies readonly RuleId[];
export type ExceptionMetric = (typeof EXCEPTION_METRICS)[number];

export const subjectKindOf = (metric: ExceptionMetric): 'queue' | 'agent' => (metric.startsWith('queue.') ? 'queue' : 'agent');

export interface ExceptionRow {
  metric: ExceptionMetric;
  /**
   * The queue's or agent's entity key ("ax:12"), or a source id ("ax": every queue or agent of that
   * source). Source ids never hold ":", entity keys always do.
   */
  key: string;
  enabled: boolean;
  warning: string;
  critical: string;
  /** Raise when `raiseN` of the last `raiseM` samples breach; empty: the engine's default for the source's cadence. */
  raiseN: string;
  raiseM: string;
  /** Clear after `clearK` consecutive good samples; empty: the engine's default (2). */
  clearK: string;
}

export const exceptionId = (metric: ExceptionMetric, key: string) => `${metric}@${key}`;

/** Whether a row's key is a source (all its queues or agents) rather than one queue or agent. */
export const isSourceKey = (key: string) => !key.includes(':');

/** The scope a row's rule has: the one queue or agent, or the source. */
function scopeOf(metric: ExceptionMetric, key: string): NonNullable<AlertRuleOverride['scope']> {
  if (isSourceKey(key)) return { sources: [key] };
  return subjectKindOf(metric) === 'queue' ? { queues: [key] } : { agents: [key] };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((v, i) => v === b?.[i]);

/** The exception an override is, or null when it is any other rule. */
function asException(o: AlertRuleOverride): ({ metric: ExceptionMetric; key: string } & Sampling) | null {
  const at = o.id.indexOf('@');
  if (at < 0) return null;
  const metric = o.id.slice(0, at) as ExceptionMetric;
  const key = o.id.slice(at + 1);
  if (!EXCEPTION_METRICS.includes(metric) || !key || (o.metric ?? metric) !== metric) return null;
  const want = scopeOf(metric, key);
  const has = o.scope ?? {};
  if (!sameList(has.sources, want.sources) || !sameList(has.queues, want.queues) || !sameList(has.agents, want.agents)) return null;
  const { id: _i, metric: _m, enabled: _e, warning: _w, critical: _c, scope: _s, raiseN, raiseM, clearK, ...tuning } = o;
  return Object.keys(tuning).length ? null : { metric, key, raiseN, raiseM, clearK };
}

/** The form's rows, numbers written the language's way. */
export function exceptionRows(overrides: readonly AlertRuleOverride[], lang: Language): ExceptionRow[] {
  const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : decimalText(v, lang));
  const rows: ExceptionRow[] = [];
  for (const o of overrides) {
    const e = asException(o);
    if (!e) continue;
    // A level the rule leaves out is the built-in rule's (as the alert engine reads it), not none.
    const def = BUILTIN_RULES.find((d) => d.id === e.metric);
    const level = (k: 'warning' | 'critical') => text(o[k] === undefined ? def?.[k] : o[k]);
    rows.push({ metric: e.metric, key: e.key, enabled: o.enabled ?? true, warning: level('warning'), critical: level('critical'), ...windowBoxes(e) });
  }
  return rows;
}

/** Rules of the list this form does not edit (kept as they are). */
export function otherAddedRules(overrides: readonly AlertRuleOverride[], builtinIds: ReadonlySet<string>): number {
  return overrides.filter((o) => !builtinIds.has(o.id) && !asException(o)).length;
}

/**
 * A new row for a subject, starting from the general thresholds of its rule and from its "raise after
 * N of M" and "clear after K" (`overrides`: the saved rules), so that adding a row changes nothing
 * until it is edited.
 */
export function newRow(metric: ExceptionMetric, key: string, general: Thresholds, lang: Language, overrides: readonly AlertRuleOverride[] = []): ExceptionRow {
  const th = general[metric];
  const text = (v: number | null) => (v === null ? '' : decimalText(v, lang));
  const rule = overrides.find((o) => o.id === metric);
  return { metric, key, enabled: true, warning: text(th.warning), critical: text(th.critical), ...windowBoxes(rule) };
}

/** The new rule list: every rule but the exceptions as they were, then the rows. */
export function mergeExceptions(existing: readonly AlertRuleOverride[], rows: readonly ExceptionRow[], lang: Language): AlertRuleOverride[] {
  const out = existing.filter((o) => !asException(o));
  for (const r of rows) {
    const o: AlertRuleOverride = { id: exceptionId(r.metric, r.key), metric: r.metric, warning: thresholdValue(r.warning, lang), critical: thresholdValue(r.critical, lang), scope: scopeOf(r.metric, r.key) };
    if (!r.enabled) o.enabled = false;
    Object.assign(o, windowOf(r));
    out.push(o);
  }
  return out;
}
