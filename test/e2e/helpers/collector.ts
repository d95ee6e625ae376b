/**
 * A collector for end-to-end tests, on 127.0.0.1 and a free port, serving the built dashboard. Demo
 * sources come from the demo simulators (src/simulators/demo.ts); when that list is still empty the
 * Wolkvox and Telphin simulators are used directly. Connectors: the default registry, completed with
 * the Wolkvox and Telphin factories.
 */
import { SettingsSchema, type SettingsInput } from '../../../src/shared/settings';
import type { ConnectorRegistry } from '../../../src/core/connectors/types';
import { startCollector, type Collector } from '../../../src/server/collector';
import { createLogger } from '../../../src/core/util/logger';
import { RENDERER_OUT } from './build';

async function registry(): Promise<ConnectorRegistry> {
  const { defaultRegistry } = await import('../../../src/core/connectors/registry');
  const { wolkvoxFactory } = await import('../../../src/core/connectors/wolkvox');
  const { telphinFactory } = await import('../../../src/core/connectors/telphin');
  return { wolkvox: wolkvoxFactory, telphin: telphinFactory, ...defaultRegistry };
}

async function startDemo() {
  const demo = await (await import('../../../src/simulators/demo')).startDemo();
  if (demo.sources.length) return demo;
  await demo.stop();
  const { startDemoWolkvox } = await import('../../../src/simulators/wolkvox');
  const { startDemoTelphin } = await import('../../../src/simulators/telphin');
  const parts = [await startDemoWolkvox(), await startDemoTelphin({ pollSec: 2, stepMs: 1000 })];
  return { sources: parts.flatMap((p) => p.sources), stop: async () => void (await Promise.allSettled(parts.map((p) => p.stop()))) };
}

export async function startTestCollector(settings: SettingsInput = {}): Promise<Collector> {
  return startCollector({
    settings: SettingsSchema.parse({ sources: [], ...settings }),
    host: '127.0.0.1',
    port: 0,
    staticDir: RENDERER_OUT,
    engine: { registry: await registry() },
    startDemo,
    logger: createLogger({ scope: 'collector', level: 'warn' }),
  });
}
