/** Latency, jitter and loss of one agent over the recent history, as a sparkline. */
import { Sparkline } from '../../components/Sparkline';
import { useI18n } from '../../i18n/context';
import { useHistory } from '../../lib/history';
import { useSettings } from '../../app/settings';

export const AGENT_METRICS = ['latency', 'jitter', 'loss'] as const;

export function AgentSpark({ agentKey, sampledAt, name }: { agentKey: string; sampledAt: number | null; name: string }) {
  const { t } = useI18n();
  const { thresholds: th } = useSettings();
  const data = useHistory(agentKey, AGENT_METRICS, sampledAt);
  if (!data) return <span className="muted spark-placeholder" aria-hidden="true" />;
  const scale = (w: number | null, c: number | null) => c ?? w;
  return (
    <Sparkline
      label={t('agents.sparkLabel', { name })}
      series={[
        { id: 'latency', label: t('metric.latency'), points: data.latency ?? [], scale: scale(th['agent.latency'].warning, th['agent.latency'].critical) },
        { id: 'jitter', label: t('metric.jitter'), points: data.jitter ?? [], scale: scale(th['agent.jitter'].warning, th['agent.jitter'].critical) },
        { id: 'loss', label: t('metric.loss'), points: data.loss ?? [], scale: scale(th['agent.loss'].warning, th['agent.loss'].critical) },
      ]}
    />
  );
}
