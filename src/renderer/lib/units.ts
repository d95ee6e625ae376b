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

/**
 * A duration in words: "45 s", "20 min 36 s", "1 h 5 min" (seconds left out from an hour on) — for
 * text where a clock duration would read as a time of day ("depuis 20:36", "desde hace 20:36") or be
 * ambiguous between hours and minutes. Null for unknown or negative.
 */
export function durationText(tr: Numbers, sec: number | null | undefined): string | null {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return null;
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const part = (v: number, unit: 'unit.h' | 'unit.min' | 'unit.s') => withUnit(tr.n(v, 0), tr.t(unit));
  if (h) return `${part(h, 'unit.h')} ${part(m, 'unit.min')}`;
  if (m) return `${part(m, 'unit.min')} ${part(s % 60, 'unit.s')}`;
  return part(s, 'unit.s');
}
