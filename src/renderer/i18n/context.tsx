/** The active translator for the tree below. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../shared/settings';
import { createTranslator, type Translator } from './translate';

const I18nContext = createContext<Translator>(createTranslator('en'));

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const tr = useMemo(() => createTranslator(lang), [lang]);
  return <I18nContext.Provider value={tr}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(I18nContext);
}
