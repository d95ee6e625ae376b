/**
 * Demo mode: the vendor simulators on loopback with a demo team each, and source configs pointing at
 * them. Used by `npm run demo`, the tray app's "Try the demo" and end-to-end tests.
 */
import type { SourceConfig } from '../shared/sources';
import { startDemoTelphin } from './telphin';
import { startDemoWolkvox } from './wolkvox';
import { startDemoAxialys } from './axialys/demo';
import { startDemoAvaya } from './avaya';

export interface RunningDemo {
  sources: SourceConfig[];
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Where this process receives webhooks (the collector's own URL): Telphin then uses webhook mode. */
  publicUrl?: string;
}

type DemoStarter = (opts: DemoOptions) => Promise<RunningDemo>;

const STARTERS: DemoStarter[] = [
  () => startDemoWolkvox(),
  () => startDemoAxialys(),
  () => startDemoAvaya(),
  (opts) => startDemoTelphin(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
];

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const started: RunningDemo[] = [];
  try {
    for (const start of STARTERS) started.push(await start(opts));
  } catch (e) {
    await Promise.allSettled(started.map((d) => d.stop()));
    throw e;
  }
  return {
    sources: started.flatMap((d) => d.sources),
    stop: async () => {
      await Promise.allSettled(started.map((d) => d.stop()));
    },
  };
}
