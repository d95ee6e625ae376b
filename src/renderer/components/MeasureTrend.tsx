/**
 * The trend of one measure the host records (src/core/history/history.ts), drawn against the
 * thresholds of the alert rule that watches it: its title, unit and rule are said once here.
 */
import type { HistoryPoint } from '../../shared/bridge';
import { useI18n } from '../i18n/context';
import type { Translator } from '../i18n/translate';
import type { RuleId, Thresholds } from '../lib/rules';
import { TrendChart } from './TrendChart';

interface Measure {
  rule: RuleId;
  title: 'metric.latency' | 'metric.jitter' | 'metric.loss' | 'metric.waiting' | 'metric.longestWait' | 'metric.avgLatency' | 'metric.maxLatency' | 'metric.rejection';
  unit: (tr: Translator) => string;
}

/** Each recorded measure, by its name in the history. */
export const MEASURES = {
  latency: { rule: 'agent.latency', title: 'metric.latency', unit: (tr) => tr.t('unit.ms') },
  jitter: { rule: 'agent.jitter', title: 'metric.jitter', unit: (tr) => tr.t('unit.ms') },
  loss: { rule: 'agent.loss', title: 'metric.loss', unit: () => '%' },
  waiting: { rule: 'queue.waiting', title: 'metric.waiting', unit: () => '' },
  longestWait: { rule: 'queue.longest_wait', title: 'metric.longestWait', unit: (tr) => tr.t('unit.s') },
  // A site's measures, drawn against the agent rules the Sites table colours them by.
  siteLatency: { rule: 'agent.latency', title: 'metric.avgLatency', unit: (tr) => tr.t('unit.ms') },
  siteMaxLatency: { rule: 'agent.latency', title: 'metric.maxLatency', unit: (tr) => tr.t('unit.ms') },
  siteRejection: { rule: 'agent.rejection', title: 'metric.rejection', unit: () => '%' },
} as const satisfies Record<string, Measure>;

export type MeasureName = keyof typeof MEASURES;

/** The recorded measure of an agent or queue an alert rule's metric watches, if any ('agent.latency' → 'latency'). */
export function measureOfRule(metric: string): MeasureName | null {
  for (const [name, m] of Object.entries(MEASURES)) if (m.rule === metric && !name.startsWith('site')) return name as MeasureName;
  return null;
}

export function MeasureTrend({ measure, points, thresholds }: { measure: MeasureName; points: HistoryPoint[] | undefined; thresholds: Thresholds }) {
  const tr = useI18n();
  const m: Measure = MEASURES[measure];
  const th = thresholds[m.rule];
  return <TrendChart title={tr.t(m.title)} unit={m.unit(tr)} points={points ?? []} warning={th.warning} critical={th.critical} />;
}
