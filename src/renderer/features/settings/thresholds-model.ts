/** Editing the built-in rules' thresholds as overrides in `settings.alerts.rules` (pure). */
import type { AlertRuleOverride } from '../../../shared/settings';
import { BUILTIN_RULES, effectiveThresholds, type RuleId } from '../../lib/rules';

export interface RuleRow {
  id: RuleId;
  enabled: boolean;
  warning: string;
  critical: string;
}

export function rowsFrom(overrides: readonly AlertRuleOverride[]): RuleRow[] {
  const th = effectiveThresholds(overrides);
  return BUILTIN_RULES.map((d) => ({
    id: d.id,
    enabled: th[d.id].enabled,
    warning: th[d.id].warning === null ? '' : String(th[d.id].warning),
    critical: th[d.id].critical === null ? '' : String(th[d.id].critical),
  }));
}

export type RowError = 'number' | 'order';

export function checkRow(r: RuleRow): RowError | null {
  const w = r.warning.trim() === '' ? null : Number(r.warning);
  const c = r.critical.trim() === '' ? null : Number(r.critical);
  if ((w !== null && (!Number.isFinite(w) || w < 0)) || (c !== null && (!Number.isFinite(c) || c < 0))) return 'number';
  if (w !== null && c !== null && w > c) return 'order';
  return null;
}

/**
 * New override list: built-in rules get an override only where they differ from the defaults; other
 * overrides (scopes, added rules, N-of-M tuning) are kept as they are.
 */
export function mergeOverrides(existing: readonly AlertRuleOverride[], rows: RuleRow[]): AlertRuleOverride[] {
  const builtin = new Set<string>(BUILTIN_RULES.map((d) => d.id));
  const out: AlertRuleOverride[] = existing.filter((o) => !builtin.has(o.id));
  for (const r of rows) {
    const def = BUILTIN_RULES.find((d) => d.id === r.id)!;
    const prev = existing.find((o) => o.id === r.id);
    const { enabled: _e, warning: _w, critical: _c, ...rest } = prev ?? { id: r.id };
    const o: AlertRuleOverride = { ...rest, id: r.id };
    const w = r.warning.trim() === '' ? null : Number(r.warning);
    const c = r.critical.trim() === '' ? null : Number(r.critical);
    if (!r.enabled) o.enabled = false;
    if (w !== def.warning) o.warning = w;
    if (c !== def.critical) o.critical = c;
    if (Object.keys(o).length > 1) out.push(o);
  }
  return out;
}
