/**
 * Screen-reader announcements of new critical alerts (aria-live="assertive"). Alerts already firing
 * when the dashboard opens are not announced; each new one is, once.
 */
import { useEffect, useState } from 'react';
import { useClient } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { alertTitle } from '../features/alerts/describe';

export function LiveRegion() {
  const { store } = useClient();
  const tr = useI18n();
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      store.onCriticalRaised((alert) => {
        // Clear first so that the same text twice is announced twice.
        setMessage('');
        setTimeout(() => setMessage(tr.t('live.critical', { alert: alertTitle(alert, store, tr) })), 50);
      }),
    [store, tr],
  );
  return (
    <div className="sr-only" role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-region">
      {message}
    </div>
  );
}
