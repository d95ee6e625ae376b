/**
 * The facts connectors report (a source's `info`, the details of "Test connection"), labelled and
 * written in the user's language: "tokenUsesToday" reads "Usos del token hoy" in Spanish, a count
 * "1 234" in French, a time in the local format, "polling" as "consulta periódica". A fact this
 * version has no label for shows its key; a value it has no word for shows as sent.
 */
import { CATALOGS, type TextKey } from '../../i18n/translate';
import type { Params } from '../../../shared/i18n';
import { keyOf } from '../../../shared/said';

type Translate = (key: TextKey, params?: Params) => string;
export type FactValue = string | number | boolean | null;

/** Facts named per measure producer ("subscription.Agent_itd_1.0.0"): the label names the producer. */
const PER_PRODUCER = new Set(['subscription', 'producer']);

export function factLabel(t: Translate, key: string): string {
  const dot = key.indexOf('.');
  if (dot > 0 && PER_PRODUCER.has(key.slice(0, dot))) return t(`info.${key.slice(0, dot)}` as TextKey, { producer: key.slice(dot + 1) });
  const label = keyOf(CATALOGS.en, 'info', key);
  return label === null ? key : t(label);
}

/** Times are facts named "…At" or "…Until": epoch milliseconds or ISO 8601 text. */
const TIME_KEY = /(At|Until)$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
/** A word and a qualifier in parentheses, as in "v2 (detected)". */
const QUALIFIED = /^(.*) \(([a-z_ ]+)\)$/;

function word(t: Translate, w: string): string | null {
  const key = keyOf(CATALOGS.en, 'value', w.replace(/ /g, '_'));
  return key === null ? null : t(key);
}

/**
 * A fact's value as the user reads it. `facts`: every fact of the same source or test, for a value
 * written from the figures beside it (the Wolkvox quota warning, from the projected uses and the quota).
 */
export function factValue(
  tr: { t: Translate; n: (v: number) => string; dateTime: (ms: number) => string; lang: string },
  key: string,
  value: FactValue,
  facts: Record<string, FactValue>,
): string {
  if (value === null) return '–';
  if (typeof value === 'number') return TIME_KEY.test(key) && value > 1e12 ? tr.dateTime(value) : tr.n(value);
  if (typeof value === 'boolean') return String(value);
  if (TIME_KEY.test(key) && ISO_TIME.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return tr.dateTime(ms);
  }
  if (key === 'quotaWarning' && tr.lang !== 'en') {
    const shared = typeof facts.projectedUsesPerDayOnToken === 'number';
    const projected = shared ? facts.projectedUsesPerDayOnToken : facts.projectedUsesPerDay;
    const quota = facts.quotaPerDay;
    if (typeof projected === 'number' && typeof quota === 'number') return tr.t(shared ? 'test.wolkvox_quota_shared' : 'test.wolkvox_quota', { projected, quota });
    return value;
  }
  if (key === 'clockWarning') {
    const off = facts.reportClockOffsetMin;
    if (typeof off !== 'number' || off === 0) return value;
    const abs = Math.abs(off);
    const zone = typeof facts.timeZone === 'string' ? factValue(tr, 'timeZone', facts.timeZone, facts) : '–';
    return tr.t(off < 0 ? 'test.wolkvox_clock_behind' : 'test.wolkvox_clock_ahead', { hours: Math.floor(abs / 60), minutes: abs % 60, zone });
  }
  const whole = word(tr.t, value);
  if (whole !== null) return whole;
  const q = QUALIFIED.exec(value);
  const qualifier = q ? word(tr.t, q[2]!) : null;
  return qualifier !== null ? `${q![1]} (${qualifier})` : value;
}
