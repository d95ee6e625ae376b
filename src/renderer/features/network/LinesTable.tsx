/** PBX lines (Wolkvox `by_pbx`): jitter and loss each way, worst first. */
import { useMemo } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { worse } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { msText, pctText } from '../../lib/units';

/** `sourceId`: that source's lines only (the view's source filter; empty: every source). */
export function LinesTable({ sourceId = '' }: { sourceId?: string }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const { thresholds: th } = useSettings();
  const v = useTopic('lines');
  const rows = useMemo(
    () =>
      (void v,
      [...store.lines.values()].filter((l) => !sourceId || l.sourceId === sourceId).sort((a, b) => (worse(b.txLossPct, b.rxLossPct) ?? -1) - (worse(a.txLossPct, a.rxLossPct) ?? -1))),
    [store, v, sourceId],
  );
  const ms = (x: number | null) => msText(tr, x);
  const pct = (x: number | null) => pctText(tr, x);
  if (!rows.length) return <p className="empty">{t('network.noLines')}</p>;
  return (
    <div className="table-scroll">
      <table className="grid" aria-label={t('network.byLine')}>
        <thead>
          <tr>
            <th scope="col">{t('network.line')}</th>
            <th scope="col">{t('col.source')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col" className="num">{t('network.txJitter')}</th>
            <th scope="col" className="num">{t('network.rxJitter')}</th>
            <th scope="col" className="num">{t('network.txLoss')}</th>
            <th scope="col" className="num">{t('network.rxLoss')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.user}</th>
              <td>{store.sources.get(l.sourceId)?.name ?? l.sourceId}</td>
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
