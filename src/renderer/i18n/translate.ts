/**
 * The dashboard's messages for one language (src/shared/i18n.ts does the lookup and formatting:
 * `{name}` placeholders, plural forms by Intl.PluralRules, `{count}` as a number of the locale), plus
 * local times and dates.
 */
import type { Language } from '../../shared/settings';
import { createMessages, matchLanguage, type Messages } from '../../shared/i18n';
import type { Message } from './types';
import { PROBLEM_TEXTS, type ProblemKey } from '../../shared/problems';
import { en, type MessageKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';

export { matchLanguage };

/** What the dashboard can say: its own messages and the texts of source problems (shared with the host). */
export type TextKey = MessageKey | ProblemKey;

export const CATALOGS: Record<Language, Record<TextKey, Message>> = {
  en: { ...en, ...PROBLEM_TEXTS.en },
  es: { ...es, ...PROBLEM_TEXTS.es },
  fr: { ...fr, ...PROBLEM_TEXTS.fr },
  ru: { ...ru, ...PROBLEM_TEXTS.ru },
};

export interface Translator extends Messages<TextKey> {
  /** Local clock time "14:05:09". */
  time(ms: number): string;
  /** Local date and time. */
  dateTime(ms: number): string;
}

export function createTranslator(lang: Language): Translator {
  const timeFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    ...createMessages(lang, CATALOGS[lang], CATALOGS.en),
    time: (ms) => timeFmt.format(ms),
    dateTime: (ms) => dateFmt.format(ms),
  };
}
