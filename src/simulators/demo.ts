/**
 * Demo mode: the vendor simulators on loopback with a demo team each, and source configs pointing at
 * them. Used by `npm run demo`, the tray app's "Try the demo" and end-to-end tests.
 */
import type { SourceConfig } from '../shared/sources';

export interface RunningDemo {
  sources: SourceConfig[];
  stop(): Promise<void>;
}

type DemoStarter = () => Promise<RunningDemo>;

const STARTERS: DemoStarter[] = [];

export async function startDemo(): Promise<RunningDemo> {
  const started: RunningDemo[] = [];
  try {
    for (const start of STARTERS) started.push(await start());
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
