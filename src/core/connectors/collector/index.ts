/**
 * Another collector as a source (team mode): its `/api/stream` mirrored here. See docs/vendors/collector.md.
 */
import { WOLKVOX_DEFAULT_POLL_SEC } from '../../../shared/sources';
import type { ConnectorFactory } from '../types';
import { CollectorConnector } from './connector';
import { testConnection } from './test-connection';

export const collectorFactory: ConnectorFactory<'collector'> = {
  vendor: 'collector',
  create: (ctx) => new CollectorConnector(ctx),
  test: (ctx) => testConnection(ctx),
  // The collector pushes each change as it happens, so samples come at its sources' pace. Queues are
  // streamed (or polled every minute); agents' network quality and sites come only from Wolkvox's
  // latency report, polled every 5 minutes by default: one breaching poll raises here as it does there.
  sampleIntervalSec: () => ({ network: WOLKVOX_DEFAULT_POLL_SEC.latency, sites: WOLKVOX_DEFAULT_POLL_SEC.latency, queues: 1 }),
};

export { CollectorConnector } from './connector';
export { DEFAULT_TIMINGS, streamUrl, type CollectorTimings, type WebSocketFactory } from './config';
