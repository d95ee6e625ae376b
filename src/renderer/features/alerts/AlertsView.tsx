/**
 * Alerts: firing, pending and history; acknowledge, snooze, export. `#/alerts/<id>` opens the view at
 * one alert, with its details above the list (a notification's click, an alert's link): a live alert,
 * or the latest time it ended. `#/alerts/<history entry id>` (`historyEntryId`) opens one entry of the
 * history: an alert that fired several times is there once per time, under the same alert id.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { historyEntryId, type Alert } from '../../../shared/model';
import { useClient, useSourcesByName, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { TabPanel, Tabs } from '../../components/Tabs';
import { choiceOf, navigate, replaceQuery, useRoute, type Query } from '../../app/router';
import { SourceSelect } from '../../components/SourceSelect';
import { AlertDetail } from './AlertDetail';
import { AlertTable } from './AlertTable';
import { ExportCsvButton } from './ExportCsvButton';
import { AckAllButton } from './AckAllButton';
import { errorText } from '../../i18n/error-text';

type Tab = 'firing' | 'pending' | 'history';
const TABS: readonly Tab[] = ['firing', 'pending', 'history'];
const MAX_ROWS = 500;

/** The address's query with `tab` (the first tab is the address without one). */
const withTab = (query: Query, tab: Tab): Query => ({ ...query, tab: tab === 'firing' ? '' : tab });

function byRecency(a: Alert, b: Alert): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  return b.since - a.since;
}

export function AlertsView({ focusId }: { focusId: string | null }) {
  const { t } = useI18n();
  const client = useClient();
  const { store } = client;
  const v = useTopic('alerts');
  // The source filter and the tab live in the address (`#/alerts?source=…&tab=history`: the overview's
  // alert figures link there, and a reload keeps both).
  const { query } = useRoute();
  const source = query.source ?? '';
  const tab = choiceOf(query.tab, TABS, 'firing');
  const sources = useSourcesByName();
  const setTab = (next: Tab) => replaceQuery('alerts', focusId, withTab(query, next));
  const [history, setHistory] = useState<Alert[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const lists = useMemo(() => {
    void v;
    const firing: Alert[] = [];
    const pending: Alert[] = [];
    for (const a of store.alerts.values()) {
      if (source && a.sourceId !== source) continue;
      if (a.state === 'firing') firing.push(a);
      else if (a.state === 'pending') pending.push(a);
    }
    return { firing: firing.sort(byRecency), pending: pending.sort(byRecency) };
  }, [store, v, source]);

  // History is the host's (persisted) list; refreshed whenever alerts change while it is shown.
  useEffect(() => {
    if (tab !== 'history') return;
    let alive = true;
    client.invoke('alerts:history', { limit: MAX_ROWS }).then(
      (list) => alive && setHistory([...list].sort((a, b) => (b.resolvedAt ?? b.since) - (a.resolvedAt ?? a.since))),
      (e: unknown) => alive && setError(errorText(e, t)),
    );
    return () => {
      alive = false;
    };
  }, [client, tab, v]);

  // Opening at an alert: show the tab that holds it, once the live alerts are known (the dashboard
  // may be opening at it), and only once: the reader may then pick another tab.
  const placed = useRef<string | null>(null);
  useEffect(() => {
    if (!focusId) placed.current = null; // closed: opening it again places it again
    if (!focusId || placed.current === focusId || store.loadedAt === null) return;
    placed.current = focusId;
    const a = store.alerts.get(focusId);
    replaceQuery('alerts', focusId, withTab(query, a?.state === 'pending' ? 'pending' : a && a.state === 'firing' ? 'firing' : 'history'));
  }, [focusId, store, v, query]);

  const shownHistory = useMemo(() => (history && source ? history.filter((a) => a.sourceId === source) : history), [history, source]);
  const rows = tab === 'history' ? (shownHistory ?? []) : lists[tab];
  // The alert opened: live, or ended and in the history (shown once the history is in) — one entry of
  // it by its own id, or by the alert's id its latest end (the history is newest first).
  const focused = focusId
    ? (store.alerts.get(focusId) ?? history?.find((a) => historyEntryId(a) === focusId) ?? history?.find((a) => a.id === focusId) ?? null)
    : null;
  // Its row in the lists: a live alert's id, an ended one's entry.
  const focusRow = focused ? (focused.state === 'resolved' ? historyEntryId(focused) : focused.id) : null;
  const detailReady = focusId !== null && (focused !== null || tab !== 'history' || history !== null || error !== null);
  return (
    <>
      <ViewHeader title={t('nav.alerts')}>
        <ExportCsvButton onError={setError} sourceId={source || undefined} />
      </ViewHeader>
      {detailReady && focusId !== null && <AlertDetail alert={focused} address={focusId} onClose={() => navigate('alerts', null, query)} onError={setError} />}
      <div className="filters">
        <SourceSelect value={source} sources={sources} onChange={(s) => replaceQuery('alerts', focusId, { ...query, source: s })} />
      </div>
      <Tabs
        label={t('nav.alerts')}
        current={tab}
        onChange={setTab}
        tabs={[
          { id: 'firing', label: t('alerts.firing', { count: lists.firing.length }) },
          { id: 'pending', label: t('alerts.pending', { count: lists.pending.length }) },
          { id: 'history', label: t('alerts.history') },
        ]}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <TabPanel id={tab}>
        {tab === 'history' && shownHistory === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : rows.length === 0 ? (
          <p className="empty">{t(`alerts.none.${tab}`)}</p>
        ) : (
          <>
            {tab === 'firing' && <AckAllButton alerts={rows} onError={setError} />}
            {tab === 'pending' && <p className="muted small">{t('alerts.pendingHint')}</p>}
            {rows.length > MAX_ROWS && <p className="notice">{t('alerts.truncated', { shown: MAX_ROWS, count: rows.length })}</p>}
            <AlertTable alerts={rows.slice(0, MAX_ROWS)} focusId={focusRow} onError={setError} history={tab === 'history'} query={query} showSource={!source && sources.length > 1} />
          </>
        )}
      </TabPanel>
    </>
  );
}
