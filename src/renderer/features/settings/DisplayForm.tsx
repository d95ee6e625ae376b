/** Language and theme; in browser mode they are kept by this browser only. Applied at once. */
import { useState } from 'react';
import { LANGUAGES, type Language } from '../../../shared/settings';
import { useI18n } from '../../i18n/context';
import { usePrefs } from '../../app/prefs-context';
import { THEMES, type Theme } from '../../app/prefs';
import { useSettings } from '../../app/settings';
import { errorText } from '../../i18n/error-text';

/** Each language named in itself, so a user lost in a foreign UI finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', fr: 'Français', ru: 'Русский' };

export function DisplayForm({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const prefs = usePrefs();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const can = prefs.local || editable;
  const chosenLang = prefs.local ? prefs.language : (settings.view?.ui.language ?? '');
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <section aria-labelledby="display-title" className="settings-section">
      <h3 id="display-title">{t('settings.display')}</h3>
      {prefs.local && <p className="muted small">{t('settings.localPrefs')}</p>}
      <fieldset disabled={!can}>
        <label>
          {t('settings.language')}
          <select value={chosenLang ?? ''} onChange={(e) => run(() => prefs.setLanguage((e.target.value || null) as Language | null))} data-testid="language">
            <option value="">{t('settings.languageAuto')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.theme')}
          <select value={prefs.theme} onChange={(e) => run(() => prefs.setTheme(e.target.value as Theme))}>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`theme.${th}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
