import { describe, expect, it } from 'vitest';
import { EntityKeys } from '../../src/core/state/keys';
import { LiveState } from '../../src/core/state/store';
import { entityKey } from '../../src/shared/model';

describe('EntityKeys', () => {
  it("gives the entity key of a source's vendor id, the same string each time, per source", () => {
    const keys = new EntityKeys();
    const a = keys.of('ax', '5001');
    expect(a).toBe(entityKey('ax', '5001'));
    expect(keys.of('ax', `${5000 + 1}`)).toBe(a);
    expect(keys.of('wv', '5001')).toBe('wv:5001');
    expect(keys.of('ax', '5002')).toBe('ax:5002');
  });

  it('stays within its bound and forgets a removed source', () => {
    const keys = new EntityKeys(3);
    for (let i = 0; i < 10; i++) expect(keys.of('s', String(i))).toBe(`s:${i}`);
    expect((keys as unknown as { bySource: Map<string, Map<string, string>> }).bySource.get('s')!.size).toBeLessThanOrEqual(3);
    keys.of('t', '1');
    keys.forget('t');
    expect((keys as unknown as { bySource: Map<string, unknown> }).bySource.has('t')).toBe(false);
    expect(keys.of('t', '1')).toBe('t:1');
  });

  it("is how the live state names entities: an entity's key is the string its later events find it by", () => {
    const s = new LiveState();
    s.apply('ax', { type: 'agent', id: '7', set: { name: 'A' } }, 1000);
    s.apply('ax', { type: 'call.enter', queueId: '391', callId: 'c1', enteredAt: 1000 }, 1000);
    const agent = s.agents.get('ax:7')!;
    const queue = s.queues.get('ax:391')!;
    s.apply('ax', { type: 'agent', id: '7', set: { state: 'available' } }, 2000);
    s.apply('ax', { type: 'call.leave', queueId: '391', callId: 'c1' }, 2000);
    expect(s.agents.get('ax:7')!.key).toBe(agent.key);
    expect(s.agents.get('ax:7')!.state).toBe('available');
    expect(s.queues.get('ax:391')).toMatchObject({ key: queue.key, waiting: 0 });
    // A removed source's entities come back under the same keys when it reports them again.
    s.removeSource('ax');
    expect(s.agents.size).toBe(0);
    s.apply('ax', { type: 'agent', id: '7', set: { name: 'A again' } }, 3000);
    expect(s.agents.get('ax:7')).toMatchObject({ key: 'ax:7', name: 'A again' });
  });
});
