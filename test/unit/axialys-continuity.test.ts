/**
 * After an interruption, waiting calls must be reported again within the confirmation window or
 * they are dropped (Axialys has no queue snapshot; its server replays the picture on `init`).
 */
import { describe, expect, it } from 'vitest';
import { Feed, UNCONFIRMED_CALL_MS } from '../../src/core/connectors/axialys/feed';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { ConnectorContext } from '../../src/core/connectors/types';
import type { AxialysSourceConfig } from '../../src/shared/sources';
import { frames, type SimEvent } from '../../src/simulators/axialys/frames';
import { memoryLogger } from '../../src/core/util/logger';
import { FakeClock } from '../fakes/clock';

function harness() {
  const clock = new FakeClock();
  const state = new LiveState();
  const ctx = {
    sourceId: 'ax',
    clock,
    log: memoryLogger(),
    factories: {},
    health: { rejected: () => undefined, unknown: () => undefined, setInfo: () => undefined },
    emit: (events: NormalizedEvent[]) => {
      for (const e of events) if (e.type !== 'vendor.alert') state.apply('ax', e, clock.now());
    },
  } as unknown as ConnectorContext<AxialysSourceConfig>;
  const feed = new Feed(ctx);
  let cpt = 0;
  const send = (event: SimEvent, skip = 0) => {
    cpt += 1 + skip;
    feed.handle({ ts: Math.floor(clock.now() / 1000), elapse: 0, cpt, event });
  };
  const waiting = () => state.queues.get('ax:391')?.waiting ?? 0;
  return { clock, state, feed, send, waiting };
}

describe('Axialys waiting calls after an interruption', () => {
  it('drops the calls the replay does not report again, keeps the others, and says so', async () => {
    const h = harness();
    h.feed.connected();
    for (const c of [1, 2, 3]) h.send(frames.queueInsert(391, c, '0600000000', 5));
    expect(h.waiting()).toBe(3);
    h.feed.connected(); // reconnected: events were missed meanwhile (counter jumps), then the replay
    h.send(frames.queueInsert(391, 1, '0600000000', 40), 7);
    h.send(frames.queueInsert(391, 3, '0600000000', 40));
    await h.clock.advance(UNCONFIRMED_CALL_MS - 1000);
    expect(h.waiting()).toBe(3);
    await h.clock.advance(1000);
    expect(h.waiting()).toBe(2);
    expect(h.state.recentLog().at(-1)).toMatchObject({ kind: 'resync', level: 'warning', text: expect.stringMatching(/^1 waiting call .* removed/) });
    expect(h.clock.pending).toBe(0);
  });

  it('keeps every call when the stream resumes exactly where it left off', async () => {
    const h = harness();
    h.feed.connected();
    for (const c of [1, 2]) h.send(frames.queueInsert(391, c, '0600000000'));
    h.feed.connected();
    h.send(frames.ui('login', 8)); // next counter value: nothing was missed
    await h.clock.advance(UNCONFIRMED_CALL_MS * 2);
    expect(h.waiting()).toBe(2);
  });

  it('missed events alone (a counter jump) put the waiting calls in doubt too', async () => {
    const h = harness();
    h.feed.connected();
    for (const c of [1, 2]) h.send(frames.queueInsert(391, c, '0600000000'));
    h.send(frames.ui('login', 8), 3);
    h.send(frames.queueConnect(391, 2, 8, '0600000000')); // call 2 is heard of (and leaves)
    expect(h.waiting()).toBe(1);
    await h.clock.advance(UNCONFIRMED_CALL_MS);
    expect(h.waiting()).toBe(0);
  });

  it('stops its timer when disposed', () => {
    const h = harness();
    h.feed.connected();
    h.send(frames.queueInsert(391, 1, '0600000000'));
    h.feed.connected();
    h.send(frames.ui('login', 8), 2);
    expect(h.clock.pending).toBe(1);
    h.feed.dispose();
    expect(h.clock.pending).toBe(0);
  });
});
