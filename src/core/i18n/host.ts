/**
 * The host's words in the user's language: OS notifications and the tray speak the language chosen
 * in Settings → Display (the dashboard's), or the system's when none is chosen.
 */
import { createMessages, joinCatalogs, matchLanguage, type Message, type Messages } from '../../shared/i18n';
import type { Language } from '../../shared/settings';
import { PROBLEM_TEXTS, type ProblemKey } from '../../shared/problems';
import { ADVICE_TEXTS, type AdviceKey } from '../../shared/advice';
import { en, type HostKey as TextKey } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';

export type HostKey = TextKey | ProblemKey | AdviceKey;
export type HostMessages = Messages<HostKey>;

/** The host's own texts, and the texts of source problems and of advice, shared with the dashboard. */
export const HOST_CATALOGS: Record<Language, Record<HostKey, Message>> = joinCatalogs(joinCatalogs({ en, es, fr, ru }, PROBLEM_TEXTS), ADVICE_TEXTS);

const made = new Map<Language, HostMessages>();

/** The host's messages in `lang` (made once per language). */
export function hostMessages(lang: Language): HostMessages {
  let m = made.get(lang);
  if (!m) made.set(lang, (m = createMessages<HostKey>(lang, HOST_CATALOGS[lang], HOST_CATALOGS.en)));
  return m;
}

/**
 * The language of this system for a process without a browser (the collector): the POSIX locale
 * variables in their order of precedence, then what the JavaScript runtime reports.
 */
export function systemLanguage(env: Record<string, string | undefined> = process.env): Language {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name];
    if (v && v !== 'C' && v !== 'POSIX' && !v.startsWith('C.')) return matchLanguage(v);
  }
  return matchLanguage(Intl.DateTimeFormat().resolvedOptions().locale);
}
