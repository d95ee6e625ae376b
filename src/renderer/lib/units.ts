/**
 * A measure with its unit, as every view writes it: "62 ms", "3,1 %" — the number in the reader's
 * language, then a no-break space, so text that wraps (an alert on the wallboard, a long alert line)
 * never leaves a unit alone at the start of a line.
 */
import type { Translator } from '../i18n/translate';

type Numbers = Pick<Translator, 't' | 'n'>;

/** The no-break space between a figure and what qualifies it ("62 ms", "≥ 0:20"). */
export const NBSP = '\u00a0';

/** A figure already in the reader's language and its unit; the figure alone for a unitless count. */
export function withUnit(figure: string, unit: string): string {
  return unit ? `${figure}${NBSP}${unit}` : figure;
}

/** Milliseconds, whole: "62 ms", "62 мс"; null when unknown. */
export function msText(tr: Numbers, v: number | null | undefined): string | null {
  return v === null || v === undefined ? null : withUnit(tr.n(v, 0), tr.t('unit.ms'));
}

/** A percentage with at most `digits` decimals (2 unless said): "0,25 %"; null when unknown. */
export function pctText(tr: Numbers, v: number | null | undefined, digits = 2): string | null {
  return v === null || v === undefined ? null : withUnit(tr.n(v, digits), '%');
}
