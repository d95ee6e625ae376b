/**
 * Checks every message catalog must pass (the dashboard's and the host's): exactly the reference
 * language's keys, plural messages with exactly their language's plural categories, the same
 * placeholders, nothing left empty; French punctuation that takes a space keeps it unbreakable.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/shared/settings';
import type { Message } from '../../src/shared/i18n';

const placeholders = (m: Message): string[] => {
  const texts = typeof m === 'string' ? [m] : Object.values(m);
  return [...new Set(texts.flatMap((t) => [...(t ?? '').matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();
};

export function describeCatalogs(name: string, catalogs: Record<Language, Record<string, Message>>): void {
  const en = catalogs.en;
  describe(name, () => {
    for (const lang of LANGUAGES) {
      const catalog = catalogs[lang];
      it(`${lang}: has exactly the keys of English`, () => {
        const missing = Object.keys(en).filter((k) => !(k in catalog));
        const extra = Object.keys(catalog).filter((k) => !(k in en));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it(`${lang}: plural messages carry exactly the plural categories of the language`, () => {
        const categories = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
        const wrong: string[] = [];
        for (const [key, msg] of Object.entries(catalog)) {
          const enIsPlural = typeof en[key] !== 'string';
          if (enIsPlural !== (typeof msg !== 'string')) wrong.push(`${key}: plural in one language only`);
          if (typeof msg !== 'string' && JSON.stringify(Object.keys(msg).sort()) !== JSON.stringify(categories)) wrong.push(`${key}: ${Object.keys(msg).sort().join(',')}`);
        }
        expect(wrong).toEqual([]);
      });

      it(`${lang}: uses the same placeholders as English and leaves nothing empty but what English leaves empty`, () => {
        const wrong: string[] = [];
        for (const [key, msg] of Object.entries(catalog)) {
          const ref = en[key]!;
          if (placeholders(msg).join() !== placeholders(ref).join()) wrong.push(key);
          if (typeof msg === 'string' && !msg.trim() && (ref as string).trim()) wrong.push(`${key}: empty`);
        }
        expect(wrong).toEqual([]);
      });
    }

    it('fr: a narrow no-break space before : ; ! ? and a no-break space inside « », so no line starts with them', () => {
      const wrong: string[] = [];
      for (const [key, msg] of Object.entries(catalogs.fr)) {
        for (const text of typeof msg === 'string' ? [msg] : Object.values(msg)) {
          // A plain space breaks the line there; U+00A0 does not, but is wider than the rest of the product's.
          if (/[ \u00a0][:;!?](\s|$)|« | »/.test(text ?? '')) wrong.push(`${key}: ${text}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
