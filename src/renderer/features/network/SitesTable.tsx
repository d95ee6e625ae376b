/**
 * Sites: agents sharing a public IP (Wolkvox `by_ip`), worst average latency first unless a column
 * sorts them. The Source column shows only when the sites come from several sources. Selecting one
 * (click, or Enter on a focused row) shows its trends.
 */
import { useMemo } from 'react';
import { useClient, useSourceLabels, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { SortHeader, type SortState } from '../../components/SortHeader';
import { levelOf } from '../../lib/rules';
import { msText, pctText } from '../../lib/units';
import { notReportedText } from '../../lib/reported';
import { severalSources, sortSites, type SiteSortKey } from './sort';

/** `sourceId`: that source's sites only (the view's source filter; empty: every source). */
export function SitesTable({
  sourceId = '',
  sort,
  onSort,
  selected,
  onSelect,
}: {
  sourceId?: string;
  sort: SortState<SiteSortKey>;
  onSort: (s: SortState<SiteSortKey>) => void;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const tr = useI18n();
  const { t, n } = tr;
  const { store } = useClient();
  const { thresholds: th } = useSettings();
  const v = useTopic('sites');
  const { name: sourceName } = useSourceLabels();
  const rows = useMemo(
    () => (void v, sortSites([...store.sites.values()].filter((s) => !sourceId || s.sourceId === sourceId), sort, sourceName)),
    [store, v, sourceId, sort, sourceName],
  );
  const ms = (x: number | null) => msText(tr, x);
  if (!rows.length) return <p className="empty">{notReportedText(tr, store.sources.values(), sourceId, 'sites') ?? t('network.noSites')}</p>;
  const showSource = severalSources(rows);
  const sortProps = { sort, onSort };
  return (
    <div className="table-scroll short">
      <table className="grid" aria-label={t('network.bySite')}>
        <thead>
          <tr>
            <SortHeader id="ip" {...sortProps}>{t('network.ip')}</SortHeader>
            {showSource && <SortHeader id="source" {...sortProps}>{t('col.source')}</SortHeader>}
            <SortHeader id="agents" firstDir={-1} {...sortProps} className="num">{t('overview.agents')}</SortHeader>
            <SortHeader id="avg" firstDir={-1} {...sortProps} className="num">{t('network.avgLatency')}</SortHeader>
            <SortHeader id="max" firstDir={-1} {...sortProps} className="num">{t('network.maxLatency')}</SortHeader>
            <SortHeader id="min" firstDir={-1} {...sortProps} className="num">{t('network.minLatency')}</SortHeader>
            <SortHeader id="rejection" firstDir={-1} {...sortProps} className="num">{t('col.rejection')}</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr
              key={s.key}
              tabIndex={0}
              aria-selected={s.key === selected}
              className={s.key === selected ? 'row selected' : 'row'}
              onClick={() => onSelect(s.key)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                onSelect(s.key);
              }}
            >
              <th scope="row">{s.ip}</th>
              {showSource && <td>{sourceName(s.sourceId)}</td>}
              <td className="num">{s.agents === null ? '–' : n(s.agents)}</td>
              <td className="num">
                <LevelValue level={levelOf(s.avgLatencyMs, th['agent.latency'])} text={ms(s.avgLatencyMs)} />
              </td>
              <td className="num">
                <LevelValue level={levelOf(s.maxLatencyMs, th['agent.latency'])} text={ms(s.maxLatencyMs)} />
              </td>
              <td className="num">{ms(s.minLatencyMs) ?? '–'}</td>
              <td className="num">
                <LevelValue level={levelOf(s.rejectionPct, th['agent.rejection'])} text={pctText(tr, s.rejectionPct)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
