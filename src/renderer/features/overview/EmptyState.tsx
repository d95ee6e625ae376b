/** First run: no source yet. Offers demo sources and the way to add a real one. */
import { useState } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { hrefFor } from '../../app/router';

export function EmptyState() {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = settings.view?.editable ?? false;
  const demo = async () => {
    setBusy(true);
    try {
      settings.set(await client.invoke('sources:demo', undefined));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="empty">
      <p>{t('overview.empty')}</p>
      {editable ? (
        <p className="actions">
          <button type="button" onClick={demo} disabled={busy}>
            {t('sources.addDemo')}
          </button>
          <a className="button-link" href={hrefFor('sources')}>
            {t('sources.add')}
          </a>
        </p>
      ) : (
        settings.view && <p className="notice">{t('settings.readOnly')}</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
