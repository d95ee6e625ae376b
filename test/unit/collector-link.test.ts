import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { LinkWatch, QuietDeadline } from '../../src/core/connectors/collector/link';

describe('collector source: link watch', () => {
  it('pings only after silence, and gives the link up when nothing answers', async () => {
    const clock = new FakeClock();
    let pings = 0;
    let dead = 0;
    const link = new LinkWatch(clock, () => void pings++, 15_000, 10_000, () => void dead++);
    link.start();
    // A busy feed needs no ping.
    for (let i = 0; i < 6; i++) {
      await clock.advance(5_000);
      link.heard();
    }
    expect(pings).toBe(0);
    await clock.advance(15_000);
    expect(pings).toBe(1);
    link.heard(); // the pong
    await clock.advance(10_000);
    expect(dead).toBe(0);
    await clock.advance(5_000);
    expect(pings).toBe(2);
    await clock.advance(9_999);
    expect(dead).toBe(0);
    await clock.advance(1);
    expect(dead).toBe(1);
    await clock.advance(120_000);
    expect({ pings, dead }).toEqual({ pings: 2, dead: 1 });
    expect(clock.pending).toBe(0);
  });

  it('checkNow pings at once (resume from sleep) without stacking pings', async () => {
    const clock = new FakeClock();
    let pings = 0;
    let dead = 0;
    const link = new LinkWatch(clock, () => void pings++, 15_000, 10_000, () => void dead++);
    link.start();
    link.checkNow();
    link.checkNow();
    expect(pings).toBe(1);
    await clock.advance(10_000);
    expect(dead).toBe(1);
    link.stop();
    expect(clock.pending).toBe(0);
  });

  it('a ping that cannot be sent (socket closing) leaves the decision to the timeout', async () => {
    const clock = new FakeClock();
    let dead = 0;
    const link = new LinkWatch(clock, () => {
      throw new Error('closing');
    }, 1_000, 500, () => void dead++);
    link.start();
    await clock.advance(1_500);
    expect(dead).toBe(1);
  });
});

describe('collector source: snapshot deadline', () => {
  it('counts from the last byte received, not from the opening of the stream', async () => {
    const clock = new FakeClock();
    let expired = 0;
    const deadline = new QuietDeadline(clock, 30_000, () => void expired++);
    deadline.start();
    // Bytes every 10 s for five minutes: a slow link, not a silent one.
    for (let i = 0; i < 30; i++) {
      await clock.advance(10_000);
      deadline.heard();
    }
    expect(expired).toBe(0);
    await clock.advance(29_999);
    expect(expired).toBe(0);
    await clock.advance(1);
    expect(expired).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('meets a stream that sends nothing at the deadline, and stops cleanly', async () => {
    const clock = new FakeClock();
    let expired = 0;
    const silent = new QuietDeadline(clock, 30_000, () => void expired++);
    silent.start();
    await clock.advance(30_000);
    expect(expired).toBe(1);
    const stopped = new QuietDeadline(clock, 30_000, () => void expired++);
    stopped.start();
    stopped.stop();
    await clock.advance(60_000);
    expect(expired).toBe(1);
    expect(clock.pending).toBe(0);
  });
});
