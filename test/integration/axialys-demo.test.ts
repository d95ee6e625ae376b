/**
 * The demo starter: a real simulator with the demo team, and a source config the real connector
 * reaches over loopback Socket.IO (detected as v2).
 */
import { afterEach, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { memoryLogger } from '../../src/core/util/logger';
import { axialysFactory } from '../../src/core/connectors/axialys';
import { startDemoAxialys } from '../../src/simulators/axialys/demo';
import { waitFor } from './axialys-helpers';

let stopAll: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopAll?.();
  stopAll = null;
});

it('the Axialys demo gives a live team at once and keeps changing', async () => {
  const demo = await startDemoAxialys();
  const engine = new Engine({ registry: { axialys: axialysFactory }, logger: memoryLogger() });
  stopAll = async () => {
    await engine.stop();
    await demo.stop();
  };
  expect(demo.sources).toEqual([expect.objectContaining({ id: 'demo-axialys', vendor: 'axialys', socketIo: 'auto', socketUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })]);
  engine.start(demo.sources);
  await waitFor('demo live with a known state for everyone', () => {
    const s = engine.snapshot();
    return s.sources[0]?.status === 'live' && s.agents.length === 8 && s.agents.every((a) => a.state !== 'unknown');
  });
  const snap = engine.snapshot();
  expect(snap.sources[0]).toMatchObject({ name: 'Axialys (demo)', mode: 'Socket.IO v2' });
  expect(snap.agents.find((a) => a.name === 'Chloé Robert')).toBeDefined();
  expect(snap.agents.some((a) => a.state === 'paused' && a.pauseReason)).toBe(true);
  const events = snap.sources[0]!.counters!.events;
  await waitFor('the demo keeps sending events', () => engine.snapshot().sources[0]!.counters!.events > events + 2, 15_000);
});
