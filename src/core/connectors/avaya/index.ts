/**
 * Avaya Experience Platform (AXP) Analytics realtime data: OAuth2 client credentials, one Notification
 * API subscription per measure producer, and a WebSocket per subscription (VENDORS.md §3, seed 002).
 */
import type { ConnectorFactory } from '../types';
import { AvayaConnector } from './connector';
import { testConnection } from './testConnection';

export const avayaFactory: ConnectorFactory<'avaya'> = {
  vendor: 'avaya',
  create: (ctx) => new AvayaConnector(ctx),
  test: (ctx) => testConnection(ctx),
  // Measures are streamed as they change: treat them as frequent samples.
  sampleIntervalSec: () => 5,
};

export { AvayaConnector } from './connector';
export type { AvayaTimings } from './config';
export { apiBase, DEFAULT_PRODUCERS } from './config';
