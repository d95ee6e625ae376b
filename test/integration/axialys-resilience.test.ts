/**
 * Error paths of the real Axialys connector against the simulator over real Socket.IO: wrong
 * credentials, missed events, restarts, session expiry, token refresh, malformed frames, secrets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { frames } from '../../src/simulators/axialys/frames';
import { SIM_CLIENT_ID } from '../../src/simulators/axialys/server';
import { sleep, sourceConfig, startPair, stopPair, waitFor, waitLive, type Pair } from './axialys-helpers';

let pair: Pair | null = null;
afterEach(async () => {
  await stopPair(pair);
  pair = null;
});

describe('Axialys connector resilience (real sockets)', () => {
  it('wrong credentials: auth_failed with a clear message, two login attempts and nothing more', async () => {
    pair = await startPair({ socketIo: 'v2' }, { password: 'not-the-password' });
    await waitFor('auth_failed', () => pair!.source().status === 'auth_failed');
    expect(pair.source().lastError).toMatch(/^Axialys refused the supervisor login "supervisor@demo" \(HTTP 403: authentication failed\): check the login and password/);
    expect(pair.source().problem).toEqual({ code: 'auth_refused', params: {} });
    await sleep(2500);
    expect(pair.sim.counters.authPosts).toBe(2);
    expect(pair.sim.typeFieldsSeen).toEqual(['account_type', 'count_type']);
    expect(pair.sim.counters.connections).toBe(0);
    expect(pair.source().status).toBe('auth_failed');
  });

  it('a server that only knows count_type is reached on the second try', async () => {
    pair = await startPair({ socketIo: 'v4', typeField: 'count_type', refuse: 'json' });
    await waitLive(pair);
    expect(pair.sim.typeFieldsSeen).toEqual(['account_type', 'count_type']);
  });

  it('a counter gap degrades the source, re-syncs names and re-inits with the new session', async () => {
    pair = await startPair({ socketIo: 'v4' });
    const { sim } = pair;
    await waitLive(pair);
    sim.send(frames.ui('login', 1));
    sim.skip(3);
    sim.send(frames.ui('login', 2));
    await waitFor('degraded', () => pair!.source().status === 'degraded');
    expect(pair.source().lastError).toMatch(/Axialys: 3 events were missed \(event counter jumped from 1 to 5\)/);
    expect(pair.source().problem).toEqual({ code: 'missed_events', params: { count: 3 } });
    expect(pair.source().info).toMatchObject({ missedEvents: 3 });
    await waitFor('re-sync login and re-init', () => sim.counters.logins === 2 && sim.inits.length === 2);
    expect(sim.inits[1]).toMatchObject({ accepted: true, socketId: sim.inits[0]!.socketId });
    expect(sim.inits[1]!.session).not.toBe(sim.inits[0]!.session);
    sim.send(frames.ui('logout', 1));
    await waitFor('events still applied', () => pair!.engine.snapshot().agents.find((a) => a.vendorId === '1')?.state === 'logged_out');
    expect(pair.source().status).toBe('degraded');
  });

  it('a server restart: reconnects, re-inits, and neither duplicates nor loses waiting calls', async () => {
    pair = await startPair({ socketIo: 'v2' });
    const { sim, engine } = pair;
    await waitLive(pair);
    const queue = () => engine.snapshot().queues.find((q) => q.vendorId === '391')!;
    sim.send(frames.queueInsert(391, 26, '33761433333', 40));
    sim.send(frames.queueInsert(391, 27, '33761400000', 2));
    await waitFor('two waiting', () => queue().waiting === 2);
    const oldest = queue().oldestSince!;
    sim.restart();
    await waitFor('re-init after restart', () => sim.inits.length === 2 && sim.subscribers === 1 && pair!.source().status === 'live');
    expect(sim.inits[1]).toMatchObject({ accepted: true, session: sim.inits[0]!.session });
    expect(sim.counters.logins).toBe(1);
    expect(queue().waiting).toBe(2);
    // The restarted server reports what still waits (counter restarted: not a gap).
    const waited = Math.round((Date.now() - oldest) / 1000);
    sim.send(frames.queueInsert(391, 26, '33761433333', waited));
    sim.send(frames.queueInsert(391, 27, '33761400000', 3));
    await sleep(200);
    expect(queue().waiting).toBe(2);
    // Axialys times are whole seconds: the entry time stays within one second of the first report.
    expect(Math.abs(queue().oldestSince! - oldest)).toBeLessThanOrEqual(1000);
    expect(pair.source().status).toBe('live');
  });

  it('an expired session: the server drops the socket, the connector logs in again and re-inits', async () => {
    pair = await startPair({ socketIo: 'v4' });
    const { sim } = pair;
    await waitLive(pair);
    sim.expireSessions();
    await waitFor('new login and accepted init', () => sim.counters.logins === 2 && sim.inits.filter((i) => i.accepted).length === 2 && pair!.source().status === 'live');
    expect(sim.inits.every((i) => i.accepted)).toBe(true);
  });

  it('refreshes the token before it expires and re-inits without dropping the socket', async () => {
    pair = await startPair({ socketIo: 'v2', lifetimeSec: 3, enforceExpiry: true });
    const { sim } = pair;
    await waitLive(pair);
    await waitFor('two refreshes', () => sim.counters.refreshes >= 2, 8000);
    await sleep(300);
    expect(new Set(sim.inits.map((i) => i.socketId)).size).toBe(1); // one socket throughout
    expect(sim.counters.logins).toBe(1);
    expect(sim.inits.length).toBeGreaterThanOrEqual(3);
    expect(sim.inits.every((i) => i.accepted)).toBe(true);
    expect(new Set(sim.inits.map((i) => i.session)).size).toBe(sim.inits.length);
    expect(sim.subscribers).toBe(1);
    expect(pair.source()).toMatchObject({ status: 'live', info: expect.objectContaining({ tokenRenewals: expect.any(Number) }) });
  });

  it('malformed and unknown frames are counted while the source stays live', async () => {
    pair = await startPair({ socketIo: 'v4' });
    const { sim, engine } = pair;
    await waitLive(pair);
    sim.sendRaw('this is not json');
    sim.sendRaw({ ts: 1, cpt: 1 });
    sim.send({ type_notification: 'operator', event: 'status', msg: { status: 'ringing' } });
    sim.send({ type_notification: 'campaign', event: 'start', msg: {} });
    sim.send(frames.ui('login', 5));
    await waitFor('valid frame applied', () => engine.snapshot().agents.find((a) => a.vendorId === '5')?.state === 'available');
    expect(pair.source()).toMatchObject({ status: 'live', counters: expect.objectContaining({ rejected: 3, unknown: 1 }) });
  });

  it('API-account mode logs in with HTTP Basic, opens the feed with the client id it was given, and streams events', async () => {
    pair = await startPair({ socketIo: 'v4' }, { mode: 'api', clientId: String(SIM_CLIENT_ID) });
    const { sim, engine } = pair;
    await waitLive(pair);
    expect(sim.counters.apiTokens).toBe(1);
    expect(sim.counters.logins).toBe(0);
    expect(sim.inits.at(-1)).toMatchObject({ target: SIM_CLIENT_ID, accepted: true });
    sim.send(frames.ui('pause', 7, 1));
    await waitFor('paused', () => engine.snapshot().agents.find((a) => a.vendorId === '7')?.state === 'paused');
  });

  it('API-account mode without its client id says what to enter, instead of a feed the server refuses', async () => {
    pair = await startPair({ socketIo: 'v4' }, { mode: 'api' });
    await waitFor('down', () => pair!.source().status === 'down');
    expect(pair.source()).toMatchObject({ problem: { code: 'axialys_client_id', params: {} } });
    expect(pair.source().lastError).toMatch(/client id Axialys gave with the API account/);
    expect(pair.sim.inits).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(pair.sim.counters.apiTokens).toBe(1);
  });

  it('"Test connection" reports what worked, or what to fix', async () => {
    pair = await startPair({ socketIo: 'v2' });
    const ok = await pair.engine.testSource(sourceConfig(pair.sim, { id: 'probe' }));
    expect(ok).toMatchObject({ ok: true, details: expect.objectContaining({ socketIo: 'v2', operators: 8, queues: 3, trunks: 1 }) });
    expect(ok.message).toMatch(/^Connected to Axialys as supervisor "supervisor@demo": 8 operators, 3 queues, 1 trunk; the notification socket \(Socket\.IO v2\) accepted the session$/);
    expect(ok.summary).toEqual({ code: 'axialys_supervisor', params: { login: 'supervisor@demo', version: 'v2' } });
    const bad = await pair.engine.testSource(sourceConfig(pair.sim, { id: 'probe', password: 'wrong-one' }));
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/refused the supervisor login/);
    expect(bad.problem).toEqual({ code: 'auth_refused', params: {} });
    // The login works but the notification socket is somewhere nothing listens.
    const closed = await pair.engine.testSource(sourceConfig(pair.sim, { id: 'probe', socketUrl: 'http://127.0.0.1:9', socketIo: 'v2' }));
    expect(closed).toMatchObject({ ok: false, problem: { code: 'socket_refused', params: {} } });
    expect(closed.message).toMatch(/^Axialys accepted the login, but the notification socket at http:\/\/127\.0\.0\.1:9 \(Socket\.IO v2\) could not be opened/);
  });

  it('never writes the password or a session token to the log', async () => {
    pair = await startPair({ socketIo: 'v4', lifetimeSec: 2, enforceExpiry: true, password: 'Sup3r-Secret-Pw' });
    await waitFor('live', () => pair!.source().status === 'live' && pair!.sim.counters.refreshes >= 1, 8000);
    pair.sim.send(frames.ui('login', 1));
    pair.sim.skip(2);
    pair.sim.send(frames.ui('login', 2));
    await waitFor('re-sync', () => pair!.sim.counters.logins >= 2);
    const text = pair.logger.lines.join('\n');
    expect(text).toContain('2 events were missed');
    expect(text).not.toContain('Sup3r-Secret-Pw');
    for (const init of pair.sim.inits) expect(text).not.toContain(String(init.session));
    expect(JSON.stringify(pair.engine.snapshot())).not.toContain('Sup3r-Secret-Pw');
  });
});
