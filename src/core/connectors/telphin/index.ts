/**
 * The Telphin connector factory: queue agents' logins and logouts by webhook (or polling behind NAT).
 */
import type { ConnectorFactory } from '../types';
import { TelphinConnector } from './connector';
import { testTelphin } from './test-connection';
import { removeTelphinSubscriptions } from './removal';

export const telphinFactory: ConnectorFactory<'telphin'> = {
  vendor: 'telphin',
  create: (ctx) => new TelphinConnector(ctx),
  test: (ctx) => testTelphin(ctx),
  sampleIntervalSec: (config) => (config.webhook?.publicUrl ? 1 : Math.max(1, config.pollSec ?? 120)),
  retire: async (config, deps) => {
    await removeTelphinSubscriptions(config, { fetch: deps.fetch, clock: deps.clock, log: deps.log });
  },
};

export { TelphinConnector, type TelphinOptions } from './connector';
export { removeTelphinSubscriptions, type RemovalDeps } from './removal';
export { webhookSecret, hookUrl, hookPrefix } from './webhook';
export { DEFAULT_API_BASE, DEFAULT_TOKEN_URL } from './client';
