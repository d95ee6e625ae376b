/**
 * Message lookup and formatting for one language. Plural messages pick their form with
 * Intl.PluralRules (Russian has one/few/many/other), placeholders are `{name}`; `{count}` is formatted
 * as a number of the locale.
 */
import { LANGUAGES, type Language } from '../../shared/settings';
import type { Message, Params, PluralForms } from './types';
import { en, type MessageKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';

export const CATALOGS: Record<Language, Record<MessageKey, Message>> = { en, es, fr, ru };

export interface Translator {
  lang: Language;
  t(key: MessageKey, params?: Params): string;
  /** A number in the locale's format. */
  n(value: number, maxFractionDigits?: number): string;
  /** Local clock time "14:05:09". */
  time(ms: number): string;
  /** Local date and time. */
  dateTime(ms: number): string;
}

/** The supported language closest to a BCP 47 tag ("es-CO" → "es"); English when none fits. */
export function matchLanguage(tag: string | null | undefined): Language {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

function fill(text: string, params: Params | undefined, num: (n: number) => string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? num(v) : v;
  });
}

export function createTranslator(lang: Language): Translator {
  const catalog = CATALOGS[lang];
  const plural = new Intl.PluralRules(lang);
  const nf = new Map<number, Intl.NumberFormat>();
  const n = (value: number, max = 1) => {
    let f = nf.get(max);
    if (!f) nf.set(max, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: max })));
    return f.format(value);
  };
  const timeFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    lang,
    t(key, params) {
      const msg: Message | undefined = catalog[key] ?? en[key];
      if (msg === undefined) return key;
      if (typeof msg === 'string') return fill(msg, params, n);
      const count = typeof params?.count === 'number' ? params.count : 0;
      const forms = msg as PluralForms;
      const text = forms[plural.select(count)] ?? forms.other ?? '';
      return fill(text, params, n);
    },
    n,
    time: (ms) => timeFmt.format(ms),
    dateTime: (ms) => dateFmt.format(ms),
  };
}
