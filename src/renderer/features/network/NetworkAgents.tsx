/** Agents with network measures, worst first (virtualized). Selecting one shows its trends. */
import { useMemo } from 'react';
import type { Agent } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { useVirtualRows } from '../../components/useVirtualRows';
import { worse } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { agentNetworkLevel } from '../../lib/summary';
import { msText, pctText } from '../../lib/units';

const RANK = { critical: 0, warning: 1, ok: 2 } as const;
const ROW_HEIGHT = 34;

/** `sourceId`: that source's agents only (the view's source filter; empty: every source). */
export function NetworkAgents({ selected, onSelect, sourceId = '' }: { selected: string | null; onSelect: (key: string) => void; sourceId?: string }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const av = useTopic('agents');
  const rows = useMemo(() => {
    void av;
    const list: { a: Agent; rank: number; lat: number }[] = [];
    for (const a of store.agents.values()) {
      if (sourceId && a.sourceId !== sourceId) continue;
      const level = agentNetworkLevel(a, thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues }));
      if (level) list.push({ a, rank: RANK[level], lat: a.network?.latencyMs ?? 0 });
    }
    return list.sort((x, y) => x.rank - y.rank || y.lat - x.lat || (x.a.key < y.a.key ? -1 : 1)).map((r) => r.a);
  }, [store, av, thresholdsFor, sourceId]);
  const v = useVirtualRows(rows.length, ROW_HEIGHT, (i) => rows[i] && onSelect(rows[i].key));
  const ms = (x: number | null | undefined) => msText(tr, x);
  const pct = (x: number | null | undefined) => pctText(tr, x);
  if (!rows.length) return <p className="empty">{t('network.none')}</p>;
  return (
    <div className="table-scroll short" ref={v.scrollRef}>
      <table className="grid" aria-rowcount={rows.length + 1} aria-label={t('network.byAgent')}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('col.name')}</th>
            <th scope="col">{t('agents.ip')}</th>
            <th scope="col" className="num">{t('col.latency')}</th>
            <th scope="col" className="num">{t('col.jitterTxRx')}</th>
            <th scope="col" className="num">{t('col.lossTxRx')}</th>
            <th scope="col" className="num">{t('col.rejection')}</th>
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
