/**
 * Faults survived by the Axialys source (Socket.IO notifications), against its simulator over real
 * sockets. Events the server sends while the socket is down are missed: the source says so
 * (degraded, "N events were missed") while it shows the picture replayed to the new subscriber.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FULL, Figures } from '../lib/figures';
import { converged, dnsFailure, runFault } from '../lib/faults';
import { axialysRig, type AxialysRig, UNCONFIRMED_CALL_TEST_MS } from '../lib/rigs/axialys';
import { sleep, waitFor } from '../lib/wait';

const figures = new Figures('faults-axialys');
let rig: AxialysRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});
afterAll(() => figures.write());

const start = async (opts: Parameters<typeof axialysRig>[0] = {}) => (rig = await axialysRig(opts));

describe('Axialys: faults survived', () => {
  it('server killed and restarted (its event counter starts again)', async () => {
    await runFault(
      await start(),
      {
        fault: 'server killed and restarted',
        inject: async (r) => {
          await r.proxy.down();
          (r as AxialysRig).sim.restart();
        },
        heal: (r) => r.proxy.up(),
        outageMs: 1_500, detect: ['connecting', 'down'],
      },
      figures,
    );
  });

  it('connection refused for over a minute: one feed-lost alert, one recovery', async () => {
    await runFault(
      await start(),
      {
        fault: 'connection refused > 60 s',
        inject: (r) => r.proxy.down(),
        heal: (r) => r.proxy.up(),
        detect: ['down'],
        outageJumpMs: 65_000,
        // The calls waiting in both queues did wait over a minute: those two alerts are the scenario's.
        notifications: ['raise:queue.longest_wait', 'raise:queue.longest_wait', 'raise:source.down', 'recover:source.down'],
      },
      figures,
    );
  });

  it('half-open connection: detected by the Engine.IO heartbeat', async () => {
    const f = await runFault(await start(), { fault: 'half-open (heartbeat 0.5 s + 0.5 s)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['connecting', 'down'] }, figures);
    expect(f.detectMs).toBeLessThan(3_000);
  });

  it('half-open connection over Socket.IO 2.5: detected by the ping deadline', async () => {
    const f = await runFault(await start({ socketIo: 'v2' }), { fault: 'half-open, Socket.IO 2.5 (heartbeat 0.5 s + 0.5 s)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['connecting', 'down'] }, figures);
    expect(f.detectMs).toBeLessThan(3_000);
  });

  it('token expiring mid-stream: the server drops the socket, the connector logs in again', async () => {
    await runFault(
      await start(),
      { fault: 'session expired mid-stream', inject: (r) => (r as AxialysRig).sim.expireSessions(), heal: () => undefined, detect: null, holdMs: 0, relogin: true },
      figures,
    );
  });

  it('credentials revoked: auth_failed without retries, back once the new password is saved', async () => {
    await runFault(
      await start(),
      {
        fault: 'credentials revoked',
        inject: (r) => {
          const x = r as AxialysRig;
          x.sim.options.password = 'revoked-by-the-administrator';
          x.sim.expireSessions();
        },
        detect: ['auth_failed'],
        outageJumpMs: 65_000,
        heal: (r) => r.engine.setSources([(r as AxialysRig).rotatePassword()]),
        relogin: true,
        // The calls waited through the minute of refusal: both queues' longest wait alerts are the scenario's.
        notifications: ['raise:queue.longest_wait', 'raise:queue.longest_wait', 'raise:source.down'],
        verify: (_r, m) => {
          // The refused login, tried once with each account-type field name, and nothing after.
          expect(m.authDuringFault).toBeLessThanOrEqual(3);
          return { loginsWhileAuthFailed: m.authDuringFault };
        },
      },
      figures,
    );
  });

  it('5xx burst on the login endpoint', async () => {
    await runFault(
      await start(),
      {
        fault: '5xx burst (503 on login)',
        inject: (r) => {
          const x = r as AxialysRig;
          x.sim.failAuth(503);
          x.sim.expireSessions();
        },
        heal: (r) => (r as AxialysRig).sim.failAuth(null),
        detect: ['down'],
        relogin: true,
      },
      figures,
    );
  });

  it('slow responses under the heartbeat timeout: stays live', async () => {
    await runFault(
      await start(),
      { fault: 'slow responses (+300 ms)', inject: (r) => void (r.proxy.latencyMs = 300), heal: (r) => void (r.proxy.latencyMs = 0), detect: null, holdMs: 2_500 },
      figures,
    );
  });

  it('responses slower than the heartbeat timeout', async () => {
    await runFault(
      await start(),
      { fault: 'timeouts (+1.5 s > heartbeat)', inject: (r) => void (r.proxy.latencyMs = 1_500), heal: (r) => void (r.proxy.latencyMs = 0), detect: ['connecting', 'down'] },
      figures,
    );
  });

  it('DNS failure after a network change', async () => {
    await runFault(
      await start(),
      dnsFailure(['down']),
      figures,
    );
  });

  it('machine sleep and resume: a 30 min clock jump past the session expiry', async () => {
    await runFault(
      await start(),
      {
        fault: 'sleep 30 min and resume',
        inject: (r) => r.proxy.blackhole(),
        holdMs: 300,
        detect: null,
        // The calls of both queues waited through the sleep: their longest wait alerts are the scenario's.
        notifications: ['raise:queue.longest_wait', 'raise:queue.longest_wait'],
        heal: (r) => {
          r.clock.jump(30 * 60_000);
          r.proxy.heal();
          r.engine.checkAll();
        },
        verify: (r) => {
          const x = r as AxialysRig;
          expect(x.sim.subscribers).toBe(1);
          return { logins: x.sim.counters.logins, refreshes: x.sim.counters.refreshes };
        },
      },
      figures,
    );
  });

  it('calls that end while the socket is down are dropped once the replay after re-init does not report them', async () => {
    const r = await start();
    await converged(r);
    const ended = [...r.team.calls.get(391)!.keys()].slice(0, 2);
    await r.proxy.down();
    for (const c of ended) r.team.end(391, c);
    await sleep(200);
    await r.proxy.up();
    const reconnectedAt = Date.now();
    await waitFor('reconnected', () => r.sim.subscribers === 1 && r.settled!(r.source()), 15_000);
    const truth = r.team.calls.get(391)!.size;
    const staleBefore = r.engine.state.queues.get('ax:391')!.waiting - truth;
    await waitFor('the unconfirmed calls dropped', () => r.engine.state.queues.get('ax:391')!.waiting === truth, UNCONFIRMED_CALL_TEST_MS + 5_000);
    figures.record({
      suite: 'faults',
      vendor: 'axialys',
      scenario: 'calls ended while disconnected',
      endedWhileDown: ended.length,
      staleRightAfterReconnect: staleBefore,
      staleAfterConfirmationWindow: r.engine.state.queues.get('ax:391')!.waiting - truth,
      droppedAfterMs: Date.now() - reconnectedAt,
    });
    // The calls still waiting were confirmed by the replay and stay; the ended ones are gone.
    expect(r.engine.snapshot().log!.some((l) => l.kind === 'resync' && /2 waiting calls/.test(l.text))).toBe(true);
  });

  it.runIf(FULL)('half-open connection with production timings (--full)', async () => {
    rig = await axialysRig({ production: true });
    const f = await runFault(
      rig,
      { fault: 'half-open, production timings (Engine.IO 25 s + 20 s)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['connecting', 'down'], detectWithinMs: 90_000, recoverWithinMs: 90_000 },
      figures,
    );
    // Within the protocol's own bound (25 s + 20 s heartbeat), with some slack.
    expect(f.detectMs).toBeLessThan(50_000);
  });
});
