/**
 * Axialys Voice Management: supervisor or API-account login, Socket.IO v2/v4 notification feed.
 */
import type { ConnectorFactory } from '../types';
import { AxialysConnector } from './connector';
import { testConnection } from './test-connection';

export const axialysFactory: ConnectorFactory<'axialys'> = {
  vendor: 'axialys',
  create: (ctx) => new AxialysConnector(ctx),
  test: (ctx) => testConnection(ctx),
  // A push feed: state changes arrive as they happen; queues are re-evaluated every second.
  sampleIntervalSec: () => 1,
};

export { AxialysConnector } from './connector';
export type { AxSocket, AxSocketFactory } from './socket';
