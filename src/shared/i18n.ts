/**
 * What the dashboard and the host (tray menu, OS notifications) share to speak the user's language:
 * messages with `{name}` placeholders or plural forms (Intl.PluralRules: Russian has one/few/many/other),
 * numbers in the locale's format, and the supported language closest to a locale tag.
 */
import { LANGUAGES, type Language } from './settings';

/** A message is a string with `{name}` placeholders, or plural forms chosen by Intl.PluralRules. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralForms;
export type Params = Record<string, string | number>;

/** The supported language closest to a BCP 47 or POSIX locale tag ("es-CO", "ru_RU.UTF-8" → "es", "ru"); English when none fits. */
export function matchLanguage(tag: string | null | undefined): Language {
  const base = (tag ?? '').toLowerCase().split(/[-_.@]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/**
 * A message text split once into literal parts and placeholder names (even indexes literal, odd
 * names), so that filling it is a concatenation: host texts are built while alerts change.
 */
export type Compiled = readonly string[];

export function compile(text: string): Compiled {
  return text.split(/\{(\w+)\}/);
}

/** A compiled text with its placeholders filled (numbers by `num`; a missing one kept as `{name}`). */
export function fill(parts: Compiled, params: Params | undefined, num: (n: number) => string): string {
  if (parts.length === 1) return parts[0]!;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const v = params?.[parts[i]!];
    out += (v === undefined ? `{${parts[i]!}}` : typeof v === 'number' ? num(v) : v) + parts[i + 1]!;
  }
  return out;
}

export interface Messages<K extends string> {
  lang: Language;
  /** The message `key` with its placeholders filled (`{count}` also picks the plural form). */
  t(key: K, params?: Params): string;
  /** A number in the locale's format, with at most `maxFractionDigits` decimals (default 1). */
  n(value: number, maxFractionDigits?: number): string;
}

/**
 * Messages of one language from its catalog; a key the catalog lacks falls back to `fallback` (the
 * English catalog), then to the key itself.
 */
export function createMessages<K extends string>(lang: Language, catalog: Partial<Record<K, Message>>, fallback: Record<K, Message>): Messages<K> {
  const plural = new Intl.PluralRules(lang);
  const formats = new Map<number, Intl.NumberFormat>();
  const compiled = new Map<string, Compiled>();
  const n = (value: number, max = 1): string => {
    let f = formats.get(max);
    if (!f) formats.set(max, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: max })));
    return f.format(value);
  };
  const parts = (text: string): Compiled => {
    let c = compiled.get(text);
    if (!c) compiled.set(text, (c = compile(text)));
    return c;
  };
  return {
    lang,
    t(key, params) {
      const msg: Message | undefined = catalog[key] ?? fallback[key];
      if (msg === undefined) return key;
      if (typeof msg === 'string') return fill(parts(msg), params, n);
      const count = typeof params?.count === 'number' ? params.count : 0;
      return fill(parts(msg[plural.select(count)] ?? msg.other ?? ''), params, n);
    },
    n,
  };
}

/** A text as a sentence of its own: its first letter a capital ("el servidor…" → "El servidor…"). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Two sets of catalogs joined language by language: a side's own texts with texts kept elsewhere
 * (the source problems both sides show, the dashboard's labels of connector facts).
 */
export function joinCatalogs<A extends string, B extends string>(
  a: Record<Language, Record<A, Message>>,
  b: Record<Language, Record<B, Message>>,
): Record<Language, Record<A | B, Message>> {
  const out = {} as Record<Language, Record<A | B, Message>>;
  for (const lang of LANGUAGES) out[lang] = { ...a[lang], ...b[lang] };
  return out;
}
