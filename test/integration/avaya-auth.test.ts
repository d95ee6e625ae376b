import { afterEach, describe, expect, it } from 'vitest';
import { pause, startHarness, waitFor, waitLive, type Harness } from './avaya-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

const authAttempts = () => h!.sim.authMessages.length;

describe('Avaya AXP connector: authentication statuses and errors', () => {
  it('INVALID_TOKEN: fetches a new token and reconnects with it', async () => {
    h = await startHarness({ start: false });
    h.sim.authStatuses.push('CONNECTION_FAILED_INVALID_TOKEN');
    h.engine.start([h.config]);
    await waitLive(h);
    expect(h.sim.tokens).toHaveLength(2);
    const refused = h.sim.authMessages[0]!;
    expect(refused.status).toBe('CONNECTION_FAILED_INVALID_TOKEN');
    const confirmed = h.sim.authMessages.filter((m) => m.status === 'CONNECTION_CONFIRMED');
    expect(confirmed.length).toBeGreaterThanOrEqual(2);
    // The connections now up authenticated with the new token.
    expect(confirmed.slice(-2).map((m) => m.token)).toEqual([h.sim.tokens[1]!.value, h.sim.tokens[1]!.value]);
    expect(h.sim.created).toHaveLength(2);
    expect(h.history.some((s) => s.lastError?.includes('refused the access token'))).toBe(true);
  });

  it('UNKNOWN_SUBSCRIPTION: creates a new subscription for that producer only', async () => {
    h = await startHarness({ start: false });
    h.sim.authStatuses.push('CONNECTION_FAILED_UNKNOWN_SUBSCRIPTION');
    h.engine.start([h.config]);
    await waitLive(h);
    expect(h.sim.created).toHaveLength(3);
    const unknown = h.sim.authMessages[0]!.subscriptionId;
    const live = [...h.sim.connections].filter((c) => c.confirmed).map((c) => c.subscriptionId);
    expect(live).not.toContain(unknown);
    expect(live).toContain(h.sim.created[2]);
    // The unknown one is not ours to delete any more; the current ones are deleted at stop.
    await h.engine.stop();
    expect(h.sim.deletes.sort()).toEqual(h.sim.created.filter((id) => id !== unknown).sort());
  });

  it('INTERNAL_SERVER_ERROR: retries with backoff, not in a storm, and recovers', async () => {
    h = await startHarness({ start: false });
    h.sim.authStatuses.push(...Array(50).fill('CONNECTION_FAILED_INTERNAL_SERVER_ERROR'));
    h.engine.start([h.config]);
    await waitFor(() => h!.source().lastError?.includes('internal server error'), 'the error to show');
    expect(h.source().status).toBe('down');
    const t0 = authAttempts();
    await pause(1_500);
    // Backoff 100 ms doubling to 800 ms: a handful of attempts (two sockets each), not hundreds.
    expect(authAttempts() - t0).toBeLessThanOrEqual(16);
    expect(authAttempts() - t0).toBeGreaterThanOrEqual(1);
    h.sim.authStatuses.length = 0;
    await waitLive(h);
    expect(h.sim.created).toHaveLength(2);
  });

  it('CONSTRAINT_VIOLATION: a configuration error that stops retrying', async () => {
    h = await startHarness({ start: false });
    h.sim.authStatuses.push('CONNECTION_FAILED_CONSTRAINT_VIOLATION');
    h.engine.start([h.config]);
    await waitFor(() => h!.source().status === 'down' && h!.source().lastError?.includes('CONSTRAINT_VIOLATION'), 'the configuration error');
    expect(h.source().lastError).toContain('check the account id and the measure producer');
    expect(h.source().problem).toEqual({ code: 'config_refused', params: {} });
    const n = h.sim.connectionCount;
    const requests = h.sim.requests.length;
    await pause(1_000);
    expect(h.sim.connectionCount).toBe(n);
    expect(h.sim.requests.length).toBe(requests);
    expect(h.source().status).toBe('down');
  });

  it('wrong client secret: auth_failed after one token request, with the OAuth error shown', async () => {
    h = await startHarness({ config: { clientSecret: 'wrong-secret-value' } });
    await waitFor(() => h!.source().status === 'auth_failed', 'auth_failed');
    expect(h.source().lastError).toContain('401 invalid_client: Invalid client or Invalid client credentials');
    expect(h.source().lastError).toContain('check the client id, client secret and app key');
    expect(h.source().problem).toEqual({ code: 'auth_refused', params: {} });
    await pause(800);
    expect(h.sim.requests.filter((r) => r.route === 'token')).toHaveLength(1);
    expect(h.logger.lines.join('\n')).not.toContain('wrong-secret-value');
  });

  it('a problem+json refusal of the subscription shows its title and detail', async () => {
    h = await startHarness({ start: false });
    h.sim.failNext('createSubscription', 403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Client is not allowed to subscribe to ANALYTICS' });
    h.engine.start([h.config]);
    await waitFor(() => h!.source().status === 'auth_failed', 'auth_failed');
    expect(h.source().lastError).toContain('creating the subscription for');
    expect(h.source().lastError).toContain('403 Forbidden: Client is not allowed to subscribe to ANALYTICS');
    expect(h.source().problem).toEqual({ code: 'permission_refused', params: {} });
    await pause(500);
    expect(h.sim.requests.filter((r) => r.route === 'createSubscription').length).toBeLessThanOrEqual(2);
  });

  it('an unknown account id is a configuration error', async () => {
    h = await startHarness({ config: { accountId: 'ZZZZZZ' } });
    await waitFor(() => h!.source().status === 'down' && h!.source().lastError, 'the error');
    expect(h.source().lastError).toContain('not found');
    expect(h.source().lastError).toContain('account id');
    expect(h.source().problem).toEqual({ code: 'not_found', params: {} });
  });

  it('a token endpoint outage is retried with backoff and recovers', async () => {
    h = await startHarness({ start: false });
    h.sim.failNext('token', 503, undefined, 3);
    h.engine.start([h.config]);
    await waitLive(h);
    expect(h.history.some((s) => s.status === 'down' && s.lastError?.includes('503'))).toBe(true);
    expect(h.history.some((s) => s.status === 'down' && s.problem?.code === 'server_error' && s.problem.params.status === 503)).toBe(true);
    expect(h.sim.requests.filter((r) => r.route === 'token')).toHaveLength(4);
  });

  it('Test connection signs in and reads the producers without subscribing', async () => {
    h = await startHarness({ start: false });
    const ok = await h.engine.testSource(h.config);
    expect(ok.ok).toBe(true);
    expect(ok.message).toContain('signed in to account SIMACC');
    expect(ok.message).toContain('Agent_itd_1.0.0 (14 measures)');
    expect(ok.summary).toEqual({ code: 'avaya', params: { account: 'SIMACC', seconds: ok.details!.tokenLifetimeSec } });
    expect(ok.notes).toEqual([{ code: 'avaya_producers', params: { producers: 'Agent_itd_1.0.0, Queue_itd_1.0.0', count: 2 } }]);
    expect(ok.details).toMatchObject({ 'producer.Agent_itd_1.0.0': 14, 'producer.Queue_itd_1.0.0': 13 });
    const bad = await h.engine.testSource({ ...h.config, producers: ['Nope_1.0.0'] });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('Nope_1.0.0 does not exist');
    expect(bad.problem).toEqual({ code: 'producers_missing', params: { producers: 'Nope_1.0.0', count: 1 } });
    const denied = await h.engine.testSource({ ...h.config, clientSecret: 'not-the-secret' });
    expect(denied.ok).toBe(false);
    expect(denied.message).toContain('invalid_client');
    expect(denied.problem).toEqual({ code: 'auth_refused', params: {} });
    expect(h.sim.created).toHaveLength(0);
    expect(h.engine.snapshot().agents).toHaveLength(0);
  });
});
