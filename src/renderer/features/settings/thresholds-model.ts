/** Editing the built-in rules' thresholds as overrides in `settings.alerts.rules` (pure). */
import type { AlertRuleOverride, Language } from '../../../shared/settings';
import { decimalText, readDecimal, ungrouped } from '../../lib/decimal';
import { BUILTIN_RULES, effectiveThresholds, type RuleId } from '../../lib/rules';
export { DEFAULT_CLEAR_K } from '../../../shared/rules';

export interface RuleRow {
  id: RuleId;
  enabled: boolean;
  warning: string;
  critical: string;
  /** Raise when `raiseN` of the last `raiseM` samples breach; empty: the engine's default for the source's cadence. */
  raiseN: string;
  raiseM: string;
  /** Clear after `clearK` consecutive good samples; empty: the engine's default (2). */
  clearK: string;
}

/** The longest raise window the engine keeps (src/core/alerts/rules.ts). */
export const MAX_RAISE_M = 30;
/** The most good samples a rule may wait for before clearing (the same bound as the raise window). */
export const MAX_CLEAR_K = 30;

/** Rules that raise from samples (an N-of-M window); the others (a source down) from how long a state lasts. */
export function sampled(id: RuleId): boolean {
  return !BUILTIN_RULES.find((d) => d.id === id)?.lasting;
}

/** The rows as the form shows them, numbers written the language's way ("2,5" in French). */
export function rowsFrom(overrides: readonly AlertRuleOverride[], lang: Language): RuleRow[] {
  const th = effectiveThresholds(overrides);
  const text = (v: number | null) => (v === null ? '' : decimalText(v, lang));
  return BUILTIN_RULES.map((d) => {
    const o = overrides.find((r) => r.id === d.id);
    return { id: d.id, enabled: th[d.id].enabled, warning: text(th[d.id].warning), critical: text(th[d.id].critical), ...windowBoxes(o) };
  });
}

/** A threshold box: empty is no threshold at that level (null), else the number typed (NaN if none). */
export const thresholdValue = (text: string, lang: Language): number | null => (text.trim() === '' ? null : readDecimal(text, lang));
const valueOf = thresholdValue;

/** `grouping`: a number typed with a thousands separator the language does not take in forms ("1,500" in English). */
export type RowError = 'number' | 'grouping' | 'order' | 'window' | 'clear';

/** What is wrong with a pair of threshold boxes (this form's rows, or those of particular queues and agents). */
export function checkRow(r: { warning: string; critical: string }, lang: Language): RowError | null {
  const w = valueOf(r.warning, lang);
  const c = valueOf(r.critical, lang);
  const bad = (v: number | null) => v !== null && (!Number.isFinite(v) || v < 0);
  if (bad(w) || bad(c)) return groupedBox(r, lang) ? 'grouping' : 'number';
  if (w !== null && c !== null && w > c) return 'order';
  return null;
}

/** The first threshold box typed with a thousands separator, as typed and as it should be ("1,500", "1500"). */
export function groupedBox(r: { warning: string; critical: string }, lang: Language): { typed: string; plain: string } | null {
  for (const text of [r.warning, r.critical]) {
    const plain = ungrouped(text, lang);
    if (plain !== null) return { typed: text.trim(), plain };
  }
  return null;
}

/** A raise-window box: empty is the default (null), else a whole number of samples (NaN if not one). */
function countValue(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** How a rule counts samples: when it raises (N of M) and when it clears (K good ones in a row). */
export type Sampling = Pick<AlertRuleOverride, 'raiseN' | 'raiseM' | 'clearK'>;
export interface SamplingBoxes {
  raiseN: string;
  raiseM: string;
  clearK: string;
}

/** A rule's raise window and clearing as the form's boxes, empty where the rule sets none. */
export function windowBoxes(o: Sampling | undefined): SamplingBoxes {
  const count = (v: number | undefined) => (v === undefined ? '' : String(v));
  return { raiseN: count(o?.raiseN), raiseM: count(o?.raiseM), clearK: count(o?.clearK) };
}

/** The boxes as a rule's `raiseN`/`raiseM`/`clearK`, each left out where its box is empty. */
export function windowOf(r: SamplingBoxes): Sampling {
  const out: Sampling = {};
  const n = countValue(r.raiseN);
  const m = countValue(r.raiseM);
  const k = countValue(r.clearK);
  if (n !== null) out.raiseN = n;
  if (m !== null) out.raiseM = m;
  if (k !== null) out.clearK = k;
  return out;
}

/**
 * What is wrong with a row's sampling boxes: the raise window whole numbers from 1 to 30, the first no
 * larger than the second ('window'); the good samples to clear a whole number from 1 to 30 ('clear').
 */
export function checkWindow(r: SamplingBoxes): RowError | null {
  const n = countValue(r.raiseN);
  const m = countValue(r.raiseM);
  const k = countValue(r.clearK);
  const bad = (v: number | null, max: number) => v !== null && !(Number.isInteger(v) && v >= 1 && v <= max);
  if (bad(n, MAX_RAISE_M) || bad(m, MAX_RAISE_M) || (n !== null && m !== null && n > m)) return 'window';
  if (bad(k, MAX_CLEAR_K)) return 'clear';
  return null;
}

/**
 * New override list: built-in rules get an override only where they differ from the defaults; other
 * overrides (scopes, added rules) are kept as they are.
 */
export function mergeOverrides(existing: readonly AlertRuleOverride[], rows: RuleRow[], lang: Language): AlertRuleOverride[] {
  const builtin = new Set<string>(BUILTIN_RULES.map((d) => d.id));
  const out: AlertRuleOverride[] = existing.filter((o) => !builtin.has(o.id));
  for (const r of rows) {
    const def = BUILTIN_RULES.find((d) => d.id === r.id)!;
    const prev = existing.find((o) => o.id === r.id);
    const { enabled: _e, warning: _w, critical: _c, raiseN: _n, raiseM: _m, clearK: _k, ...rest } = prev ?? { id: r.id };
    // A source down's older `forSec` was shown as its critical threshold: the critical box now says it.
    const { forSec: _f, ...lasting } = rest;
    const o: AlertRuleOverride = { ...(def.lasting ? lasting : rest), id: r.id };
    const w = valueOf(r.warning, lang);
    const c = valueOf(r.critical, lang);
    if (!r.enabled) o.enabled = false;
    if (w !== def.warning) o.warning = w;
    if (c !== def.critical) o.critical = c;
    Object.assign(o, windowOf(r));
    if (Object.keys(o).length > 1) out.push(o);
  }
  return out;
}
