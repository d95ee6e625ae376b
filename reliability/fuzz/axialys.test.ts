/**
 * Axialys notification payloads and login answers, mutated from the recorded fixtures and the
 * documentation's examples, through the real connector session into a real engine. 10,000 frames in
 * the short run, 100,000 with CCTM_RELIABILITY_FULL=1.
 */
import { describe, it } from 'vitest';
import { expectSound } from './lib/expect';
import { runFuzz, settingsFromEnv } from './lib/run';
import { axialysDriver } from './vendors/axialys';

const settings = settingsFromEnv();

describe('Axialys under mutated notifications and login answers', () => {
  it(`survives ${settings.frames.toLocaleString('en')} frames with every rejection counted and the state sound`, async () => {
    expectSound(await runFuzz(axialysDriver, settings));
  }, 900_000);
});
