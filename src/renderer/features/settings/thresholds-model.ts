/** Editing the built-in rules' thresholds as overrides in `settings.alerts.rules` (pure). */
import type { AlertRuleOverride, Language } from '../../../shared/settings';
import { decimalText, readDecimal } from '../../lib/decimal';
import { BUILTIN_RULES, effectiveThresholds, type RuleId } from '../../lib/rules';

export interface RuleRow {
  id: RuleId;
  enabled: boolean;
  warning: string;
  critical: string;
}

/** The rows as the form shows them, numbers written the language's way ("2,5" in French). */
export function rowsFrom(overrides: readonly AlertRuleOverride[], lang: Language): RuleRow[] {
  const th = effectiveThresholds(overrides);
  const text = (v: number | null) => (v === null ? '' : decimalText(v, lang));
  return BUILTIN_RULES.map((d) => ({ id: d.id, enabled: th[d.id].enabled, warning: text(th[d.id].warning), critical: text(th[d.id].critical) }));
}

/** A threshold box: empty is no threshold at that level (null), else the number typed (NaN if none). */
export const thresholdValue = (text: string, lang: Language): number | null => (text.trim() === '' ? null : readDecimal(text, lang));
const valueOf = thresholdValue;

export type RowError = 'number' | 'order';

/** What is wrong with a pair of threshold boxes (this form's rows, or those of particular queues and agents). */
export function checkRow(r: { warning: string; critical: string }, lang: Language): RowError | null {
  const w = valueOf(r.warning, lang);
  const c = valueOf(r.critical, lang);
  if ((w !== null && (!Number.isFinite(w) || w < 0)) || (c !== null && (!Number.isFinite(c) || c < 0))) return 'number';
  if (w !== null && c !== null && w > c) return 'order';
  return null;
}

/**
 * New override list: built-in rules get an override only where they differ from the defaults; other
 * overrides (scopes, added rules, N-of-M tuning) are kept as they are.
 */
export function mergeOverrides(existing: readonly AlertRuleOverride[], rows: RuleRow[], lang: Language): AlertRuleOverride[] {
  const builtin = new Set<string>(BUILTIN_RULES.map((d) => d.id));
  const out: AlertRuleOverride[] = existing.filter((o) => !builtin.has(o.id));
  for (const r of rows) {
    const def = BUILTIN_RULES.find((d) => d.id === r.id)!;
    const prev = existing.find((o) => o.id === r.id);
    const { enabled: _e, warning: _w, critical: _c, ...rest } = prev ?? { id: r.id };
    const o: AlertRuleOverride = { ...rest, id: r.id };
    const w = valueOf(r.warning, lang);
    const c = valueOf(r.critical, lang);
    if (!r.enabled) o.enabled = false;
    if (w !== def.warning) o.warning = w;
    if (c !== def.critical) o.critical = c;
    if (Object.keys(o).length > 1) out.push(o);
  }
  return out;
}
