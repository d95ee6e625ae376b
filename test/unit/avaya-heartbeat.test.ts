import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { Heartbeat, heartbeatTimings } from '../../src/core/connectors/avaya/heartbeat';

describe('Avaya heartbeat', () => {
  it('pings every interval and times out once when no pong comes', async () => {
    const clock = new FakeClock();
    let pings = 0;
    let timeouts = 0;
    const hb = new Heartbeat(clock, { ping: () => void pings++ }, 30_000, 10_000, () => void timeouts++);
    hb.start();
    await clock.advance(30_000);
    expect(pings).toBe(1);
    hb.pong();
    await clock.advance(30_000);
    expect(pings).toBe(2);
    await clock.advance(9_999);
    expect(timeouts).toBe(0);
    await clock.advance(1);
    expect(timeouts).toBe(1);
    await clock.advance(120_000);
    expect(timeouts).toBe(1);
    expect(pings).toBe(2);
    expect(clock.pending).toBe(0);
  });

  it('checkNow pings at once (resume from sleep) but never stacks pings', async () => {
    const clock = new FakeClock();
    let pings = 0;
    let timeouts = 0;
    const hb = new Heartbeat(clock, { ping: () => void pings++ }, 30_000, 10_000, () => void timeouts++);
    hb.start();
    hb.checkNow();
    hb.checkNow();
    expect(pings).toBe(1);
    await clock.advance(5_000);
    hb.pong();
    hb.checkNow();
    expect(pings).toBe(2);
    hb.stop();
    await clock.advance(60_000);
    expect(timeouts).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a socket that throws on ping is left to its close handler', async () => {
    const clock = new FakeClock();
    let timeouts = 0;
    const hb = new Heartbeat(clock, { ping: () => { throw new Error('closing'); } }, 1_000, 500, () => void timeouts++);
    hb.start();
    await clock.advance(5_000);
    expect(timeouts).toBe(0);
    expect(hb.sent).toBe(0);
    hb.stop();
  });

  it('derives the timings from pingSec, the server ping interval and the pong timeout', () => {
    expect(heartbeatTimings(30, 300, 10_000)).toEqual({ intervalMs: 30_000, timeoutMs: 10_000 });
    expect(heartbeatTimings(30, 20, 10_000)).toEqual({ intervalMs: 10_000, timeoutMs: 10_000 });
    expect(heartbeatTimings(1, null, 10_000)).toEqual({ intervalMs: 1_000, timeoutMs: 1_000 });
  });
});
