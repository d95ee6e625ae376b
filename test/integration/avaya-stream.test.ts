import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_ITD, QUEUE_ITD } from '../../src/simulators/avaya';
import { pause, startHarness, waitFor, waitLive, type Harness } from './avaya-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

const agent = (id: string) => h!.engine.snapshot().agents.find((a) => a.key === `av:${id}`);
const queue = (id: string) => h!.engine.snapshot().queues.find((q) => q.key === `av:${id}`);

describe('Avaya AXP connector: data over the real WebSocket', () => {
  it('shows the snapshot, then applies live deltas and DELETEs', async () => {
    h = await startHarness();
    await waitLive(h);
    expect(agent('a1')).toMatchObject({ name: 'Ana Torres', state: 'available', vendorState: 'READY', pauseReason: null });
    expect(agent('a2')).toMatchObject({ name: 'Bruno Martin', state: 'paused', pauseReason: 'Lunch' });
    expect(agent('a3')).toMatchObject({ state: 'on_call', vendorState: 'BUSY' });
    expect(Math.abs(agent('a3')!.stateSince! - (Date.now() - 30_000))).toBeLessThan(5_000);
    // Measures the model has no field for are kept, labelled by the producer's display names; instants
    // (epoch ms) and durations (seconds) under a key marked with their unit.
    const extra = agent('a1')!.extra!;
    expect(extra).toMatchObject({ 'User Status': 'Live', 'Time on Hold [s]': 0, 'Login Id': 'ana.torres@example.com' });
    const loggedIn = extra['Logged In Since [epoch ms]'] as number;
    expect(Math.abs(loggedIn + (extra['Logon Duration [s]'] as number) * 1000 - Date.now())).toBeLessThan(10_000);
    expect(extra).not.toHaveProperty('Logged In Since');
    expect(extra).not.toHaveProperty('Logon Duration');
    expect(queue('q1')).toMatchObject({ name: 'Sales', kind: 'queue', waiting: 3, offered: 20, answered: 15, abandoned: 2, extra: { Completed: 14 } });
    const src = h.source();
    expect(src.mode).toContain('WebSocket');
    expect(src.info).toMatchObject({ account: h.sim.accountId, 'producer.Agent_itd_1.0.0': 14, 'producer.Queue_itd_1.0.0': 13 });
    expect(String(src.info![`subscription.${AGENT_ITD}`])).toContain('ACTIVE');

    const since = Date.now() - 1_000;
    h.sim.setAgent('a1', { name: 'Ana Torres', state: 'ACW', since });
    h.sim.setAgent('a4', { name: 'Dmitri Volkov', state: 'ALERTING' });
    h.sim.setQueue('q1', { name: 'Sales', queueing: 6, offered: 23, answered: 16, completed: 15, abandoned: 2 });
    await waitFor(() => agent('a1')?.state === 'wrap_up' && agent('a4') && queue('q1')?.waiting === 6, 'live deltas');
    expect(agent('a1')!.stateSince).toBe(since);
    expect(agent('a4')).toMatchObject({ name: 'Dmitri Volkov', state: 'ringing' });

    h.sim.remove(AGENT_ITD, { agentId: 'a2' });
    h.sim.remove(QUEUE_ITD, { queueId: 'q1' });
    await waitFor(() => !agent('a2') && !queue('q1'), 'DELETE to remove the agent and the queue');
    expect(h.engine.snapshot().agents.map((a) => a.key).sort()).toEqual(['av:a1', 'av:a3', 'av:a4']);
  });

  it('a new snapshot after a reconnect replaces the old entities, without duplicates or new subscriptions', async () => {
    h = await startHarness();
    await waitLive(h);
    expect(h.sim.created).toHaveLength(2);
    // While the connection is down a3 leaves (no DELETE reaches us) and a5 arrives.
    h.sim.remove(AGENT_ITD, { agentId: 'a3' }, true);
    h.sim.setAgent('a5', { name: 'Elena Rossi', state: 'READY' }, true);
    h.sim.setAgent('a1', { name: 'Ana Torres', state: 'NOT_READY', reason: 'Training' }, true);
    h.sim.dropConnections();
    await waitFor(() => h!.sim.connectionCount >= 4 && h!.sim.confirmedConnections() === 2, 'the reconnection');
    await waitFor(() => !agent('a3') && agent('a5'), 'the new snapshot to replace the old one');
    const keys = h.engine.snapshot().agents.map((a) => a.key).sort();
    expect(keys).toEqual(['av:a1', 'av:a2', 'av:a5']);
    expect(agent('a1')).toMatchObject({ state: 'paused', pauseReason: 'Training' });
    expect(queue('q1')).toMatchObject({ waiting: 3 });
    await waitFor(() => h!.source().status === 'live', 'live again');
    expect(h.sim.created).toHaveLength(2);
    expect(h.sim.deletes).toHaveLength(0);
  });

  it('counts malformed frames and unknown events while the source stays live and keeps its state', async () => {
    h = await startHarness();
    await waitLive(h);
    const before = h.source().counters!;
    h.sim.sendRaw(AGENT_ITD, 'this is not json');
    h.sim.sendRaw(AGENT_ITD, '[1,2]');
    h.sim.sendRaw(AGENT_ITD, JSON.stringify({ keys: {}, measures: { agentState: 'READY' } }));
    h.sim.sendRaw(AGENT_ITD, JSON.stringify({ keys: 'a1', measures: 5 }));
    h.sim.sendRaw(QUEUE_ITD, JSON.stringify({ event: 'subscriptionStatusChanged', status: 'ACTIVE' }));
    h.sim.setAgent('a2', { name: 'Bruno Martin', state: 'READY' });
    await waitFor(() => agent('a2')?.state === 'available', 'the valid frame after the bad ones');
    const after = h.source().counters!;
    expect(after.rejected - before.rejected).toBe(4);
    expect(after.unknown - before.unknown).toBe(1);
    expect(h.source().status).toBe('live');
    expect(h.engine.snapshot().agents).toHaveLength(3);
    expect(h.sim.connectionCount).toBe(2);
    expect(h.logger.lines.some((l) => l.includes('rejected input') && l.includes('not JSON'))).toBe(true);
  });

  it('a frame over 1 MB is counted as rejected; its stream is opened again and what is known stays', async () => {
    h = await startHarness();
    await waitLive(h);
    const before = h.source().counters!.rejected;
    const agents = h.engine.snapshot().agents.length;
    h.sim.sendRaw(AGENT_ITD, JSON.stringify({ keys: { agentId: 'a1' }, measures: { note: 'A'.repeat(1_100_000) } }));
    await waitFor(() => h!.source().counters!.rejected === before + 1, 'the refusal counted');
    expect(h.logger.lines.some((l) => /rejected input: \S+: a frame larger than 1 MB, not read; reconnecting/.test(l))).toBe(true);
    await waitFor(() => h!.source().status === 'live' && h!.sim.connectionCount >= 2, 'live again');
    expect(h.engine.snapshot().agents).toHaveLength(agents);
  });

  it('accepts the production spelling AUTHENTICATION_RESPONSE', async () => {
    h = await startHarness({ start: false });
    h.sim.authResponseEvent = 'AUTHENTICATION_RESPONSE';
    h.engine.start([h.config]);
    await waitLive(h);
    expect(h.source().counters!.unknown).toBe(0);
  });

  it('an empty snapshot ends after the quiet period and removes what the producer no longer has', async () => {
    h = await startHarness();
    await waitLive(h);
    for (const id of ['a1', 'a2', 'a3']) h.sim.remove(AGENT_ITD, { agentId: id }, true);
    h.sim.dropConnections();
    await waitFor(() => h!.engine.snapshot().agents.length === 0, 'the empty snapshot to clear the agents');
    expect(queue('q1')).toBeTruthy();
    await pause(100);
    expect(h.source().status).toBe('live');
  });

  it('never writes a secret or a token to the log or the snapshot', async () => {
    h = await startHarness({ sim: { tokenLifetimeSec: 2 } });
    await waitLive(h);
    h.sim.sendRaw(AGENT_ITD, JSON.stringify({ keys: {}, token: h.sim.tokens[0]!.value }));
    h.sim.authStatuses.push('CONNECTION_FAILED_INVALID_TOKEN');
    h.sim.dropConnections();
    await waitFor(() => h!.sim.renewals.length >= 2 && h!.source().status === 'live', 'renewals and a reconnect');
    await h.engine.stop();
    const secrets = [h.sim.clientSecret, h.sim.appKey, ...h.sim.tokens.map((t) => t.value)];
    const text = `${h.logger.lines.join('\n')}\n${JSON.stringify(h.engine.snapshot())}`;
    expect(h.logger.lines.length).toBeGreaterThan(5);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
