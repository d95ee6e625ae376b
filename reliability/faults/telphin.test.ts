/**
 * Faults survived by the Telphin source in polling mode (queue agents and current calls every
 * second), against its simulator over real sockets. The connector's request timeout is 15 s and
 * not configurable: where a fault waits for it, the clock is moved 15 s forward.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FULL, Figures } from '../lib/figures';
import { dnsFailure, runFault } from '../lib/faults';
import { TELPHIN_TIMEOUT_MS, telphinRig, type TelphinRig } from '../lib/rigs/telphin';
import type { Rig } from '../lib/rig';
import { sleep, waitFor } from '../lib/wait';

const figures = new Figures('faults-telphin');
let rig: TelphinRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});
afterAll(() => figures.write());

const start = async () => (rig = await telphinRig());
const tp = (r: Rig) => r as TelphinRig;
/** Once a request hangs (swallowed or held back by the proxy), moves the clock past the request timeout. */
const outwait = async (r: Rig, hanging: () => number) => {
  const before = hanging();
  await waitFor('a request left hanging', () => hanging() > before, 10_000);
  r.clock.jump(TELPHIN_TIMEOUT_MS);
};

describe('Telphin: faults survived', () => {
  it('server killed and restarted', async () => {
    await runFault(await start(), { fault: 'server killed and restarted', inject: (r) => r.proxy.down(), heal: (r) => r.proxy.up(), outageMs: 1_500, detect: ['down'] }, figures);
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
        // The queue's calls did wait over a minute: that alert is the scenario's.
        notifications: ['raise:queue.longest_wait', 'raise:source.down', 'recover:source.down'],
      },
      figures,
    );
  });

  it('half-open connection: detected by the 15 s request timeout', async () => {
    const f = await runFault(
      await start(),
      {
        fault: 'half-open (request timeout 15 s)',
        inject: async (r) => {
          r.proxy.blackhole();
          await outwait(r, () => r.proxy.swallowed);
        },
        heal: (r) => r.proxy.heal(),
        detect: ['down'],
      },
      figures,
    );
    expect(f.detectMs).toBeGreaterThanOrEqual(TELPHIN_TIMEOUT_MS);
  });

  it('token expiring mid-stream: one new token, the poll goes on', async () => {
    await runFault(
      await start(),
      {
        fault: 'token expired mid-stream',
        inject: (r) => tp(r).sim.expireTokens(),
        heal: () => undefined,
        detect: null,
        holdMs: 1_500,
        verify: (_r, m) => {
          expect(m.authDuringFault).toBe(1);
          return { tokenRequests: m.authDuringFault };
        },
      },
      figures,
    );
  });

  it('credentials revoked: auth_failed without retries, back once the new secret is saved', async () => {
    await runFault(
      await start(),
      {
        fault: 'credentials revoked',
        inject: (r) => {
          tp(r).sim.rotateSecret();
        },
        detect: ['auth_failed'],
        outageJumpMs: 65_000,
        heal: (r) => r.engine.setSources([tp(r).rotateSecret()]),
        // The queue's calls waited through the minute of refusal: that alert is the scenario's.
        notifications: ['raise:queue.longest_wait', 'raise:source.down'],
        verify: (_r, m) => {
          expect(m.authDuringFault).toBeLessThanOrEqual(1);
          return { tokenRequestsWhileAuthFailed: m.authDuringFault };
        },
      },
      figures,
    );
  });

  it('5xx burst', async () => {
    await runFault(
      await start(),
      {
        fault: '5xx burst (503 for 2 s)',
        inject: (r) => void (tp(r).sim.failures.api = 'unavailable'),
        heal: async (r) => {
          await sleep(1_000);
          tp(r).sim.failures.api = null;
        },
        detect: ['down'],
      },
      figures,
    );
  });

  it('slow responses under the timeout: stays live', async () => {
    await runFault(
      await start(),
      { fault: 'slow responses (+300 ms)', inject: (r) => void (r.proxy.latencyMs = 300), heal: (r) => void (r.proxy.latencyMs = 0), detect: null, holdMs: 2_500 },
      figures,
    );
  });

  it('responses slower than the timeout', async () => {
    await runFault(
      await start(),
      {
        fault: 'timeouts (+20 s > 15 s timeout)',
        inject: async (r) => {
          r.proxy.latencyMs = 20_000;
          await outwait(r, () => r.proxy.held);
        },
        heal: (r) => void (r.proxy.latencyMs = 0),
        detect: ['down'],
      },
      figures,
    );
  });

  it('DNS failure', async () => {
    await runFault(
      await start(),
      dnsFailure(['down']),
      figures,
    );
  });

  it('machine sleep and resume: a 30 min clock jump past the token lifetime', async () => {
    await runFault(
      await start(),
      {
        fault: 'sleep 30 min and resume',
        inject: (r) => r.proxy.blackhole(),
        holdMs: 300,
        detect: null,
        // The queue's calls waited through the sleep: that alert is the scenario's.
        notifications: ['raise:queue.longest_wait'],
        heal: (r) => {
          r.clock.jump(30 * 60_000);
          r.proxy.heal();
          r.engine.checkAll();
        },
        verify: (r) => ({ tokenRequests: tp(r).sim.counters.tokenRequests }),
      },
      figures,
    );
  });

  it.runIf(FULL)('half-open connection with production timings (--full)', async () => {
    rig = await telphinRig();
    const f = await runFault(
      rig,
      { fault: 'half-open, production timings (15 s request timeout, waited for)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['down'], detectWithinMs: 90_000, recoverWithinMs: 90_000 },
      figures,
    );
    // Within the protocol's own bound (15 s timeout + 1 s cadence), with some slack.
    expect(f.detectMs).toBeLessThan(20_000);
  });
});
