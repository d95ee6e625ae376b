import { afterEach, describe, expect, it } from 'vitest';
import { FAST, pause, rig, TOKEN, waitFor, wolkvoxConfig, type Rig } from './wolkvox-harness';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

describe('One request at a time per Wolkvox token', () => {
  it('the simulator does see overlap when a client does not take turns (and refuses past 2)', async () => {
    r = await rig({ sim: { responseDelayMs: 150 } });
    const get = () => fetch(`${r!.sim.url}/api/v2/real_time.php?api=agents`, { headers: { 'wolkvox-token': TOKEN } }).then((x) => x.status);
    const statuses = await Promise.all([get(), get(), get()]);
    expect(statuses.sort()).toEqual([200, 200, 403]);
    expect(r.sim.stats(TOKEN)).toMatchObject({ maxConcurrent: 3, refusedSimultaneous: 1 });
  });

  it('a source and a "Test connection" on the same token never have two requests in flight', async () => {
    r = await rig({ sim: { responseDelayMs: 120 } });
    r.engine.start([wolkvoxConfig(r.sim.url)]);
    const tests = await Promise.all([r.engine.testSource(wolkvoxConfig(r.sim.url, { id: 'probe' })), r.engine.testSource(wolkvoxConfig(r.sim.url, { id: 'probe2' }))]);
    expect(tests.map((t) => t.ok)).toEqual([true, true]);
    await waitFor('the first round of polls', () => r!.sim.count() >= 5);
    expect(r.sim.stats(TOKEN)).toMatchObject({ maxConcurrent: 1, refusedSimultaneous: 0 });
    expect(r.source().status).toBe('live');
  });

  it('two sources sharing a token take turns; a third with another token runs beside them', async () => {
    const other = 'second-token-4d1e';
    r = await rig({ sim: { tokens: [TOKEN, other], responseDelayMs: 60 } });
    r.engine.start([
      wolkvoxConfig(r.sim.url, { id: 'a' }),
      wolkvoxConfig(r.sim.url, { id: 'b' }),
      wolkvoxConfig(r.sim.url, { id: 'c', token: other }),
    ]);
    // Both sources start together: six reports want the token at once.
    await waitFor('both shared sources polled', () => r!.sim.stats(TOKEN).requests >= 6 && r!.source('c').status === 'live');
    expect(r.sim.stats(TOKEN)).toMatchObject({ maxConcurrent: 1, refusedSimultaneous: 0 });
    expect(r.sim.stats(other).maxConcurrent).toBe(1);
    expect(r.source('a').status).toBe('live');
    expect(r.source('b').status).toBe('live');
    expect(r.source('c').status).toBe('live');
    const snap = r.engine.snapshot();
    expect(snap.agents.filter((x) => x.sourceId === 'a')).toHaveLength(3);
    expect(snap.agents.filter((x) => x.sourceId === 'b')).toHaveLength(3);
  });

  it('when the shared token is spent, every source on it pauses and no further request is sent', async () => {
    r = await rig({ sim: { quotaPerDay: 2 } });
    r.engine.start([wolkvoxConfig(r.sim.url, { id: 'a' }), wolkvoxConfig(r.sim.url, { id: 'b', poll: { ...FAST, agentsSec: 2 } })]);
    await waitFor('both paused', () => r!.source('a').status === 'degraded' && r!.source('b').status === 'degraded');
    const sent = r.sim.count();
    await pause(600);
    expect(r.sim.count()).toBe(sent);
    expect(r.sim.requests.filter((q) => q.status === 403)).toHaveLength(1);
    expect(r.source('b').lastError).toContain('TOKEN LIMIT EXCEEDED');
  });

  it('shows the token budget and warns in the log when the cadences exceed the licences', async () => {
    r = await rig();
    r.engine.start([wolkvoxConfig(r.sim.url, { licences: 10 })]);
    await waitFor('first poll', () => r!.source().status === 'live');
    expect(r.source().info).toMatchObject({ projectedUsesPerDay: 259_200, quotaPerDay: 10_000 });
    expect(String(r.source().info!.quotaWarning)).toContain('about 259200 uses per day but the quota is 10000');
    expect(r.log.lines.some((l) => / WARN .*Wolkvox token budget/.test(l))).toBe(true);
  });
});
