/**
 * PBX lines (Wolkvox `by_pbx`): jitter and loss each way, worst first (loss, then jitter) unless a
 * column sorts them. The Source column shows only when the lines come from several sources.
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
import { severalSources, sortLines, type LineSortKey } from './sort';

/** `sourceId`: that source's lines only (the view's source filter; empty: every source). */
export function LinesTable({ sourceId = '', sort, onSort }: { sourceId?: string; sort: SortState<LineSortKey>; onSort: (s: SortState<LineSortKey>) => void }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const { thresholds: th } = useSettings();
  const v = useTopic('lines');
  const { name: sourceName } = useSourceLabels();
  const rows = useMemo(
    () => (void v, sortLines([...store.lines.values()].filter((l) => !sourceId || l.sourceId === sourceId), sort, sourceName)),
    [store, v, sourceId, sort, sourceName],
  );
  const ms = (x: number | null) => msText(tr, x);
  const pct = (x: number | null) => pctText(tr, x);
  if (!rows.length) return <p className="empty">{notReportedText(tr, store.sources.values(), sourceId, 'lines') ?? t('network.noLines')}</p>;
  const showSource = severalSources(rows);
  const sortProps = { sort, onSort };
  return (
    <div className="table-scroll">
      <table className="grid" aria-label={t('network.byLine')}>
        <thead>
          <tr>
            <SortHeader id="user" {...sortProps}>{t('network.line')}</SortHeader>
            {showSource && <SortHeader id="source" {...sortProps}>{t('col.source')}</SortHeader>}
            <SortHeader id="status" {...sortProps}>{t('col.state')}</SortHeader>
            <SortHeader id="txJitter" firstDir={-1} {...sortProps} className="num">{t('network.txJitter')}</SortHeader>
            <SortHeader id="rxJitter" firstDir={-1} {...sortProps} className="num">{t('network.rxJitter')}</SortHeader>
            <SortHeader id="txLoss" firstDir={-1} {...sortProps} className="num">{t('network.txLoss')}</SortHeader>
            <SortHeader id="rxLoss" firstDir={-1} {...sortProps} className="num">{t('network.rxLoss')}</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.user}</th>
              {showSource && <td>{sourceName(l.sourceId)}</td>}
              <td>{l.status ?? '–'}</td>
              <td className="num">
                <LevelValue level={levelOf(l.txJitterMs, th['agent.jitter'])} text={ms(l.txJitterMs)} />
              </td>
              <td className="num">
                <LevelValue level={levelOf(l.rxJitterMs, th['agent.jitter'])} text={ms(l.rxJitterMs)} />
              </td>
              <td className="num">
                <LevelValue level={levelOf(l.txLossPct, th['agent.loss'])} text={pct(l.txLossPct)} />
              </td>
              <td className="num">
                <LevelValue level={levelOf(l.rxLossPct, th['agent.loss'])} text={pct(l.rxLossPct)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
