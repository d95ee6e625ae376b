/**
 * Telphin webhook requests, mutated from the recorded deliveries, through the webhook registry to the
 * real connector's handler and into a real engine. 10,000 frames in the short run, 100,000 with
 * CCTM_RELIABILITY_FULL=1.
 */
import { describe, it } from 'vitest';
import { expectSound } from './lib/expect';
import { runFuzz, settingsFromEnv } from './lib/run';
import { telphinDriver } from './vendors/telphin';

const settings = settingsFromEnv();

describe('Telphin under mutated webhook requests', () => {
  it(`survives ${settings.frames.toLocaleString('en')} frames with every rejection counted and the state sound`, async () => {
    expectSound(await runFuzz(telphinDriver, settings));
  }, 900_000);
});
