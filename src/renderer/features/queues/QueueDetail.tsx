/**
 * One queue (`#/queues/<key>`): its figures, its agents by state, its open alerts, and its calls waiting
 * and longest wait over the history the host keeps, against the thresholds that apply to it.
 */
import { useMemo } from 'react';
import { AGENT_STATES, type AgentState } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { LevelValue } from '../../components/badges';
import { Facts } from '../../components/Facts';
import { Detail, DetailGone } from '../../components/Detail';
import { MeasureTrend } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { clockDuration } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { queueAvailable, queueWaitSec } from '../../lib/summary';
import { useSecond } from '../../lib/ticker';
import { pctText } from '../../lib/units';
import { SubjectAlerts } from '../alerts/SubjectAlerts';

/** What the host records of a queue (src/core/history/history.ts). */
const QUEUE_METRICS = ['waiting', 'longestWait'] as const;

/** `counted`: agents available per queue counted from its members (the table's, `availableByQueue`). */
export function QueueDetail({ queueKey, counted, onClose }: { queueKey: string; counted: ReadonlyMap<string, number>; onClose: () => void }) {
  const tr = useI18n();
  const { t, n } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  useTopic('queues');
  useTopic('sources');
  const av = useTopic('agents');
  useSecond(); // the longest wait ticks
  const q = store.queues.get(queueKey);
  const history = useHistory(q ? q.key : null, QUEUE_METRICS, q ? `${q.waiting}|${q.longestWaitSec}` : null, DETAIL_TTL_MS);
  const staff = useMemo(() => {
    void av;
    const by = new Map<AgentState, number>();
    for (const a of store.agents.values()) if (a.queues?.includes(queueKey)) by.set(a.state, (by.get(a.state) ?? 0) + 1);
    return AGENT_STATES.filter((s) => by.has(s)).map((s) => `${t(`state.${s}`)} ${n(by.get(s)!)}`).join(' · ');
  }, [store, av, queueKey, t, n]);
  if (!q) return <DetailGone label={t('queues.detail')} text={t('queues.gone')} onClose={onClose} />;
  const th = thresholdsFor({ kind: 'queue', key: q.key, sourceId: q.sourceId });
  const wait = queueWaitSec(q, store.now());
  const num = (v: number | null) => (v === null ? null : n(v));
  return (
    <Detail id="queue-detail-title" title={q.name} showing={queueKey} onClose={onClose} after={<span className="muted">{t(`kind.${q.kind}`)}</span>}>
      <Facts
        facts={[
          [t('col.source'), store.sources.get(q.sourceId)?.name ?? q.sourceId],
          [t('col.waiting'), <LevelValue key="w" level={levelOf(q.waiting, th['queue.waiting'])} text={n(q.waiting)} />],
          [t('col.longestWait'), <LevelValue key="l" level={levelOf(wait, th['queue.longest_wait'])} text={clockDuration(wait)} />],
          [t('col.serviceLevel'), pctText(tr, q.serviceLevelPct, 1)],
          [t('col.offered'), num(q.offered)],
          [t('col.answered'), num(q.answered)],
          [t('col.abandoned'), num(q.abandoned)],
          [t('col.agentsAvailable'), num(queueAvailable(q, counted))],
          [t('queues.staff'), staff],
        ]}
      />
      <SubjectAlerts kind="queue" subjectKey={q.key} />
      <div className="trends">
        <MeasureTrend measure="waiting" points={history?.waiting} thresholds={th} />
        {/* A source that never gives a queue's longest wait (Wolkvox skills, Avaya) gets no empty chart for it. */}
        {(q.longestWaitSec !== null || q.oldestSince != null || !!history?.longestWait?.length) && (
          <MeasureTrend measure="longestWait" points={history?.longestWait} thresholds={th} />
        )}
      </div>
    </Detail>
  );
}
