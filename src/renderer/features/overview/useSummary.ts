/** Summaries per source and in total, recomputed when agents, queues or alerts change (and each second). */
import { useMemo } from 'react';
import { useClient, useTopic } from '../../bridge/react';
import { useSettings } from '../../app/settings';
import { useSecond } from '../../lib/ticker';
import { summarize, type Summary } from '../../lib/summary';

export function useSummary(): Map<string, Summary> {
  const { store } = useClient();
  const { thresholds } = useSettings();
  const av = useTopic('agents');
  const qv = useTopic('queues');
  const alv = useTopic('alerts');
  const second = useSecond();
  return useMemo(() => {
    void av;
    void qv;
    void alv;
    void second;
    return summarize({ agents: store.agents.values(), queues: store.queues.values(), alerts: store.alerts.values(), thresholds, now: store.now() });
  }, [store, thresholds, av, qv, alv, second]);
}
