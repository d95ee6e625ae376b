import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { telphinFactory } from '../../src/core/connectors/telphin';
import { memoryLogger } from '../../src/core/util/logger';
import { startWebhookReceiver } from '../../src/server/hooks';
import { startDemoTelphin } from '../../src/simulators/telphin';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function untilTrue(what: string, probe: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Telphin demo', () => {
  it('starts a living team that the connector shows in polling mode', async () => {
    const demo = await startDemoTelphin({ pollSec: 1, stepMs: 100 });
    stops.push(() => demo.stop());
    const engine = new Engine({ registry: { telphin: telphinFactory }, logger: memoryLogger() });
    stops.push(() => engine.stop());
    engine.start(demo.sources);
    await untilTrue('the demo source to be live with its team', () => engine.snapshot().sources[0]?.status === 'live' && engine.snapshot().agents.length === 10);
    const first = JSON.stringify(engine.snapshot().agents.map((a) => [a.key, a.state, a.call?.id]));
    await untilTrue('the team to change', () => JSON.stringify(engine.snapshot().agents.map((a) => [a.key, a.state, a.call?.id])) !== first);
    expect(engine.snapshot().sources[0]).toMatchObject({ mode: 'polling', lastError: null });
  });

  it('runs in webhook mode when given the receiver URL', async () => {
    const engine = new Engine({ registry: { telphin: telphinFactory }, logger: memoryLogger() });
    stops.push(() => engine.stop());
    const receiver = await startWebhookReceiver({ registry: engine.webhooks, port: 0, logger: memoryLogger() });
    stops.push(() => receiver.close());
    const demo = await startDemoTelphin({ publicUrl: `http://127.0.0.1:${receiver.port}`, pollSec: 30, stepMs: 50 });
    stops.push(() => demo.stop());
    engine.start(demo.sources);
    await untilTrue('subscriptions in place', () => engine.snapshot().sources[0]?.info?.subscriptions === 20);
    const logins = () => engine.snapshot().log!.filter((l) => /\((from the phone|via the API)\)$/.test(l.text)).length;
    await untilTrue('a login change delivered by webhook', () => logins() > 0);
    expect(engine.snapshot().sources[0]).toMatchObject({ status: 'live', mode: 'webhook' });
  });
});
