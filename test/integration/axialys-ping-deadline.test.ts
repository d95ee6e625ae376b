/**
 * Socket.IO 2.5 feeds: the Engine.IO ping timeout is kept as one deadline by the connector's socket
 * (src/core/connectors/axialys/ping-deadline.ts). Over a real socket, a burst of updates sets no
 * timer per message (the library's own handler set one for each). That a silent link still closes
 * at the deadline is checked against a half-open path in reliability/faults/axialys.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frames } from '../../src/simulators/axialys/frames';
import { startPair, stopPair, waitFor, waitLive, type Pair } from './axialys-helpers';

let pair: Pair | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await stopPair(pair);
  pair = null;
});

describe('Axialys over Socket.IO 2.5: the ping timeout', () => {
  it('receives a burst of 2,000 updates without a ping-timeout timer per message', async () => {
    pair = await startPair({ socketIo: 'v2', heartbeat: { pingIntervalMs: 2_000, pingTimeoutMs: 2_000 } });
    await waitLive(pair);
    const events = () => pair!.source().counters?.events ?? 0;
    const before = events();
    const set = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 1_000; i++) {
      pair.sim.send(frames.ui('pause', 3, 2));
      pair.sim.send(frames.ui('login', 3));
    }
    await waitFor('the burst to arrive', () => events() >= before + 2_000, 10_000);
    const pingTimers = set.mock.calls.filter(([fn]) => typeof fn === 'function' && String(fn).includes('ping timeout'));
    // The library's handler sets one per message received (2,000 here); the deadline at most one per ping.
    expect(pingTimers.length).toBeLessThan(20);
    expect(pair.source().status).toBe('live');
  });

});
