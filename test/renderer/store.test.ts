import { describe, expect, it, vi } from 'vitest';
import { ClientStore } from '../../src/renderer/bridge/store';
import { readPatch, readSnapshot, rejections } from '../../src/renderer/bridge/validate';
import { agent, alert, logEntry, snapshot, source, T0 } from './helpers/model';

function manualStore() {
  const frames: (() => void)[] = [];
  const store = new ClientStore((fn) => frames.push(fn));
  const runFrame = () => frames.splice(0).forEach((f) => f());
  return { store, runFrame, frames };
}

describe('ClientStore', () => {
  it('publishes a burst of patches once per frame, per topic', () => {
    const { store, runFrame } = manualStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.applySnapshot(snapshot({ agents: [agent('wv', '1')] }), T0);
    runFrame();
    expect(listener).toHaveBeenCalledTimes(1);
    const agentsV = store.version('agents');
    const queuesV = store.version('queues');
    for (let i = 0; i < 50; i++) store.applyPatch({ type: 'patch', at: T0 + i, upsert: { agents: [agent('wv', String(i))] }, remove: {} }, T0 + i);
    expect(store.version('agents')).toBe(agentsV); // not published before the frame
    runFrame();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.version('agents')).toBeGreaterThan(agentsV);
    expect(store.version('queues')).toBe(queuesV);
    expect(store.agents.size).toBe(50);
  });

  it('removes by key and replaces everything on a new snapshot (reconnect)', () => {
    const { store } = manualStore();
    store.applySnapshot(snapshot({ agents: [agent('wv', '1'), agent('wv', '2')] }), T0);
    store.applyPatch({ type: 'patch', at: T0 + 1, upsert: {}, remove: { agents: ['wv:1'] } }, T0 + 1);
    expect([...store.agents.keys()]).toEqual(['wv:2']);
    store.applySnapshot(snapshot({ agents: [agent('ax', '9')] }), T0 + 2);
    expect([...store.agents.keys()]).toEqual(['ax:9']);
  });

  it('buffers patches that arrive before the first snapshot and keeps only the newer ones', () => {
    const { store } = manualStore();
    store.applyPatch({ type: 'patch', at: T0 - 10, upsert: { agents: [agent('wv', 'old')] }, remove: {} });
    store.applyPatch({ type: 'patch', at: T0 + 10, upsert: { agents: [agent('wv', 'new')] }, remove: {} });
    expect(store.agents.size).toBe(0);
    store.applySnapshot(snapshot({ at: T0 }), T0);
    expect([...store.agents.keys()]).toEqual(['wv:new']);
  });

  it('announces critical alerts that start firing, not those already firing or acknowledged', () => {
    const { store } = manualStore();
    const raised = vi.fn();
    store.onCriticalRaised(raised);
    store.applySnapshot(snapshot({ alerts: [alert('a1')] }), T0);
    store.applyPatch({ type: 'patch', at: T0 + 1, upsert: { alerts: [alert('a1', { value: 500 }), alert('a2', { severity: 'warning' }), alert('a3', { acknowledged: true })] }, remove: {} });
    expect(raised).not.toHaveBeenCalled();
    store.applyPatch({ type: 'patch', at: T0 + 2, upsert: { alerts: [alert('a4', { state: 'pending' })] }, remove: {} });
    store.applyPatch({ type: 'patch', at: T0 + 3, upsert: { alerts: [alert('a4')] }, remove: {} });
    expect(raised).toHaveBeenCalledTimes(1);
    expect(raised.mock.calls[0]![0].id).toBe('a4');
  });

  it('keeps a bounded event log, oldest first', () => {
    const { store } = manualStore();
    store.applySnapshot(snapshot({ log: [logEntry(1)] }), T0);
    store.applyPatch({ type: 'patch', at: T0 + 1, upsert: {}, remove: {}, log: Array.from({ length: 2500 }, (_, i) => logEntry(i + 2)) });
    expect(store.log).toHaveLength(2000);
    expect(store.log[0]!.id).toBe(502);
    expect(store.log.at(-1)!.id).toBe(2501);
  });

  it('puts older lines before the first one held, the newest of them when room is short', () => {
    const { store } = manualStore();
    store.prependLog([logEntry(1)]); // before any snapshot: nothing to put them before
    expect(store.log).toEqual([]);
    store.applySnapshot(snapshot({ log: Array.from({ length: 1990 }, (_, i) => logEntry(i + 101)) }), T0);
    store.prependLog(Array.from({ length: 120 }, (_, i) => logEntry(120 - i))); // 1..120, newest first, 101..120 already held
    expect(store.log).toHaveLength(2000);
    expect(store.log.slice(0, 11).map((e) => e.id)).toEqual([91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101]);
    store.prependLog([logEntry(5)]); // full: kept as it is
    expect(store.log[0]!.id).toBe(91);
  });

  it('tracks the host clock from message stamps', () => {
    const { store } = manualStore();
    store.applySnapshot(snapshot({ at: T0 + 5000 }), T0); // host is 5 s ahead
    store.applyPatch({ type: 'patch', at: T0 + 5100, upsert: {}, remove: {} }, T0 + 200); // 100 ms transit
    vi.useFakeTimers({ toFake: ['Date'], now: T0 + 1000 });
    expect(store.now()).toBe(T0 + 6000);
    vi.useRealTimers();
  });
});

describe('validation of host messages', () => {
  it('drops a malformed entity on its own and keeps the rest of the batch', () => {
    const before = rejections.count;
    const p = readPatch({ type: 'patch', at: T0, upsert: { agents: [agent('wv', '1'), { key: 'x', state: 'dancing' }], sources: [source('wv')] }, remove: { queues: ['wv:q', 7] } });
    expect(p!.upsert.agents!.map((a) => a.key)).toEqual(['wv:1']);
    expect(p!.upsert.sources).toHaveLength(1);
    expect(p!.remove.queues).toBeUndefined();
    expect(rejections.count).toBe(before + 2);
  });

  it('keeps a log entry whose words are unusable, with its English text', () => {
    const before = rejections.count;
    const p = readPatch({ type: 'patch', at: T0, upsert: {}, remove: {}, log: [logEntry(1, { text: 'Anna logged in' }), { ...logEntry(2, { text: 'Boris logged in' }), said: [{ code: 'agent_login', params: { name: { nested: true } } }] }, { id: 3 }] });
    expect(p!.log!.map((e) => [e.text, e.said ?? null])).toEqual([
      ['Anna logged in', null],
      ['Boris logged in', null],
    ]);
    expect(rejections.count).toBe(before + 1); // the entry without a text
  });

  it('refuses snapshots and patches without a time stamp', () => {
    expect(readSnapshot({ agents: [] })).toBeNull();
    expect(readPatch('nonsense')).toBeNull();
    expect(readSnapshot({ at: T0 })!.agents).toEqual([]);
  });
});

describe('IPC client', () => {
  it('asks for the first snapshot again while the host is not ready', async () => {
    const { createClient } = await import('../../src/renderer/bridge/client');
    const { FakeBridge } = await import('./helpers/bridge');
    const fake = new FakeBridge(snapshot({ agents: [agent('wv', '1')] }));
    let calls = 0;
    fake.handle('snapshot:get', () => {
      if (++calls < 3) throw new Error('engine starting');
      return fake.snapshot;
    });
    const client = createClient({ mode: 'ipc', api: fake, store: new ClientStore((fn) => fn()) });
    await vi.waitFor(() => expect(client.store.agents.size).toBe(1), { timeout: 5000 });
    expect(calls).toBe(3);
    client.stop();
  });
});
