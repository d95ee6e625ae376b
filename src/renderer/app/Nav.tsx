/**
 * Main navigation: a list of links (keyboard and screen-reader friendly), current page marked. The
 * Alerts link counts the alerts firing, red when one of them is critical, amber when all are warnings.
 */
import { useMemo } from 'react';
import { useClient, useTopic } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { hrefFor, VIEWS, type View } from './router';

export function Nav({ current }: { current: View }) {
  const { t } = useI18n();
  const { store } = useClient();
  const alertsVersion = useTopic('alerts');
  const firing = useMemo(() => {
    void alertsVersion;
    let count = 0;
    let critical = 0;
    for (const a of store.alerts.values()) {
      if (a.state !== 'firing' || a.suppressed) continue;
      count++;
      if (a.severity === 'critical') critical++;
    }
    return { count, critical };
  }, [store, alertsVersion]);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <a href={hrefFor(v)} aria-current={v === current ? 'page' : undefined} data-view={v}>
              {t(`nav.${v}`)}
              {v === 'alerts' && firing.count > 0 && (
                <span
                  className={firing.critical ? 'count critical' : 'count warning'}
                  aria-label={[t('nav.firingCount', { count: firing.count }), firing.critical ? t('header.critical', { count: firing.critical }) : ''].filter(Boolean).join(', ')}
                >
                  {firing.count}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
