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
  /** Whose history holds it. */
  of: 'agent' | 'queue' | 'site';
  /** The rule whose thresholds it is drawn against. */
  rule: RuleId;
  title: 'metric.latency' | 'metric.jitter' | 'metric.loss' | 'metric.waiting' | 'metric.longestWait' | 'metric.avgLatency' | 'metric.maxLatency' | 'metric.rejection';
  unit: (tr: Translator) => string;
  /** Seconds shown as a clock (m:ss), as the tables show waits. */
  clock?: true;
}

/** Each recorded measure, by its name in the history. */
export const MEASURES = {
  latency: { of: 'agent', rule: 'agent.latency', title: 'metric.latency', unit: (tr) => tr.t('unit.ms') },
  jitter: { of: 'agent', rule: 'agent.jitter', title: 'metric.jitter', unit: (tr) => tr.t('unit.ms') },
  loss: { of: 'agent', rule: 'agent.loss', title: 'metric.loss', unit: () => '%' },
  waiting: { of: 'queue', rule: 'queue.waiting', title: 'metric.waiting', unit: () => '' },
  longestWait: { of: 'queue', rule: 'queue.longest_wait', title: 'metric.longestWait', unit: (tr) => tr.t('unit.s'), clock: true },
  // A site's measures, drawn against the agent rules the Sites table colours them by.
  siteLatency: { of: 'site', rule: 'agent.latency', title: 'metric.avgLatency', unit: (tr) => tr.t('unit.ms') },
  siteMaxLatency: { of: 'site', rule: 'agent.latency', title: 'metric.maxLatency', unit: (tr) => tr.t('unit.ms') },
  siteRejection: { of: 'site', rule: 'agent.rejection', title: 'metric.rejection', unit: () => '%' },
} as const satisfies Record<string, Measure>;

export type MeasureName = keyof typeof MEASURES;

/**
 * The recorded measure an alert rule's metric watches, of the kind of subject the rule watches, if any
 * ('agent.latency' → 'latency', not a site's measure drawn against the same rule).
 */
export function measureOfRule(metric: string): MeasureName | null {
  const of = metric.slice(0, metric.indexOf('.'));
  for (const [name, m] of Object.entries(MEASURES)) if (m.rule === metric && m.of === of) return name as MeasureName;
  return null;
}

export function MeasureTrend({ measure, points, thresholds }: { measure: MeasureName; points: HistoryPoint[] | undefined; thresholds: Thresholds }) {
  const tr = useI18n();
  const m: Measure = MEASURES[measure];
  const th = thresholds[m.rule];
  return <TrendChart title={tr.t(m.title)} unit={m.unit(tr)} clock={m.clock} points={points ?? []} warning={th.warning} critical={th.critical} />;
}
