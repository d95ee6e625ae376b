/** Header summary: sources live out of total, critical alerts, and the notification pause switch. */
import { useMemo, useState } from 'react';
import { useClient, useTopic } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { useSettings } from './settings';
import { errorText } from '../i18n/error-text';

export function HeaderStatus() {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const sv = useTopic('sources');
  const av = useTopic('alerts');
  const [error, setError] = useState<string | null>(null);
  const counts = useMemo(() => {
    void sv;
    void av;
    let live = 0;
    for (const s of client.store.sources.values()) if (s.status === 'live') live++;
    let critical = 0;
    for (const a of client.store.alerts.values()) if (a.state === 'firing' && a.severity === 'critical' && !a.suppressed) critical++;
    return { live, total: client.store.sources.size, critical };
  }, [client, sv, av]);
  const paused = settings.view?.alerts.notificationsPaused ?? false;
  const toggle = async () => {
    try {
      await client.invoke('alerts:pause-notifications', { paused: !paused });
      await settings.reload();
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <div className="header-status">
      {counts.total ? <span>{t('header.sourcesLive', { live: counts.live, count: counts.total })}</span> : <a href="#/sources">{t('header.noSources')}</a>}
      {counts.critical > 0 && (
        <a className="badge sev-critical" href="#/alerts">
          <span className="glyph" aria-hidden="true">
            ✖
          </span>
          {t('header.critical', { count: counts.critical })}
        </a>
      )}
      {settings.view && (
        <button type="button" aria-pressed={paused} onClick={toggle} className="toggle">
          {paused ? t('header.notificationsPaused') : t('header.pauseNotifications')}
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
