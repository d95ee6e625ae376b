/**
 * Screen-reader announcements of new critical alerts (aria-live="assertive"). Alerts already firing
 * when the dashboard opens are not announced; each new one is, once.
 *
 * The announcement is the dashboard's own sentence for the alert (`alertTitle`, as the alerts list
 * and its details say it) in the reader's language and number format. The language is a setting of
 * the host, which loads after the first picture: an alert raised before then waits for it, rather
 * than being said in the browser's language. Once the language changes, an announcement made in the
 * former one is taken away (not said again).
 */
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../shared/model';
import type { Language } from '../../shared/settings';
import { useClient } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { alertTitle } from '../features/alerts/describe';
import { useSettings } from './settings';

export function LiveRegion() {
  const { store } = useClient();
  const tr = useI18n();
  const { view, error } = useSettings();
  const settled = view !== null || error !== null;
  const pending = useRef<Alert | null>(null);
  const [raised, setRaised] = useState(0);
  const [announced, setAnnounced] = useState<{ alert: Alert; lang: Language } | null>(null);
  const { lang } = tr;

  useEffect(
    () =>
      store.onCriticalRaised((alert) => {
        pending.current = alert;
        setRaised((n) => n + 1);
      }),
    [store],
  );

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const alert = pending.current;
    if (!settled || !alert) return;
    pending.current = null;
    // Clear first so that the same text twice is announced twice; a newer alert replaces one not yet said.
    setAnnounced(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setAnnounced({ alert, lang }), 50);
  }, [settled, raised, lang]);

  return (
    <div className="sr-only" role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-region">
      {announced && announced.lang === lang ? tr.t('live.critical', { alert: alertTitle(announced.alert, store, tr) }) : ''}
    </div>
  );
}
