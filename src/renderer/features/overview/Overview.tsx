/** The floor at a glance: one tile for everything, then one per source. */
import { useClient, useSourcesByName } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { emptySummary } from '../../lib/summary';
import { SummaryTile } from './SummaryTile';
import { useSummary } from './useSummary';
import { EmptyState } from './EmptyState';

export function Overview() {
  const { t } = useI18n();
  const { store, mode } = useClient();
  const summary = useSummary();
  const sources = useSourcesByName();
  return (
    <>
      <ViewHeader title={t('nav.overview')}>
        {/* The wallboard is a browser page of the collector; the tray app opens no extra windows. */}
        {mode === 'ws' && (
          <a href="?wallboard=1" className="button-link" target="_blank" rel="noopener">
            {t('overview.openWallboard')}
          </a>
        )}
      </ViewHeader>
      {store.loadedAt !== null && sources.length === 0 ? (
        <EmptyState />
      ) : (
        <div className="tiles">
          <SummaryTile title={t('overview.total')} summary={summary.get('') ?? emptySummary()} />
          {sources.map((s) => (
            <SummaryTile key={s.id} title={s.name} source={s} summary={summary.get(s.id) ?? emptySummary()} />
          ))}
        </div>
      )}
    </>
  );
}
