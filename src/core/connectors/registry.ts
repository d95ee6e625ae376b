/**
 * The connectors this build knows, by vendor. Each vendor folder exports one factory.
 */
import type { ConnectorRegistry } from './types';
import { telphinFactory } from './telphin';

export const defaultRegistry: ConnectorRegistry = {
  telphin: telphinFactory,
};
