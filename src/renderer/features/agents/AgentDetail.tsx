/** Everything known about one agent, with network trends from the recent history. */
import { useState } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { StateBadge } from '../../components/badges';
import { Facts, type Fact } from '../../components/Facts';
import { Detail, DetailGone } from '../../components/Detail';
import { Ticking } from '../../components/Ticking';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { AGENT_METRICS } from './AgentSpark';
import { agentFacts, agentReport } from './report';
import { CopyButton } from '../../components/CopyButton';
import { SubjectAlerts } from '../alerts/SubjectAlerts';

export function AgentDetail({ agentKey, onClose }: { agentKey: string; onClose: () => void }) {
  const tr = useI18n();
  const { t } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const [error, setError] = useState<string | null>(null);
  useTopic('agents');
  const a = store.agents.get(agentKey);
  const history = useHistory(a?.network ? agentKey : null, AGENT_METRICS, a?.network?.sampledAt ?? null, DETAIL_TTL_MS);
  if (!a) return <DetailGone label={t('agents.detail')} text={t('agents.gone')} onClose={onClose} />;
  // The agent's own thresholds where rules were added for it (Settings), as its alerts use.
  const th = thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues });
  const net = a.network;
  const facts: Fact[] = agentFacts(a, store, tr);
  return (
    <Detail
      id="agent-detail-title"
      title={a.name}
      showing={agentKey}
      onClose={onClose}
      tools={<CopyButton text={() => agentReport(a, store, tr, store.now())} hint={t('agents.copyHint')} onError={setError} />}
      after={
        <>
          <StateBadge state={a.state} />
          <span>
            {t('label.colon', { label: t('col.timeInState') })} <Ticking since={a.stateSince} words />
          </span>
          {a.call && (
            <span>
              {t('label.colon', { label: t('agents.onCallFor') })} <Ticking since={a.call.since} words />
            </span>
          )}
        </>
      }
    >
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Facts facts={facts} />
      <SubjectAlerts kind="agent" subjectKey={a.key} />
      {net && (
        <div className="trends">
          {AGENT_METRICS.map((m) => (
            <MeasureTrend key={m} measure={m} points={history?.[m]} thresholds={th} />
          ))}
        </div>
      )}
    </Detail>
  );
}
