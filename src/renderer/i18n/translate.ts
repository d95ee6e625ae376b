/**
 * The dashboard's messages for one language (src/shared/i18n.ts does the lookup and formatting:
 * `{name}` placeholders, plural forms by Intl.PluralRules, `{count}` as a number of the locale), plus
 * local times and dates.
 */
import type { Language } from '../../shared/settings';
import { createMessages, joinCatalogs, matchLanguage, type Message, type Messages } from '../../shared/i18n';
import { PROBLEM_TEXTS, type ProblemKey } from '../../shared/problems';
import { TEST_TEXTS, type TestTextKey } from '../../shared/test-outcomes';
import { LOG_TEXTS, type LogTextKey } from '../../shared/log-words';
import { ADVICE_TEXTS, type AdviceKey } from '../../shared/advice';
import { en, type MessageKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';
import { en as factsEn, type FactKey } from './facts/en';
import { es as factsEs } from './facts/es';
import { fr as factsFr } from './facts/fr';
import { ru as factsRu } from './facts/ru';
import { en as formsEn, type FormKey } from './forms/en';
import { es as formsEs } from './forms/es';
import { fr as formsFr } from './forms/fr';
import { ru as formsRu } from './forms/ru';
import { en as settingsEn, type SettingsKey } from './settings/en';
import { es as settingsEs } from './settings/es';
import { fr as settingsFr } from './settings/fr';
import { ru as settingsRu } from './settings/ru';

export { matchLanguage };

/**
 * What the dashboard can say: its own messages, the labels of connector facts, the words of the
 * source forms and of the Settings view, the texts of source problems and of advice on alerts (shared with the host), of "Test
 * connection" outcomes and of event log entries.
 */
export type TextKey = MessageKey | FactKey | FormKey | SettingsKey | ProblemKey | TestTextKey | LogTextKey | AdviceKey;

const OWN = joinCatalogs(
  joinCatalogs(joinCatalogs({ en, es, fr, ru }, { en: factsEn, es: factsEs, fr: factsFr, ru: factsRu }), { en: formsEn, es: formsEs, fr: formsFr, ru: formsRu }),
  { en: settingsEn, es: settingsEs, fr: settingsFr, ru: settingsRu },
);
export const CATALOGS: Record<Language, Record<TextKey, Message>> = joinCatalogs(joinCatalogs(joinCatalogs(joinCatalogs(OWN, PROBLEM_TEXTS), TEST_TEXTS), LOG_TEXTS), ADVICE_TEXTS);

export interface Translator extends Messages<TextKey> {
  /** Local clock time "14:05:09". */
  time(ms: number): string;
  /** Local date and time. */
  dateTime(ms: number): string;
}

export function createTranslator(lang: Language): Translator {
  const timeFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  // 24-hour in every language, as the tables, charts and events show times. English names the month
  // ("Nov 12, 2026"): its short form ("11/12/26") reads as 11 December to most English readers
  // outside the United States; the other languages' short forms are read one way only.
  const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: lang === 'en' ? 'medium' : 'short', timeStyle: 'medium', hourCycle: 'h23' });
  return {
    ...createMessages(lang, CATALOGS[lang], CATALOGS.en),
    time: (ms) => timeFmt.format(ms),
    dateTime: (ms) => dateFmt.format(ms),
  };
}
