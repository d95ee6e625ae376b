/** Page frame: skip link, header, navigation, the current view and the live region. */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/context';
import { ConnectionBanner } from './ConnectionBanner';
import { useConnStatus } from '../bridge/react';
import { LiveRegion } from './LiveRegion';
import { Nav } from './Nav';
import { useRoute, type View } from './router';
import { HeaderStatus } from './HeaderStatus';
import { Overview } from '../features/overview/Overview';
import { AgentsView } from '../features/agents/AgentsView';
import { QueuesView } from '../features/queues/QueuesView';
import { NetworkView } from '../features/network/NetworkView';
import { AlertsView } from '../features/alerts/AlertsView';
import { EventsView } from '../features/events/EventsView';
import { SourcesView } from '../features/sources/SourcesView';
import { SettingsPage } from '../features/settings/SettingsPage';

function Current({ view, param }: { view: View; param: string | null }) {
  switch (view) {
    case 'overview':
      return <Overview />;
    case 'agents':
      return <AgentsView />;
    case 'queues':
      return <QueuesView />;
    case 'network':
      return <NetworkView />;
    case 'alerts':
      return <AlertsView focusId={param} />;
    case 'events':
      return <EventsView />;
    case 'sources':
      return <SourcesView />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function Layout() {
  const { t } = useI18n();
  const route = useRoute();
  // Not connected: what is on screen is the last known picture, shown faded (the banner says why).
  const stale = useConnStatus().state !== 'open';
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${t(`nav.${route.view}`)} · ${t('app.title')}`;
    // Move focus to the new page for keyboard and screen-reader users (not on first load, and not
    // when the view already focused something of its own, such as the alert it was opened at).
    if (first.current) first.current = false;
    else if (main.current && !main.current.contains(document.activeElement)) main.current.focus();
  }, [route.view, t]);
  return (
    <div className={stale ? 'app stale' : 'app'}>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('app.skip')}
      </a>
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <HeaderStatus />
      </header>
      <ConnectionBanner />
      <div className="app-body">
        <Nav current={route.view} />
        <main id="main" ref={main} tabIndex={-1} className="app-main" aria-labelledby="view-title">
          <Current view={route.view} param={route.param} />
        </main>
      </div>
      <LiveRegion />
    </div>
  );
}
