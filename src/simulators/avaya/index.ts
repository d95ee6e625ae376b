/** The Avaya AXP simulator: scriptable server for tests and the demo team for `npm run demo`. */
export { AvayaSimulator, startAvayaSimulator, AGENT_ITD, QUEUE_ITD, type AvayaSimOptions } from './server';
export { startDemoAvaya } from './demo';
export { agentMeasures, queueMeasures, DEFAULT_SIM_PRODUCERS, type AgentSpec, type QueueSpec, type SimProducer } from './catalog';
export type { RouteName } from './types';
