import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_ITD } from '../../src/simulators/avaya';
import { pause, startHarness, waitFor, waitLive, type Harness } from './avaya-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

describe('Avaya AXP connector: staying alive', () => {
  it('renews each subscription with a fresh token before it expires, without reconnecting', async () => {
    h = await startHarness({ sim: { tokenLifetimeSec: 2 } });
    await waitLive(h);
    const ours = [...h.sim.created];
    await pause(4_500);
    expect(h.source().status).toBe('live');
    // The simulator closes a socket whose subscription lapses: two sockets means none did.
    expect(h.sim.connectionCount).toBe(2);
    for (const id of ours) {
      const renewals = h.sim.renewals.filter((r) => r.id === id);
      expect(renewals.length).toBeGreaterThanOrEqual(2);
      // Each renewal used a token issued after the one before it.
      const issued = renewals.map((r) => h!.sim.tokens.findIndex((t) => t.value === r.token));
      for (let i = 1; i < issued.length; i++) expect(issued[i]).toBeGreaterThan(issued[i - 1]!);
      const firstRenewal = renewals[0]!.at - h.sim.tokens[0]!.issuedAt;
      expect(firstRenewal).toBeGreaterThan(1_000);
      expect(firstRenewal).toBeLessThan(2_000);
    }
    // Tokens are refreshed, not hammered: about one per 80 % of a lifetime.
    expect(h.sim.tokens.length).toBeLessThanOrEqual(6);
    expect(h.sim.created).toEqual(ours);
    // Live data still flows after the renewals.
    h.sim.setAgent('a1', { name: 'Ana Torres', state: 'BUSY' });
    await waitFor(() => h!.engine.snapshot().agents.find((a) => a.key === 'av:a1')?.state === 'on_call', 'a delta after renewals');
  });

  it('a half-open connection (no pong) is terminated and reconnected', async () => {
    h = await startHarness({ config: { pingSec: 1 } });
    await waitLive(h);
    await waitFor(() => h!.sim.pings.length >= 2, 'pings every second');
    h.sim.answerPings = false;
    await waitFor(() => h!.history.some((s) => s.status === 'degraded' && /did not answer a heartbeat within 1 s/.test(s.lastError ?? '')), 'the heartbeat timeout', 6_000);
    h.sim.answerPings = true;
    await waitFor(() => h!.sim.connectionCount >= 4 && h!.source().status === 'live', 'the reconnection');
    expect(h.sim.created).toHaveLength(2);
    expect(h.engine.snapshot().agents).toHaveLength(3);
  });

  it('resume from sleep pings at once', async () => {
    h = await startHarness();
    await waitLive(h);
    expect(h.sim.pings).toHaveLength(0);
    h.engine.checkAll();
    await waitFor(() => h!.sim.pings.length === 2, 'one immediate ping per socket');
  });

  it('waits out a PENDING subscription and says so', async () => {
    h = await startHarness({ start: false });
    h.sim.pendingPolls = 4;
    h.engine.start([h.config]);
    await waitLive(h);
    expect(h.history.some((s) => s.status === 'degraded' && s.lastError?.includes('waiting for the subscription to become ACTIVE'))).toBe(true);
    expect(h.history.some((s) => s.status === 'degraded' && s.problem?.code === 'subscription_pending')).toBe(true);
    const polls = h.sim.requests.filter((r) => r.route === 'getSubscription');
    expect(polls).toHaveLength(8);
  });

  it('a subscription that stays PENDING leaves the source degraded with a bounded poll', async () => {
    h = await startHarness({ start: false, timings: { pendingMaxMs: 500 } });
    h.sim.pendingPolls = Infinity;
    h.engine.start([h.config]);
    await waitFor(() => h!.history.some((s) => /stayed PENDING/.test(s.lastError ?? '')), 'the PENDING limit');
    const at = h.sim.requests.filter((r) => r.route === 'getSubscription').length;
    await pause(1_000);
    const later = h.sim.requests.filter((r) => r.route === 'getSubscription').length;
    // 100 ms polls for at most 500 ms per attempt, with backoff between attempts.
    expect(later - at).toBeLessThanOrEqual(22);
    expect(h.source().status).toBe('degraded');
    expect(h.sim.created).toHaveLength(2); // the same subscriptions are waited for again
    h.sim.pendingPolls = 0;
    for (const s of h.sim.subscriptions.values()) s.status = 'ACTIVE';
    await waitLive(h);
  });

  it('stop deletes exactly our subscriptions and closes the sockets', async () => {
    h = await startHarness({ start: false });
    const foreign = h.sim.addForeignSubscription(AGENT_ITD);
    h.engine.start([h.config]);
    await waitLive(h);
    const ours = [...h.sim.created];
    const t0 = Date.now();
    await h.engine.stop();
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect([...h.sim.deletes].sort()).toEqual([...ours].sort());
    expect(h.sim.deletes).not.toContain(foreign);
    expect(h.sim.subscriptions.get(foreign)!.deleted).toBe(false);
    await waitFor(() => h!.sim.connections.size === 0, 'sockets closed');
    expect(h.source().status).toBe('stopped');
    expect(h.sim.requests.filter((r) => r.method === 'DELETE').every((r) => r.appKey === h!.sim.appKey && r.token)).toBe(true);
  });

  it('stop finishes within ~3 s even when the server is slow to delete', async () => {
    h = await startHarness();
    await waitLive(h);
    h.sim.delays.delete = 10_000;
    const t0 = Date.now();
    await h.engine.stop();
    const took = Date.now() - t0;
    expect(took).toBeLessThan(3_200);
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(h.sim.requests.filter((r) => r.route === 'delete')).toHaveLength(2);
    expect(h.logger.lines.some((l) => l.includes('will expire on its own'))).toBe(true);
  });

  it('a subscription lost at renewal is replaced and its producer resnapshots', async () => {
    h = await startHarness({ sim: { tokenLifetimeSec: 2 } });
    await waitLive(h);
    h.sim.failNext('renew', 404, undefined, 1);
    const failed = await waitFor(() => h!.sim.requests.find((r) => r.route === 'renew'), 'the first renewal', 4_000);
    const lostId = decodeURIComponent(failed.path.split('/').pop()!.replace(/:renew$/, ''));
    await waitFor(() => h!.sim.created.length === 3, 'a replacement subscription', 6_000);
    await waitFor(() => h!.source().status === 'live' && h!.sim.confirmedConnections() === 2, 'live again');
    const connected = [...h.sim.connections].filter((c) => c.confirmed).map((c) => c.subscriptionId);
    expect(connected).toContain(h.sim.created[2]);
    expect(connected).not.toContain(lostId);
    expect(h.sim.deletes).toHaveLength(0);
    expect(h.engine.snapshot().agents).toHaveLength(3);
    expect(h.engine.snapshot().queues.map((q) => q.key)).toEqual(['av:q1']);
  });
});
