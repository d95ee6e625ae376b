/**
 * Wolkvox real-time reports (REST polling): the factory the engine's registry holds, and the pure
 * budget helpers the settings use to warn about the daily token quota.
 */
import type { ConnectorFactory } from '../types';
import { cadences } from './budget';
import { DEFAULT_TUNING, WolkvoxConnector, type WolkvoxTuning } from './connector';
import { testConnection } from './test-connection';

export { cadences, dailyQuota, projectedDailyUses, quotaWarning, tokenBudget, DEFAULT_CADENCE_SEC } from './budget';
export { DEFAULT_TUNING, type WolkvoxTuning } from './connector';
export { baseUrlFor, reportUrl } from './url';

/** A factory with other timings (tests use short timeouts and backoffs). */
export function createWolkvoxFactory(tuning: Partial<WolkvoxTuning> = {}): ConnectorFactory<'wolkvox'> {
  const t: WolkvoxTuning = { ...DEFAULT_TUNING, ...tuning };
  return {
    vendor: 'wolkvox',
    create: (ctx) => new WolkvoxConnector(ctx, t),
    test: (ctx) => testConnection(ctx, t.timeoutMs),
    sampleIntervalSec: (config) => {
      // Each report has its own poll: agents' network and sites come from `latency`, queues from `skills`.
      const c = cadences(config);
      return { network: c.latency, sites: c.latency, queues: c.skills };
    },
  };
}

export const wolkvoxFactory: ConnectorFactory<'wolkvox'> = createWolkvoxFactory();
