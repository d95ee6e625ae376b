/**
 * The dashboard's messages for one language (src/shared/i18n.ts does the lookup and formatting:
 * `{name}` placeholders, plural forms by Intl.PluralRules, `{count}` as a number of the locale), plus
 * local times and dates.
 */
import type { Language } from '../../shared/settings';
import { createMessages, matchLanguage, type Messages } from '../../shared/i18n';
import type { Message } from './types';
import { en, type MessageKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';

export { matchLanguage };

export const CATALOGS: Record<Language, Record<MessageKey, Message>> = { en, es, fr, ru };

export interface Translator extends Messages<MessageKey> {
  /** Local clock time "14:05:09". */
  time(ms: number): string;
  /** Local date and time. */
  dateTime(ms: number): string;
}

export function createTranslator(lang: Language): Translator {
  const timeFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    ...createMessages(lang, CATALOGS[lang], en),
    time: (ms) => timeFmt.format(ms),
    dateTime: (ms) => dateFmt.format(ms),
  };
}
