/**
 * The connectors this build knows, by vendor. Each vendor folder exports one factory.
 */
import type { ConnectorRegistry } from './types';

export const defaultRegistry: ConnectorRegistry = {};
