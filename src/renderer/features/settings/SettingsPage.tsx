/** Settings: display, thresholds, quiet hours, notifications, app behaviour, moving them to another computer. */
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { ViewHeader } from '../../components/ViewHeader';
import { DisplayForm } from './DisplayForm';
import { ThresholdsForm } from './ThresholdsForm';
import { ExceptionsForm } from './ExceptionsForm';
import { QuietHoursForm } from './QuietHoursForm';
import { NotificationsForm } from './NotificationsForm';
import { BrowserNotifyForm } from './BrowserNotifyForm';
import { HostNotes } from './HostNotes';
import { AppForm } from './AppForm';
import { TransferForm } from './TransferForm';
import { errorText } from '../../i18n/error-text';
import { prefsAreLocal } from '../../app/prefs';

export function SettingsPage() {
  const { t } = useI18n();
  const settings = useSettings();
  const view = settings.view;
  const editable = view?.editable ?? false;
  return (
    <>
      <ViewHeader title={t('nav.settings')} />
      {settings.error && (
        <p className="error" role="alert">
          {t('settings.loadFailed', { error: errorText(settings.error, t) })}
        </p>
      )}
      {view && !editable && <p className="notice">{t('settings.readOnly')}</p>}
      <HostNotes view={view} />
      {view && view.secretStorage === 'basic_text' && <p className="notice">{t('settings.basicText')}</p>}
      <DisplayForm editable={editable} />
      {view ? (
        <>
          <ThresholdsForm editable={editable} />
          <ExceptionsForm editable={editable} />
          <QuietHoursForm editable={editable} />
          <NotificationsForm editable={editable} />
          {prefsAreLocal(view) && <BrowserNotifyForm />}
          <AppForm editable={editable} />
          <TransferForm editable={editable} />
        </>
      ) : (
        !settings.error && <p className="muted">{t('common.loading')}</p>
      )}
    </>
  );
}
