/**
 * The connectors this build knows, by vendor. Each vendor folder exports one factory.
 */
import type { ConnectorRegistry } from './types';
import { telphinFactory } from './telphin';
import { axialysFactory } from './axialys';
import { avayaFactory } from './avaya';
import { wolkvoxFactory } from './wolkvox';

export const defaultRegistry: ConnectorRegistry = {
  wolkvox: wolkvoxFactory,
  axialys: axialysFactory,
  avaya: avayaFactory,
  telphin: telphinFactory,
};
