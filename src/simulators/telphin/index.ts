/** The Telphin simulator (tests, benchmarks) and its demo team (`npm run demo`, the tray app's demo). */
export { startTelphinSimulator, type TelphinSimulator, type TelphinSimOptions } from './server';
export { startDemoTelphin, type TelphinDemoOptions } from './demo';
export type { SimAgent, SimCall, SimEvent, SimCounters, QuotaOptions } from './state';
export type { Delivery } from './pbx';
