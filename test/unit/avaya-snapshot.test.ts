import { describe, expect, it } from 'vitest';
import { SnapshotTracker } from '../../src/core/connectors/avaya/snapshot';
import { normalizeFrame } from '../../src/core/connectors/avaya/normalize';
import { DataFrameSchema } from '../../src/core/connectors/avaya/wire';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';

const P = 'Agent_itd_1.0.0';
const NOW = 1_700_000_000_000;

function frame(agentId: string, payloadType: 'INITIALIZING' | 'LIVE', state = 'READY', eventAction = 'UPSERT') {
  const f = DataFrameSchema.parse({ keys: { agentId }, eventAction, payloadType, measureProducerId: P, measures: eventAction === 'DELETE' ? {} : { agentState: state, agentDisplayName: agentId.toUpperCase() } });
  return normalizeFrame(f, { producerId: P, now: NOW })!;
}

function feed(state: LiveState, events: NormalizedEvent[]) {
  for (const ev of events) state.apply('av', ev, NOW);
}

describe('Avaya snapshot tracking', () => {
  it('a new snapshot replaces the producer entities when the first LIVE frame arrives', () => {
    const s = new LiveState();
    const first = new SnapshotTracker(P);
    feed(s, first.accept(frame('a', 'INITIALIZING')));
    feed(s, first.accept(frame('b', 'INITIALIZING')));
    feed(s, first.finish());
    expect([...s.agents.keys()].sort()).toEqual(['av:a', 'av:b']);

    // Reconnect: the snapshot no longer mentions b.
    const second = new SnapshotTracker(P);
    feed(s, second.accept(frame('a', 'INITIALIZING', 'BUSY')));
    expect(s.agents.has('av:b')).toBe(true); // not before the snapshot ends
    const live = second.accept(frame('c', 'LIVE'));
    expect(live.map((e) => e.type)).toEqual(['sync', 'sync', 'agent']);
    expect(live[0]).toEqual({ type: 'sync', collection: 'agents', scope: P, ids: ['a'] });
    feed(s, live);
    expect([...s.agents.keys()].sort()).toEqual(['av:a', 'av:c']);
    expect(s.agents.get('av:a')!.state).toBe('on_call');
    expect(second.inProgress).toBe(false);
  });

  it('a quiet-period finish is idempotent and DELETE inside a snapshot drops the entity', () => {
    const t = new SnapshotTracker(P);
    t.accept(frame('a', 'INITIALIZING'));
    t.accept(frame('x', 'INITIALIZING'));
    t.accept(frame('x', 'INITIALIZING', '', 'DELETE'));
    expect(t.frames).toBe(3);
    expect(t.size('agents')).toBe(1);
    const sync = t.finish();
    expect(sync).toHaveLength(2);
    expect(sync[0]).toMatchObject({ collection: 'agents', ids: ['a'] });
    expect(sync[1]).toMatchObject({ collection: 'queues', ids: [] });
    expect(t.finish()).toEqual([]);
    // After the end, INITIALIZING stragglers are plain updates.
    expect(t.accept(frame('z', 'INITIALIZING')).map((e) => e.type)).toEqual(['agent']);
  });

  it('an empty snapshot removes everything the producer reported, and nothing another producer reported', () => {
    const s = new LiveState();
    feed(s, [{ type: 'agent', id: 'a', set: {}, scope: P }, { type: 'agent', id: 'other', set: {}, scope: 'Other_producer' }]);
    feed(s, new SnapshotTracker(P).finish());
    expect([...s.agents.keys()]).toEqual(['av:other']);
  });
});
