import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/shared/settings';
import { CATALOGS, createTranslator, matchLanguage } from '../../src/renderer/i18n/translate';
import { en } from '../../src/renderer/i18n/en';
import type { Message } from '../../src/renderer/i18n/types';

const placeholders = (m: Message): string[] => {
  const texts = typeof m === 'string' ? [m] : Object.values(m);
  return [...new Set(texts.flatMap((t) => [...(t ?? '').matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();
};

describe('message catalogs', () => {
  for (const lang of LANGUAGES) {
    const catalog = CATALOGS[lang] as Record<string, Message>;
    it(`${lang}: has exactly the keys of English`, () => {
      const missing = Object.keys(en).filter((k) => !(k in catalog));
      const extra = Object.keys(catalog).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${lang}: plural messages carry exactly the plural categories of the language`, () => {
      const categories = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      const wrong: string[] = [];
      for (const [key, msg] of Object.entries(catalog)) {
        const enIsPlural = typeof (en as Record<string, Message>)[key] !== 'string';
        if (enIsPlural !== (typeof msg !== 'string')) wrong.push(`${key}: plural in one language only`);
        if (typeof msg !== 'string' && JSON.stringify(Object.keys(msg).sort()) !== JSON.stringify(categories)) wrong.push(`${key}: ${Object.keys(msg).sort().join(',')}`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${lang}: uses the same placeholders as English and leaves nothing empty but what English leaves empty`, () => {
      const wrong: string[] = [];
      for (const [key, msg] of Object.entries(catalog)) {
        const ref = (en as Record<string, Message>)[key]!;
        if (placeholders(msg).join() !== placeholders(ref).join()) wrong.push(key);
        if (typeof msg === 'string' && !msg.trim() && (ref as string).trim()) wrong.push(`${key}: empty`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('translator', () => {
  it('picks Russian plural forms with Intl.PluralRules', () => {
    const { t } = createTranslator('ru');
    expect(t('conn.attempts', { count: 1 })).toBe('(1 попытка)');
    expect(t('conn.attempts', { count: 3 })).toBe('(3 попытки)');
    expect(t('conn.attempts', { count: 5 })).toBe('(5 попыток)');
    expect(t('conn.attempts', { count: 21 })).toBe('(21 попытка)');
    expect(t('conn.attempts', { count: 12 })).toBe('(12 попыток)');
  });

  it('formats numbers in placeholders by locale and keeps unknown placeholders', () => {
    expect(createTranslator('fr').t('agents.shown', { shown: 1200, count: 10000 })).toMatch(/^1\s200 sur 10\s000 agents$/);
    expect(createTranslator('en').t('agents.shown', { count: 1 })).toBe('{shown} of 1 agent');
  });

  it('matches browser language tags to supported languages', () => {
    expect(matchLanguage('es-CO')).toBe('es');
    expect(matchLanguage('fr_CA')).toBe('fr');
    expect(matchLanguage('RU')).toBe('ru');
    expect(matchLanguage('de-DE')).toBe('en');
    expect(matchLanguage(undefined)).toBe('en');
  });
});
