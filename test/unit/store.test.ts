import { describe, expect, it } from 'vitest';
import { LiveState } from '../../src/core/state/store';

const T0 = 1_800_000_000_000;

describe('LiveState', () => {
  it('merges agent updates and stamps stateSince only when the state changes', () => {
    const s = new LiveState();
    s.apply('wv', { type: 'agent', id: '1001', set: { name: 'Ana', state: 'available' } }, T0);
    s.apply('wv', { type: 'agent', id: '1001', set: { vendorState: 'Ready' } }, T0 + 5000);
    const a = s.agents.get('wv:1001')!;
    expect(a).toMatchObject({ key: 'wv:1001', sourceId: 'wv', vendorId: '1001', name: 'Ana', state: 'available', vendorState: 'Ready', stateSince: T0 });
    s.apply('wv', { type: 'agent', id: '1001', set: { state: 'on_call' } }, T0 + 9000);
    expect(s.agents.get('wv:1001')!.stateSince).toBe(T0 + 9000);
  });

  it('shows vendor names without control or bidi characters, and cuts very long ones', () => {
    const s = new LiveState();
    const changes: string[] = [];
    s.onChange((c, next) => changes.push(next && 'key' in next ? next.key : c));
    // A name that would show reversed ("Ana" then an override), a status with a line break, a huge name.
    s.apply('wv', { type: 'agent', id: '1001', set: { name: 'Ana \u202Egnol\u202C Ruiz\n2026-01-01 ERROR' } }, T0);
    expect(s.agents.get('wv:1001')).toMatchObject({ name: 'Ana gnol Ruiz 2026-01-01 ERROR' });
    s.apply('wv', { type: 'queue', id: '7', set: { name: 'Q'.repeat(100_000) } }, T0);
    const name = s.queues.get('wv:7')!.name;
    expect(name).toHaveLength(200);
    expect(name.endsWith('…')).toBe(true);
    // The same words again change nothing.
    const before = changes.length;
    s.apply('wv', { type: 'agent', id: '1001', set: { name: 'Ana \u202Egnol\u202C Ruiz\n2026-01-01 ERROR' } }, T0 + 1000);
    s.apply('wv', { type: 'queue', id: '7', set: { name: 'Q'.repeat(100_000) } }, T0 + 1000);
    expect(changes.length).toBe(before);
    // Names in any script are left as they are.
    s.apply('wv', { type: 'agent', id: '1002', set: { name: 'Анна Смирнова — «Продажи»' } }, T0);
    expect(s.agents.get('wv:1002')!.name).toBe('Анна Смирнова — «Продажи»');
  });

  it('counts waiting calls, keeps the earliest entry on replay and ticks the longest wait', () => {
    const s = new LiveState();
    s.apply('ax', { type: 'call.enter', queueId: '7', callId: 'c1', enteredAt: T0 - 30_000 }, T0);
    s.apply('ax', { type: 'call.enter', queueId: '7', callId: 'c2', enteredAt: T0 - 5_000 }, T0);
    s.apply('ax', { type: 'call.enter', queueId: '7', callId: 'c1', enteredAt: T0 - 10_000 }, T0); // replay after reconnect
    expect(s.queues.get('ax:7')).toMatchObject({ waiting: 2, longestWaitSec: 30 });
    s.tick(T0 + 15_000);
    expect(s.queues.get('ax:7')!.longestWaitSec).toBe(45);
    s.apply('ax', { type: 'call.leave', queueId: '7', callId: 'c1' }, T0 + 15_000);
    expect(s.queues.get('ax:7')).toMatchObject({ waiting: 1, longestWaitSec: 20 });
    s.apply('ax', { type: 'call.leave', queueId: '7', callId: 'unknown' }, T0 + 15_000);
    expect(s.queues.get('ax:7')!.waiting).toBe(1);
  });

  it('tells each change listener of every change in order, and no longer once it unsubscribes', () => {
    const s = new LiveState();
    const heard: string[] = [];
    let offB: () => void = () => undefined;
    const offA = s.onChange((c, next) => {
      heard.push(`A ${c} ${next && 'key' in next ? next.key : '-'}`);
      offB(); // unsubscribing during a change: B still hears this one, not the next
    });
    offB = s.onChange((c, next) => heard.push(`B ${c} ${next && 'key' in next ? next.key : '-'}`));
    s.apply('ax', { type: 'call.enter', queueId: '7', callId: 'c1', enteredAt: T0 }, T0);
    s.apply('ax', { type: 'call.leave', queueId: '7', callId: 'c1' }, T0);
    offA();
    s.apply('ax', { type: 'call.enter', queueId: '7', callId: 'c2', enteredAt: T0 }, T0);
    expect(heard).toEqual(['A queues ax:7', 'B queues ax:7', 'A queues ax:7']);
    expect(s.queues.get('ax:7')!.waiting).toBe(1);
  });

  it('keeps the last good waiting count when the vendor sends an unusable one', () => {
    const s = new LiveState();
    s.apply('wv', { type: 'queue', id: 's1', set: { waiting: 4, kind: 'skill' } }, T0);
    s.apply('wv', { type: 'queue', id: 's1', set: { waiting: null } }, T0);
    s.apply('wv', { type: 'queue', id: 's1', set: { waiting: -3 } }, T0);
    expect(s.queues.get('wv:s1')).toMatchObject({ waiting: 4, kind: 'skill' });
  });

  it('sync removes what a feed no longer reports, but not what another feed still reports', () => {
    const s = new LiveState();
    s.apply('wv', { type: 'agent', id: '1', set: {}, scope: 'latency' }, T0);
    s.apply('wv', { type: 'agent', id: '2', set: {}, scope: 'latency' }, T0);
    s.apply('wv', { type: 'agent', id: '2', set: {}, scope: 'agents' }, T0);
    s.apply('wv', { type: 'sync', collection: 'agents', scope: 'latency', ids: [] }, T0);
    expect([...s.agents.keys()]).toEqual(['wv:2']);
  });

  it("a feed's removal takes an entity away only once no other feed of its source reports it", () => {
    const s = new LiveState();
    s.apply('av', { type: 'queue', id: 'EMAIL', set: { name: 'Email' }, scope: 'Queue_itd_1.0.0' }, T0);
    s.apply('av', { type: 'queue', id: 'EMAIL', set: { waiting: 3 }, scope: 'RoutingService_itd_1.0.0' }, T0);
    s.apply('av', { type: 'queue.remove', id: 'EMAIL', scope: 'RoutingService_itd_1.0.0' }, T0);
    expect(s.queues.get('av:EMAIL')).toMatchObject({ name: 'Email' });
    s.apply('av', { type: 'queue.remove', id: 'EMAIL', scope: 'Queue_itd_1.0.0' }, T0);
    expect(s.queues.has('av:EMAIL')).toBe(false);
    // Without a feed named, the entity goes at once.
    s.apply('av', { type: 'agent', id: '7', set: {}, scope: 'Agent_itd_1.0.0' }, T0);
    s.apply('av', { type: 'agent.remove', id: '7' }, T0);
    expect(s.agents.has('av:7')).toBe(false);
  });

  it('coalesces changes into one patch with whole entities and removals', () => {
    const s = new LiveState();
    s.apply('a', { type: 'agent', id: '1', set: { state: 'available' } }, T0);
    s.apply('a', { type: 'agent', id: '1', set: { state: 'paused' } }, T0);
    s.apply('a', { type: 'agent', id: '2', set: {} }, T0);
    s.apply('a', { type: 'agent.remove', id: '2' }, T0);
    const p = s.takePatch(T0, () => undefined)!;
    expect(p.upsert.agents).toHaveLength(1);
    expect(p.upsert.agents![0]).toMatchObject({ key: 'a:1', state: 'paused' });
    expect(p.remove.agents).toEqual(['a:2']);
    expect(p.upsert.queues).toBeUndefined();
    expect(s.takePatch(T0, () => undefined)).toBeNull();
  });

  it('removing a source removes every entity it reported', () => {
    const s = new LiveState();
    s.upsertSource({ id: 'a', vendor: 'axialys', name: 'A', status: 'live', lastEventAt: null, lastError: null });
    s.apply('a', { type: 'agent', id: '1', set: {} }, T0);
    s.apply('a', { type: 'call.enter', queueId: 'q', callId: 'c', enteredAt: T0 }, T0);
    s.apply('b', { type: 'agent', id: '1', set: {} }, T0);
    s.removeSource('a');
    expect([...s.agents.keys()]).toEqual(['b:1']);
    expect(s.queues.size).toBe(0);
    expect(s.sources.size).toBe(0);
  });
});
