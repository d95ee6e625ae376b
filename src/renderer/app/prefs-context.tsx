/** Language and theme in effect, and how to change them (host settings or this browser). */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../shared/settings';
import { useClient } from '../bridge/react';
import { useSettings } from './settings';
import { prefsAreLocal, readLocalPrefs, resolveLanguage, resolveTheme, writeLocalPrefs, type Theme } from './prefs';

export interface Prefs {
  language: Language;
  theme: Theme;
  /** True when the choice is stored in this browser only. */
  local: boolean;
  setLanguage(lang: Language | null): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
}

const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const settings = useSettings();
  const [local, setLocal] = useState(readLocalPrefs);
  const isLocal = prefsAreLocal(settings.view);
  const language = resolveLanguage(settings.view, local, typeof navigator === 'undefined' ? 'en' : navigator.language);
  const theme = resolveTheme(settings.view, local);

  const setLanguage = useCallback(
    async (lang: Language | null) => {
      if (isLocal) {
        const next = { ...local, language: lang };
        writeLocalPrefs(next);
        setLocal(next);
      } else {
        settings.set(await client.invoke('settings:update', { ui: { language: lang } }));
      }
    },
    [isLocal, local, client, settings],
  );
  const setTheme = useCallback(
    async (th: Theme) => {
      if (isLocal) {
        const next = { ...local, theme: th };
        writeLocalPrefs(next);
        setLocal(next);
      } else {
        settings.set(await client.invoke('settings:update', { ui: { theme: th } }));
      }
    },
    [isLocal, local, client, settings],
  );

  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    root.dataset.theme = theme;
  }, [language, theme]);

  const value = useMemo(() => ({ language, theme, local: isLocal, setLanguage, setTheme }), [language, theme, isLocal, setLanguage, setTheme]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}
