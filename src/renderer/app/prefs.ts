/**
 * Display preferences. In the tray app they are settings of the app (`settings.ui`). A collector
 * serves many browsers (a wallboard in one city, a lead's laptop in another), so there each browser
 * keeps its own choice in localStorage, starting from the collector's defaults.
 */
import type { SettingsView } from '../../shared/bridge';
import { LANGUAGES, type Language } from '../../shared/settings';
import { matchLanguage } from '../i18n/translate';

export type Theme = 'system' | 'light' | 'dark' | 'high-contrast';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark', 'high-contrast'];

export interface LocalPrefs {
  language: Language | null;
  theme: Theme | null;
}

const KEY = 'cctm.prefs';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readLocalPrefs(): LocalPrefs {
  try {
    const raw = JSON.parse(storage()?.getItem(KEY) ?? '{}') as Record<string, unknown>;
    return {
      language: (LANGUAGES as readonly unknown[]).includes(raw.language) ? (raw.language as Language) : null,
      theme: (THEMES as readonly unknown[]).includes(raw.theme) ? (raw.theme as Theme) : null,
    };
  } catch {
    return { language: null, theme: null };
  }
}

export function writeLocalPrefs(p: LocalPrefs): void {
  storage()?.setItem(KEY, JSON.stringify(p));
}

/** Whether preferences are kept in this browser rather than in the host's settings. */
export function prefsAreLocal(view: SettingsView | null): boolean {
  return !view || view.host === 'collector';
}

export function resolveLanguage(view: SettingsView | null, local: LocalPrefs, browserLang: string): Language {
  if (prefsAreLocal(view) && local.language) return local.language;
  return view?.ui.language ?? matchLanguage(browserLang);
}

export function resolveTheme(view: SettingsView | null, local: LocalPrefs): Theme {
  if (prefsAreLocal(view) && local.theme) return local.theme;
  return view?.ui.theme ?? 'system';
}
