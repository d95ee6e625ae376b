/** Latency, jitter and loss of one agent over the history the host keeps (the last hours). */
import { useState } from 'react';
import type { Agent } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { AGENT_METRICS } from '../agents/AgentSpark';
import { hrefFor } from '../../app/router';
import { CopyButton } from '../../components/CopyButton';
import { agentReport } from '../agents/report';

/** Whether any agent the filter shows (`sourceId`, or all for "") has network measures. */
function anyMeasured(agents: Iterable<Agent>, sourceId: string): boolean {
  for (const x of agents) if (x.network && (!sourceId || x.sourceId === sourceId)) return true;
  return false;
}

/**
 * `sourceId`: the view's source filter (empty: every source). An agent of another source is not shown:
 * its trends under a table that leaves it out would read as the filtered source's. While the filter
 * shows no agent with network measures, there is nothing to pick, and no hint to.
 */
export function AgentTrends({ agentKey, sourceId = '' }: { agentKey: string | null; sourceId?: string }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const [error, setError] = useState<string | null>(null);
  const { thresholdsFor } = useSettings();
  useTopic('agents');
  const known = agentKey ? store.agents.get(agentKey) : undefined;
  const a = known && (!sourceId || known.sourceId === sourceId) ? known : undefined;
  const data = useHistory(a ? a.key : null, AGENT_METRICS, a?.network?.sampledAt ?? null, DETAIL_TTL_MS);
  if (!a) return anyMeasured(store.agents.values(), sourceId) ? <p className="muted">{t('network.pickAgent')}</p> : null;
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
