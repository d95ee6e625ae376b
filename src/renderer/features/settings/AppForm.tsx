/** Tray app behaviour: start at login, keep running in the tray when the window closes. */
import { useState } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { errorText } from '../../i18n/error-text';

export function AppForm({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const app = settings.view?.app;
  if (!app || settings.view?.host !== 'tray') return null;
  const update = async (patch: { startAtLogin?: boolean; hideOnClose?: boolean }) => {
    try {
      settings.set(await client.invoke('settings:update', { app: patch }));
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <section aria-labelledby="app-title" className="settings-section">
      <h3 id="app-title">{t('settings.app')}</h3>
      <fieldset disabled={!editable}>
        <label className="check">
          <input type="checkbox" checked={app.startAtLogin} onChange={(e) => update({ startAtLogin: e.target.checked })} />
          {t('settings.startAtLogin')}
        </label>
        <label className="check">
          <input type="checkbox" checked={app.hideOnClose} onChange={(e) => update({ hideOnClose: e.target.checked })} />
          {t('settings.hideOnClose')}
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
