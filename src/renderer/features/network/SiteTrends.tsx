/** Average and maximum latency and network rejection of one site over the history the host keeps. */
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';

export const SITE_METRICS = ['siteLatency', 'siteMaxLatency', 'siteRejection'] as const;

export function SiteTrends({ siteKey }: { siteKey: string | null }) {
  const { t } = useI18n();
  const { store } = useClient();
  // The Sites table colours sites by the general agent rules; their trends are drawn against them too.
  const { thresholds } = useSettings();
  const v = useTopic('sites');
  const s = siteKey ? store.sites.get(siteKey) : undefined;
  // Asked again as the site's figures change (each latency report), at most every few seconds.
  const data = useHistory(s ? s.key : null, SITE_METRICS, s ? v : null, DETAIL_TTL_MS);
  if (!s) return <p className="muted">{t('network.pickSite')}</p>;
  const title = t('network.siteTrendsOf', { ip: s.ip });
  return (
    <section className="trends" aria-label={title}>
      <h3>{title}</h3>
      {SITE_METRICS.map((m) => (
        <MeasureTrend key={m} measure={m} points={data?.[m]} thresholds={thresholds} />
      ))}
    </section>
  );
}
