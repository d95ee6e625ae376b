/**
 * Faults survived by the Wolkvox source (REST polling), against its simulator over real sockets.
 * Wolkvox tokens do not expire: a token that stops working is the "credentials revoked" case.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FULL, Figures } from '../lib/figures';
import { dnsFailure, runFault } from '../lib/faults';
import { wolkvoxRig, type WolkvoxRig } from '../lib/rigs/wolkvox';
import { sleep } from '../lib/wait';

const figures = new Figures('faults-wolkvox');
let rig: WolkvoxRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});
afterAll(() => figures.write());

const start = async () => (rig = await wolkvoxRig());

describe('Wolkvox: faults survived', () => {
  it('server killed and restarted', async () => {
    const f = await runFault(await start(), { fault: 'server killed and restarted', inject: (r) => r.proxy.down(), heal: (r) => r.proxy.up(), outageMs: 1_500, detect: ['down'] }, figures);
    expect(f.recoverMs).toBeLessThan(5_000);
  });

  it('connection refused for over a minute: one feed-lost alert, one recovery', async () => {
    await runFault(
      await start(),
      { fault: 'connection refused > 60 s', inject: (r) => r.proxy.down(), heal: (r) => r.proxy.up(), detect: ['down'], outageJumpMs: 65_000, notifications: ['raise:source.down', 'recover:source.down'] },
      figures,
    );
  });

  it('half-open connection: detected by the request timeout', async () => {
    const f = await runFault(await start(), { fault: 'half-open (request timeout)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['down'] }, figures);
    expect(f.detectMs).toBeLessThan(3_000);
  });

  it('credentials revoked: auth_failed without retries, back once new credentials are saved', async () => {
    const r = await start();
    await runFault(
      r,
      {
        fault: 'credentials revoked',
        inject: (x) => (x as WolkvoxRig).sim.setTokens([]),
        detect: ['auth_failed'],
        outageJumpMs: 65_000,
        heal: async (x) => {
          await x.engine.setSources([(x as WolkvoxRig).rotateToken()]);
        },
        notifications: ['raise:source.down'],
        verify: async (x, m) => {
          expect(m.authDuringFault).toBeLessThanOrEqual(3);
          return { requestsWhileAuthFailed: m.authDuringFault };
        },
      },
      figures,
    );
  });

  it('5xx burst', async () => {
    await runFault(await start(), { fault: '5xx burst (6 × 502)', inject: (r) => (r as WolkvoxRig).sim.fail('server_error', { times: 6 }), heal: () => undefined, detect: ['down'] }, figures);
  });

  it('slow responses under the timeout: stays live', async () => {
    await runFault(
      await start(),
      { fault: 'slow responses (+600 ms)', inject: (r) => void (r.proxy.latencyMs = 600), heal: (r) => void (r.proxy.latencyMs = 0), detect: null, holdMs: 2_500 },
      figures,
    );
  });

  it('responses slower than the timeout', async () => {
    await runFault(
      await start(),
      { fault: 'timeouts (+1.5 s > 1 s timeout)', inject: (r) => void (r.proxy.latencyMs = 1_500), heal: (r) => void (r.proxy.latencyMs = 0), detect: ['down'] },
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

  it('machine sleep and resume: a 30 min clock jump, dead connections, one check', async () => {
    let resumedAt = 0;
    await runFault(
      await start(),
      {
        fault: 'sleep 30 min and resume',
        inject: (r) => r.proxy.blackhole(),
        holdMs: 300,
        detect: null,
        heal: (r) => {
          r.clock.jump(30 * 60_000);
          r.proxy.heal();
          resumedAt = Date.now();
          r.engine.checkAll();
        },
        verify: async (x) => {
          const burst = (x as WolkvoxRig).sim.requests.filter((q) => q.at >= x.clock.now() - (Date.now() - resumedAt) && q.at <= x.clock.now() - (Date.now() - resumedAt) + 1000).length;
          expect(burst).toBeLessThanOrEqual(8);
          return { requestsFirstSecondAfterResume: burst };
        },
      },
      figures,
    );
    await sleep(0);
  });

  it.runIf(FULL)('half-open connection with production timings (--full)', async () => {
    rig = await wolkvoxRig({ production: true });
    const f = await runFault(
      rig,
      { fault: 'half-open, production timings (20 s request timeout)', inject: (r) => r.proxy.blackhole(), heal: (r) => r.proxy.heal(), detect: ['down'], detectWithinMs: 90_000, recoverWithinMs: 90_000 },
      figures,
    );
    // Within the protocol's own bound (20 s timeout + 1 s cadence), with some slack.
    expect(f.detectMs).toBeLessThan(25_000);
  });
});
