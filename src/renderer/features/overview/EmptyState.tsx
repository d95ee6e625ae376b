/** First run: no source yet. Offers demo sources and the way to add a real one. */
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { useStartDemo } from '../../app/use-start-demo';
import { hrefFor } from '../../app/router';

export function EmptyState() {
  const { t } = useI18n();
  const settings = useSettings();
  const { start: demo, busy, error } = useStartDemo();
  const editable = settings.view?.editable ?? false;
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
