/** Sites: agents sharing a public IP (Wolkvox `by_ip`), worst average latency first. */
import { useMemo } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { levelOf } from '../../lib/rules';
import { msText, pctText } from '../../lib/units';

/** `sourceId`: that source's sites only (the view's source filter; empty: every source). */
export function SitesTable({ sourceId = '' }: { sourceId?: string }) {
  const tr = useI18n();
  const { t, n } = tr;
  const { store } = useClient();
  const { thresholds: th } = useSettings();
  const v = useTopic('sites');
  const rows = useMemo(
    () => (void v, [...store.sites.values()].filter((s) => !sourceId || s.sourceId === sourceId).sort((a, b) => (b.avgLatencyMs ?? -1) - (a.avgLatencyMs ?? -1))),
    [store, v, sourceId],
  );
  const ms = (x: number | null) => msText(tr, x);
  if (!rows.length) return <p className="empty">{t('network.noSites')}</p>;
  return (
    <div className="table-scroll">
      <table className="grid" aria-label={t('network.bySite')}>
        <thead>
          <tr>
            <th scope="col">{t('network.ip')}</th>
            <th scope="col">{t('col.source')}</th>
            <th scope="col" className="num">{t('overview.agents')}</th>
            <th scope="col" className="num">{t('network.avgLatency')}</th>
            <th scope="col" className="num">{t('network.maxLatency')}</th>
            <th scope="col" className="num">{t('network.minLatency')}</th>
            <th scope="col" className="num">{t('col.rejection')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.ip}</th>
              <td>{store.sources.get(s.sourceId)?.name ?? s.sourceId}</td>
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
