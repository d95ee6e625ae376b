/** Average and maximum latency and network rejection of one site over the history the host keeps. */
import { useState } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { CopyButton } from '../../components/CopyButton';
import { siteReport } from './report';

export const SITE_METRICS = ['siteLatency', 'siteMaxLatency', 'siteRejection'] as const;

/** `sourceId`: the view's source filter (empty: every source); a site of another source is not shown. */
export function SiteTrends({ siteKey, sourceId = '' }: { siteKey: string | null; sourceId?: string }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const [error, setError] = useState<string | null>(null);
  // The Sites table colours sites by the general agent rules; their trends are drawn against them too.
  const { thresholds } = useSettings();
  const v = useTopic('sites');
  const known = siteKey ? store.sites.get(siteKey) : undefined;
  const s = known && (!sourceId || known.sourceId === sourceId) ? known : undefined;
  // Asked again as the site's figures change (each latency report), at most every few seconds.
  const data = useHistory(s ? s.key : null, SITE_METRICS, s ? v : null, DETAIL_TTL_MS);
  if (!s) return [...store.sites.values()].some((x) => !sourceId || x.sourceId === sourceId) ? <p className="muted">{t('network.pickSite')}</p> : null;
  const title = t('network.siteTrendsOf', { ip: s.ip });
  return (
    <section className="trends" aria-label={title}>
      <header className="trends-head">
        <h3>{title}</h3>
        <CopyButton text={() => siteReport(s, store, tr)} hint={t('network.copySiteHint')} onError={setError} />
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {SITE_METRICS.map((m) => (
        <MeasureTrend key={m} measure={m} points={data?.[m]} thresholds={thresholds} />
      ))}
    </section>
  );
}
