/**
 * Wolkvox report responses, mutated from the recorded fixtures, through the connector's real path
 * into a real engine. 10,000 frames in the short run, 100,000 with CCTM_RELIABILITY_FULL=1.
 */
import { describe, it } from 'vitest';
import { expectSound } from './lib/expect';
import { runFuzz, settingsFromEnv } from './lib/run';
import { wolkvoxDriver } from './vendors/wolkvox';

const settings = settingsFromEnv();

describe('Wolkvox under mutated report responses', () => {
  it(`survives ${settings.frames.toLocaleString('en')} frames with every rejection counted and the state sound`, async () => {
    expectSound(await runFuzz(wolkvoxDriver, settings));
  }, 900_000);
});
