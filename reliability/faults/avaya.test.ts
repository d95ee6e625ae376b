/**
 * Faults survived by the Avaya AXP source (OAuth token, Notification API subscriptions, one
 * WebSocket per measure producer), against its simulator over real sockets. Every reconnection
 * brings a snapshot that replaces the producer's entities: nothing stale can outlive it.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FULL, Figures } from '../lib/figures';
import { dnsFailure, runFault } from '../lib/faults';
import { avayaRig, type AvayaRig } from '../lib/rigs/avaya';

const figures = new Figures('faults-avaya');
let rig: AvayaRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});
afterAll(() => figures.write());

const start = async () => (rig = await avayaRig());
const av = (r: unknown) => r as AvayaRig;
const BROKEN = ['degraded', 'down', 'connecting'] as const;

describe('Avaya AXP: faults survived', () => {
  it('server killed and restarted', async () => {
    await runFault(await start(), { fault: 'server killed and restarted', inject: (r) => r.proxy.down(), heal: (r) => r.proxy.up(), outageMs: 1_500, detect: [...BROKEN] }, figures);
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
        notifications: ['raise:source.down', 'recover:source.down'],
      },
      figures,
    );
  });

  it('half-open connection: detected by the WebSocket heartbeat', async () => {
    const f = await runFault(await start(), { fault: 'half-open (ping 1 s, pong 0.5 s)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: [...BROKEN] }, figures);
    expect(f.detectMs).toBeLessThan(3_000);
  });

  it('token and subscriptions expiring mid-stream', async () => {
    await runFault(
      await start(),
      { fault: 'token and subscriptions expired mid-stream', inject: (r) => av(r).expireAll(), heal: () => undefined, detect: [...BROKEN] },
      figures,
    );
  });

  it('credentials revoked: auth_failed without retries, back once the new secret is saved', async () => {
    await runFault(
      await start(),
      {
        fault: 'credentials revoked',
        inject: (r) => {
          av(r).sim.clientSecret = 'revoked-by-the-administrator';
          av(r).expireAll();
        },
        detect: ['auth_failed'],
        outageJumpMs: 65_000,
        heal: (r) => r.engine.setSources([av(r).rotateSecret()]),
        notifications: ['raise:source.down'],
        verify: (_r, m) => {
          expect(m.authDuringFault).toBeLessThanOrEqual(2);
          return { tokenRequestsWhileAuthFailed: m.authDuringFault };
        },
      },
      figures,
    );
  });

  it('5xx burst on the token and subscription endpoints', async () => {
    await runFault(
      await start(),
      {
        fault: '5xx burst (503 token ×3, 502 subscribe ×2)',
        inject: (r) => {
          av(r).sim.failNext('token', 503, undefined, 3);
          av(r).sim.failNext('createSubscription', 502, undefined, 2);
          av(r).expireAll();
        },
        heal: () => undefined,
        detect: [...BROKEN],
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
      { fault: 'timeouts (+1.5 s > pong timeout)', inject: (r) => void (r.proxy.latencyMs = 1_500), heal: (r) => void (r.proxy.latencyMs = 0), detect: [...BROKEN] },
      figures,
    );
  });

  it('DNS failure after a network change', async () => {
    await runFault(
      await start(),
      dnsFailure([...BROKEN]),
      figures,
    );
  });

  it('machine sleep and resume: a 30 min clock jump, token and subscriptions lapsed', async () => {
    await runFault(
      await start(),
      {
        fault: 'sleep 30 min and resume',
        inject: (r) => r.proxy.blackhole(),
        holdMs: 300,
        detect: null,
        heal: (r) => {
          r.clock.jump(30 * 60_000);
          av(r).expireAll();
          r.proxy.heal();
          r.engine.checkAll();
        },
        verify: (r) => {
          const x = av(r);
          expect(x.sim.confirmedConnections()).toBe(2);
          return { tokensIssued: x.sim.tokens.length, subscriptionsCreated: x.sim.created.length };
        },
      },
      figures,
    );
  });

  it.runIf(FULL)('half-open connection with production timings (--full)', async () => {
    rig = await avayaRig({ production: true });
    const f = await runFault(
      rig,
      { fault: 'half-open, production timings (ping 30 s, pong 10 s)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: [...BROKEN], detectWithinMs: 90_000, recoverWithinMs: 90_000 },
      figures,
    );
    // Within the protocol's own bound (30 s ping + 10 s pong), with some slack.
    expect(f.detectMs).toBeLessThan(45_000);
  });
});
