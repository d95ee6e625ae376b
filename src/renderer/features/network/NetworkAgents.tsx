/**
 * Agents with network measures (virtualized), worst first unless a column sorts them. Selecting one
 * shows its trends. The Source column shows only when the rows come from several sources.
 */
import { useMemo } from 'react';
import { useClient, useSourceLabels, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { SortHeader, type SortState } from '../../components/SortHeader';
import { useVirtualRows } from '../../components/useVirtualRows';
import { worse } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { agentNetworkLevel } from '../../lib/summary';
import { msText, pctText } from '../../lib/units';
import { notReportedText } from '../../lib/reported';
import { severalSources, sortNetworkAgents, type AgentSortKey, type MeasuredAgent } from './sort';

const ROW_HEIGHT = 34;

/** `sourceId`: that source's agents only (the view's source filter; empty: every source). */
export function NetworkAgents({
  selected,
  onSelect,
  sourceId = '',
  sort,
  onSort,
}: {
  selected: string | null;
  onSelect: (key: string) => void;
  sourceId?: string;
  sort: SortState<AgentSortKey>;
  onSort: (s: SortState<AgentSortKey>) => void;
}) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const av = useTopic('agents');
  const { name: sourceName } = useSourceLabels();
  const rows = useMemo(() => {
    void av;
    const measured: MeasuredAgent[] = [];
    for (const a of store.agents.values()) {
      if (sourceId && a.sourceId !== sourceId) continue;
      const level = agentNetworkLevel(a, thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues }));
      if (level) measured.push({ a, level });
    }
    return sortNetworkAgents(measured, sort, sourceName);
  }, [store, av, thresholdsFor, sourceId, sort, sourceName]);
  const showSource = severalSources(rows);
  const v = useVirtualRows(rows.length, ROW_HEIGHT, (i) => rows[i] && onSelect(rows[i].key));
  const ms = (x: number | null | undefined) => msText(tr, x);
  const pct = (x: number | null | undefined) => pctText(tr, x);
  // Sources that never report network measures say so, rather than "not yet".
  if (!rows.length) return <p className="empty">{notReportedText(tr, store.sources.values(), sourceId, 'network') ?? t('network.none')}</p>;
  const sortProps = { sort, onSort };
  return (
    <div className="table-scroll short" ref={v.scrollRef}>
      <table className="grid" aria-rowcount={rows.length + 1} aria-label={t('network.byAgent')}>
        <thead>
          <tr aria-rowindex={1}>
            <SortHeader id="name" {...sortProps}>{t('col.name')}</SortHeader>
            {showSource && <SortHeader id="source" {...sortProps}>{t('col.source')}</SortHeader>}
            <SortHeader id="ip" {...sortProps}>{t('agents.ip')}</SortHeader>
            <SortHeader id="latency" firstDir={-1} {...sortProps} className="num">{t('col.latency')}</SortHeader>
            <SortHeader id="jitter" firstDir={-1} {...sortProps} className="num">{t('col.jitterTxRx')}</SortHeader>
            <SortHeader id="loss" firstDir={-1} {...sortProps} className="num">{t('col.lossTxRx')}</SortHeader>
            <SortHeader id="rejection" firstDir={-1} {...sortProps} className="num">{t('col.rejection')}</SortHeader>
          </tr>
        </thead>
        <tbody onKeyDown={v.onKeyDown}>
          {v.paddingTop > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingTop }} />}
          {v.items.map((item) => {
            const a = rows[item.index]!;
            const net = a.network!;
            const th = thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues });
            return (
              <tr
                key={a.key}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={a.key === selected}
                tabIndex={item.index === v.active ? 0 : -1}
                className={a.key === selected ? 'row selected' : 'row'}
                onClick={() => onSelect(a.key)}
                onFocus={() => v.setActive(item.index)}
              >
                <th scope="row">{a.name}</th>
                {showSource && <td>{sourceName(a.sourceId)}</td>}
                <td>{net.ip ?? '–'}</td>
                <td className="num">
                  <LevelValue level={levelOf(net.latencyMs, th['agent.latency'])} text={ms(net.latencyMs)} />
                </td>
                <td className="num">
                  <LevelValue level={levelOf(worse(net.txJitterMs, net.rxJitterMs), th['agent.jitter'])} text={`${ms(net.txJitterMs) ?? '–'} / ${ms(net.rxJitterMs) ?? '–'}`} />
                </td>
                <td className="num">
                  <LevelValue level={levelOf(worse(net.txLossPct, net.rxLossPct), th['agent.loss'])} text={`${pct(net.txLossPct) ?? '–'} / ${pct(net.rxLossPct) ?? '–'}`} />
                </td>
                <td className="num">
                  <LevelValue level={levelOf(net.rejectionPct, th['agent.rejection'])} text={pct(net.rejectionPct)} />
                </td>
              </tr>
            );
          })}
          {v.paddingBottom > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
