/** Summaries per source and in total, recomputed when agents, queues or alerts change (and each second). */
import { useMemo } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useSettings } from '../../app/settings';
import { useSecond } from '../../lib/ticker';
import { summarize, type Summary } from '../../lib/summary';
import type { Agent, Queue } from '../../../shared/model';

export function useSummary(): Map<string, Summary> {
  const { store } = useClient();
  const { thresholds, thresholdsFor } = useSettings();
  const av = useTopic('agents');
  const qv = useTopic('queues');
  const alv = useTopic('alerts');
  const second = useSecond();
  return useMemo(() => {
    void av;
    void qv;
    void alv;
    void second;
    const thresholdsOf = (a: Agent) => thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues });
    const queueThresholdsOf = (q: Queue) => thresholdsFor({ kind: 'queue', key: q.key, sourceId: q.sourceId });
    return summarize({ agents: store.agents.values(), queues: store.queues.values(), alerts: store.alerts.values(), thresholds, thresholdsOf, queueThresholdsOf, now: store.now() });
  }, [store, thresholds, thresholdsFor, av, qv, alv, second]);
}
