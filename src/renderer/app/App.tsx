/** The dashboard: providers, then either the wallboard or the navigable views. */
import { useEffect } from 'react';
import type { DashboardClient } from '../bridge/client';
import { ClientProvider, useClient } from '../bridge/react';
import { I18nProvider } from '../i18n/context';
import { SettingsProvider } from './settings';
import { PrefsProvider, usePrefs } from './prefs-context';
import { Layout } from './Layout';
import { navigate, routeForHost } from './router';
import { Wallboard } from '../features/wallboard/Wallboard';
import { useBrowserNotifications } from './browser-notify';
import { useLeaveGuard } from '../features/settings/draft';

export function App({ client, wallboard = false }: { client: DashboardClient; wallboard?: boolean }) {
  return (
    <ClientProvider client={client}>
      <SettingsProvider>
        <PrefsProvider>
          <Localized wallboard={wallboard} />
        </PrefsProvider>
      </SettingsProvider>
    </ClientProvider>
  );
}

function Localized({ wallboard }: { wallboard: boolean }) {
  const { language } = usePrefs();
  const client = useClient();
  useEffect(
    () =>
      client.onNavigate((to) => {
        const r = routeForHost(to);
        navigate(r.view, r.param);
      }),
    [client],
  );
  useBrowserNotifications(client, language);
  useLeaveGuard(client.mode === 'ws');
  return <I18nProvider lang={language}>{wallboard ? <Wallboard /> : <Layout />}</I18nProvider>;
}
