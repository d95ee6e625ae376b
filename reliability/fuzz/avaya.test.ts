/**
 * Avaya AXP WebSocket frames on the agent and queue streams, mutated from the recorded fixtures,
 * through the real connector session into a real engine. 10,000 frames in the short run, 100,000
 * with CCTM_RELIABILITY_FULL=1.
 */
import { describe, it } from 'vitest';
import { expectSound } from './lib/expect';
import { runFuzz, settingsFromEnv } from './lib/run';
import { avayaDriver } from './vendors/avaya';

const settings = settingsFromEnv();

describe('Avaya AXP under mutated WebSocket frames on the agent and queue streams', () => {
  it(`survives ${settings.frames.toLocaleString('en')} frames with every rejection counted and the state sound`, async () => {
    expectSound(await runFuzz(avayaDriver, settings));
  }, 900_000);
});
