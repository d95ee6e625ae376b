/**
 * Numbers a lead types into a form and reads back there, in the language's own way: "2,5" in
 * Spanish, French and Russian, "2.5" in English. A point is read as the decimal separator in every
 * language (it is what other software shows); a comma only where it is the language's separator, so
 * an English "1,000" is refused rather than read as 1. Spaces between digit groups ("1 000", the
 * French and Russian grouping) are ignored.
 */
import type { Language } from '../../shared/settings';

const separators = new Map<string, string>();

/**
 * The decimal separator of a language, or of a locale ("es-MX" writes 2.5, "es-CO" 2,5). Throws
 * RangeError for a tag Intl does not accept.
 */
export function decimalSeparator(locale: string): string {
  let sep = separators.get(locale);
  if (sep === undefined) {
    sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    separators.set(locale, sep);
  }
  return sep;
}

/** `n` as a form shows it: every digit kept, no grouping, the language's separator. */
export function decimalText(n: number, lang: Language): string {
  const s = String(n);
  return /e/i.test(s) ? s : s.replace('.', decimalSeparator(lang));
}

const SPACES = /[\s\u00a0\u202f]/g;
const NUMBER = /^-?(\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** What the lead typed as a number (NaN when it is not one); empty text is NaN too. */
export function readDecimal(text: string, lang: Language): number {
  const s = text.replace(SPACES, '');
  if (!NUMBER.test(s)) return NaN;
  if (s.includes(',') && decimalSeparator(lang) !== ',') return NaN;
  return Number(s.replace(',', '.'));
}

// A first group of 0 is not a thousands group: "0,500" is a decimal typed the comma's way.
const GROUPED = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;

/**
 * A number typed with commas between groups of thousands where the comma is not the language's
 * decimal separator ("1,500" in English), which `readDecimal` refuses: the number as it should be
 * typed ("1500"), to say so; null for any other text.
 */
export function ungrouped(text: string, lang: Language): string | null {
  const s = text.replace(SPACES, '');
  return GROUPED.test(s) && decimalSeparator(lang) !== ',' ? s.replace(/,/g, '') : null;
}

const SEPARATED = /^-?(\d+[.,]\d*|[.,]\d+)$/;

/**
 * `value` with every decimal number it holds as text written `to`'s way instead of `from`'s: the
 * separator swapped and digit groups' spaces dropped, the digits kept as typed ("0.10" → "0,10").
 * A number typed with commas between thousands where `from` refuses them ("1,000" in English, which
 * its form asks to write "1000") is written ungrouped, as it was meant: left as typed, a French or
 * Russian form would read it as 1. Other text that is not a number in `from` is left as typed.
 */
export function relanguaged<T>(value: T, from: Language | undefined, to: Language | undefined): T {
  if (!from || !to || from === to) return value;
  const fromSep = decimalSeparator(from);
  const toSep = decimalSeparator(to);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const plain = ungrouped(v, from);
      if (plain !== null) return plain.replace('.', toSep);
      const bare = v.replace(SPACES, '');
      if (!SEPARATED.test(bare) || !Number.isFinite(readDecimal(v, from))) return v;
      return fromSep === toSep ? bare : bare.replace(fromSep, toSep);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
