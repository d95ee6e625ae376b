/** Latency, jitter and loss of one agent over the history the host keeps (the last hours). */
import { useState } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { AGENT_METRICS } from '../agents/AgentSpark';
import { hrefFor } from '../../app/router';
import { CopyButton } from '../../components/CopyButton';
import { agentReport } from '../agents/report';

export function AgentTrends({ agentKey }: { agentKey: string | null }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const [error, setError] = useState<string | null>(null);
  const { thresholdsFor } = useSettings();
  useTopic('agents');
  const a = agentKey ? store.agents.get(agentKey) : undefined;
  const data = useHistory(a ? a.key : null, AGENT_METRICS, a?.network?.sampledAt ?? null, DETAIL_TTL_MS);
  if (!a) return <p className="muted">{t('network.pickAgent')}</p>;
  // The agent's own thresholds where rules were added for it (Settings), as its alerts use.
  const th = thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues });
  return (
    <section className="trends" aria-label={t('network.trendsOf', { name: a.name })}>
      <header className="trends-head">
        <h3>{t('network.trendsOf', { name: a.name })}</h3>
        {/* The rest of the agent (state, queues, alerts) is one step away. */}
        <a className="small" href={hrefFor('agents', a.key)}>
          {t('agents.detail')}
        </a>
        <CopyButton text={() => agentReport(a, store, tr, store.now())} hint={t('agents.copyHint')} onError={setError} />
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {AGENT_METRICS.map((m) => (
        <MeasureTrend key={m} measure={m} points={data?.[m]} thresholds={th} />
      ))}
    </section>
  );
}
