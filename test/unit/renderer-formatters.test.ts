/** The dashboard's shared formatting helpers: durations in words, and numbers typed with a thousands separator. */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/renderer/i18n/translate';
import { durationText } from '../../src/renderer/lib/units';
import { readDecimal, ungrouped } from '../../src/renderer/lib/decimal';

const NB = '\u00a0';

describe('durationText', () => {
  it('writes seconds, minutes and seconds, then hours and minutes, with the units of each language', () => {
    const cases: [number, Record<'en' | 'es' | 'fr' | 'ru', string>][] = [
      [0, { en: `0${NB}s`, es: `0${NB}s`, fr: `0${NB}s`, ru: `0${NB}с` }],
      [45.9, { en: `45${NB}s`, es: `45${NB}s`, fr: `45${NB}s`, ru: `45${NB}с` }],
      [1236, { en: `20${NB}min 36${NB}s`, es: `20${NB}min 36${NB}s`, fr: `20${NB}min 36${NB}s`, ru: `20${NB}мин 36${NB}с` }],
      [3600, { en: `1${NB}h 0${NB}min`, es: `1${NB}h 0${NB}min`, fr: `1${NB}h 0${NB}min`, ru: `1${NB}ч 0${NB}мин` }],
      [10_917, { en: `3${NB}h 1${NB}min`, es: `3${NB}h 1${NB}min`, fr: `3${NB}h 1${NB}min`, ru: `3${NB}ч 1${NB}мин` }],
    ];
    for (const [sec, byLang] of cases) {
      for (const [lang, text] of Object.entries(byLang)) expect(durationText(createTranslator(lang as 'en'), sec), `${lang} ${sec}`).toBe(text);
    }
  });

  it('never reads as a clock time, and says nothing of what is unknown', () => {
    const fr = createTranslator('fr');
    expect(durationText(fr, 20 * 60 + 36)).not.toMatch(/\d:\d/);
    for (const v of [null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(durationText(fr, v)).toBeNull();
  });
});

describe('ungrouped', () => {
  it('tells what a number typed with commas between thousands should be where the comma is no decimal separator', () => {
    expect(ungrouped('1,500', 'en')).toBe('1500');
    expect(ungrouped(' 12,345,678.5 ', 'en')).toBe('12345678.5');
    expect(Number.isNaN(readDecimal('1,500', 'en'))).toBe(true);
  });

  it('says nothing of other text, nor where the comma is the decimal separator', () => {
    for (const text of ['1500', '1.5', '1,5', '15,00', 'abc', '', '1,50,000']) expect(ungrouped(text, 'en'), text).toBeNull();
    for (const lang of ['es', 'fr', 'ru'] as const) expect(ungrouped('1,500', lang), lang).toBeNull();
  });
});
