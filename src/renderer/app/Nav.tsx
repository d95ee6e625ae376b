/** Main navigation: a list of links (keyboard and screen-reader friendly), current page marked. */
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
    let n = 0;
    for (const a of store.alerts.values()) if (a.state === 'firing' && !a.suppressed) n++;
    return n;
  }, [store, alertsVersion]);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <a href={hrefFor(v)} aria-current={v === current ? 'page' : undefined} data-view={v}>
              {t(`nav.${v}`)}
              {v === 'alerts' && firing > 0 && (
                <span className="count" aria-label={t('nav.firingCount', { count: firing })}>
                  {firing}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
