/**
 * The connectors this build knows, by vendor. Each vendor folder exports one factory; the type makes
 * a vendor without a connector a build error rather than a source that can never start.
 */
import type { ConnectorRegistry } from './types';
import { telphinFactory } from './telphin';
import { axialysFactory } from './axialys';
import { avayaFactory } from './avaya';
import { wolkvoxFactory } from './wolkvox';
import { collectorFactory } from './collector';

const factories = {
  wolkvox: wolkvoxFactory,
  axialys: axialysFactory,
  avaya: avayaFactory,
  telphin: telphinFactory,
  collector: collectorFactory,
} satisfies Required<ConnectorRegistry>;

export const defaultRegistry: ConnectorRegistry = factories;
