import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createWolkvoxFactory, wolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { nextLocalMidnight } from '../../src/core/connectors/wolkvox/time';
import type { FetchLike } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import { WolkvoxSourceSchema, type WolkvoxSourceConfig } from '../../src/shared/sources';
import { FakeClock } from '../fakes/clock';

type Reply = { status: number; body: unknown; delayMs?: number } | 'hang' | Error;
type Script = (report: string, n: number) => Reply;

const OK: Record<string, unknown> = {
  agents: { code: 200, error: null, data: [{ agent_id: '1001', agent_name: 'Ana', agent_status: 'Disponible', time_state_now: 30 }] },
  latency: { code: 200, error: null, data: [{ by_agent: [{ agent_id: '1001-Ana', latency_ms: 80 }], by_ip: [], by_pbx: [] }] },
  skills: { code: 200, error: null, data: [{ skill_id: '7', skill_name: 'Ventas', calls_in_queue_now: 2 }] },
};
const ok = (report: string): Reply => ({ status: 200, body: OK[report] });
const refuse = (error: string, status = 403): Reply => ({ status, body: { code: status, error, msg: null, data: null } });

/** A fetch that answers like Wolkvox on the fake clock, and records requests and overlap. */
function fakeWolkvox(clock: FakeClock, script: Script = ok) {
  const calls: { report: string; at: number; token: string | undefined }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: FetchLike = (url, init) => {
    const report = new URL(url).searchParams.get('api') ?? '';
    calls.push({ report, at: clock.now(), token: (init?.headers as Record<string, string>)['wolkvox-token'] });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const reply = script(report, calls.length);
    return new Promise<Response>((resolve, reject) => {
      let done = false;
      const finish = () => {
        if (!done) inFlight--;
        done = true;
      };
      init?.signal?.addEventListener('abort', () => {
        finish();
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
      if (reply === 'hang') return;
      if (reply instanceof Error) {
        finish();
        return reject(reply);
      }
      const respond = () => {
        finish();
        resolve(new Response(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body), { status: reply.status }));
      };
      if (reply.delayMs) clock.setTimeout(respond, reply.delayMs);
      else respond();
    });
  };
  return { fetch, calls, count: (report?: string) => calls.filter((c) => !report || c.report === report).length, get maxInFlight() { return maxInFlight; } };
}

const config = (extra: Record<string, unknown> = {}): WolkvoxSourceConfig =>
  WolkvoxSourceSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'tok-abcdef-123', ...extra });

let engine: Engine | null = null;
function setup(script?: Script, factory = wolkvoxFactory) {
  const clock = new FakeClock();
  const wv = fakeWolkvox(clock, script);
  const log = memoryLogger();
  engine = new Engine({ registry: { wolkvox: factory }, clock, fetch: wv.fetch, logger: log, random: () => 0.5 });
  const source = (id = 'wv') => engine!.snapshot().sources.find((s) => s.id === id)!;
  return { clock, wv, log, engine, source };
}

afterEach(async () => {
  await engine?.stop();
  engine = null;
});

describe('Wolkvox polling lifecycle', () => {
  it('polls each report at its own cadence (defaults 60/60/300 s), one request at a time, and counts token uses', async () => {
    const { clock, wv, engine, source } = setup();
    engine.start([config()]);
    await clock.advance(600_000);
    expect(wv.count('agents')).toBe(11);
    expect(wv.count('skills')).toBe(11);
    expect(wv.count('latency')).toBe(3);
    expect(wv.maxInFlight).toBe(1);
    expect(wv.calls.every((c) => c.token === 'tok-abcdef-123')).toBe(true);
    expect(source()).toMatchObject({ status: 'live', lastError: null, mode: 'polling', info: { agentsEverySec: 60, skillsEverySec: 60, latencyEverySec: 300 } });
    expect(source().info).toMatchObject({ tokenUsesToday: 25, projectedUsesPerDay: 3168, server: 'wv0031.wolkvox.com' });
    const snap = engine.snapshot();
    expect(snap.agents[0]).toMatchObject({ key: 'wv:1001', name: 'Ana', state: 'available', network: { latencyMs: 80 } });
    expect(snap.queues[0]).toMatchObject({ key: 'wv:7', kind: 'skill', waiting: 2 });
  });

  it('honours a 1-second cadence', async () => {
    const { clock, wv, engine } = setup();
    engine.start([config({ poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } })]);
    await clock.advance(9_500);
    expect(wv.count('latency')).toBe(10);
    expect(wv.count('agents')).toBe(10);
  });

  it('TOKEN LIMIT EXCEEDED stops polling until local midnight, shown as degraded; the day count restarts', async () => {
    let spent = true;
    const { clock, wv, engine, source } = setup((r) => (spent ? refuse('TOKEN LIMIT EXCEEDED') : ok(r)));
    const midnight = nextLocalMidnight(clock.now());
    engine.start([config()]);
    await clock.advance(1_000);
    expect(source()).toMatchObject({ status: 'degraded' });
    expect(source().lastError).toContain('polling is paused until');
    expect(source().info).toMatchObject({ pausedUntil: midnight, tokenUsesToday: 1 });
    await clock.advance(midnight - clock.now() - 1_000);
    expect(wv.count()).toBe(1);
    spent = false;
    await clock.advance(2_000);
    expect(source()).toMatchObject({ status: 'live', lastError: null });
    expect(source().info).toMatchObject({ pausedUntil: null, tokenUsesToday: 3 });
  });

  it('a quota still spent after local midnight (Wolkvox renews it on its own clock) is tried hourly, not a day later', async () => {
    let spentUntil = Infinity;
    const { clock, wv, engine, source } = setup((r) => (clock.now() < spentUntil ? refuse('TOKEN LIMIT EXCEEDED') : ok(r)));
    const midnight = nextLocalMidnight(clock.now());
    spentUntil = midnight + 6.5 * 3_600_000; // Bogotá's midnight, seen from Madrid
    engine.start([config()]);
    await clock.advance(midnight - clock.now() + 1_000);
    expect(wv.count()).toBe(2);
    expect(source().problem).toMatchObject({ code: 'wolkvox_token_limit_late' });
    expect(source().lastError).toMatch(/still spent after midnight .*trying again at \d{4}-\d\d-\d\d 01:00, then every hour/);
    expect(source().info).toMatchObject({ pausedUntil: midnight + 3_600_000 });
    await clock.advance(6 * 3_600_000);
    expect(wv.count()).toBe(8);
    expect(source().status).toBe('degraded');
    await clock.advance(3_600_000);
    expect(source()).toMatchObject({ status: 'live', lastError: null });
  });

  it('simultaneous-use refusals back off seconds, then recover', async () => {
    const { clock, wv, engine, source } = setup((r, n) => (n === 1 ? refuse('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)') : ok(r)));
    engine.start([config()]);
    await clock.advance(100);
    expect(source().status).toBe('degraded');
    expect(source().lastError).toMatch(/simultaneous request.*Retrying in 2 s\./);
    await clock.advance(2_100);
    expect(wv.count()).toBe(1);
    await clock.advance(200);
    expect(wv.count()).toBe(4);
    expect(source().status).toBe('live');
  });

  it('other 403s wait minutes (maintenance or firewall)', async () => {
    const { clock, wv, engine, source } = setup(() => refuse('SERVICE TEMPORARILY UNAVAILABLE'));
    engine.start([config()]);
    await clock.advance(89_000);
    expect(wv.count()).toBe(1);
    expect(source()).toMatchObject({ status: 'down' });
    expect(source().lastError).toMatch(/maintenance.*firewall.*Retrying in 2 min\./);
    await clock.advance(2_000);
    expect(wv.count()).toBe(2);
  });

  it('network errors retry with capped exponential backoff, and check() retries at once', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { clock, wv, engine, source } = setup(() => refused);
    engine.start([config()]);
    await clock.advance(20_000);
    expect(wv.calls.map((c) => c.at - wv.calls[0]!.at)).toEqual([0, 1_500, 4_500, 10_500]);
    expect(source()).toMatchObject({ status: 'down' });
    expect(source().lastError).toContain('could not be reached (ECONNREFUSED)');
    engine.checkAll();
    await clock.advance(0);
    expect(wv.count()).toBe(5);
  });

  it('a bad token stops for good (auth_failed, no retry loop)', async () => {
    const { clock, wv, engine, source } = setup(() => refuse('PLEASE VALIDATE TOKEN'));
    engine.start([config()]);
    await clock.advance(3_600_000);
    expect(wv.count()).toBe(1);
    expect(source()).toMatchObject({ status: 'auth_failed' });
    expect(source().lastError).toContain('check the token in the Sources view');
  });

  it('400 on one report: the others go on, that one is asked again hourly; on every report: a configuration error, nothing retried', async () => {
    let refusing = true;
    const { clock, wv, engine, source } = setup((r) => (r === 'skills' && refusing ? refuse('API NOT FOUND', 400) : ok(r)));
    engine.start([config()]);
    await clock.advance(1_000);
    expect(source()).toMatchObject({ status: 'degraded', problem: { code: 'report_refused', params: { report: 'skills' } } });
    expect(source().lastError).toContain('Wolkvox refused the skills report (400 API NOT FOUND)');
    expect(source().lastError).toContain('The agents and latency reports keep updating');
    await clock.advance(3_600_000 - 2_000);
    expect(wv.count('skills')).toBe(1);
    expect(wv.count('agents')).toBeGreaterThan(10);
    refusing = false;
    await clock.advance(2_000);
    expect(wv.count('skills')).toBe(2);
    expect(source()).toMatchObject({ status: 'live', lastError: null, problem: null });
  });

  it('400 on every report is a configuration error; nothing is retried', async () => {
    const { clock, wv, engine, source } = setup(() => refuse('API NOT FOUND', 400));
    engine.start([config()]);
    await clock.advance(3_600_000);
    expect(wv.calls.map((c) => c.report)).toEqual(['agents', 'latency', 'skills']);
    expect(source()).toMatchObject({ status: 'down' });
    expect(source().lastError).toContain('Wolkvox refused the skills report (400 API NOT FOUND)');
  });

  it('a request that never answers times out and is retried', async () => {
    const factory = createWolkvoxFactory({ timeoutMs: 5_000 });
    const { clock, wv, engine, source } = setup((r, n) => (n === 1 ? 'hang' : ok(r)), factory);
    engine.start([config()]);
    await clock.advance(5_100);
    expect(source().status).toBe('down');
    expect(source().lastError).toContain('did not answer the agents report within 5 s');
    await clock.advance(2_000);
    expect(wv.count()).toBe(4);
    expect(source().status).toBe('live');
  });

  it('unreadable bodies are counted; three in a row degrade the source, a good one restores it', async () => {
    let broken = true;
    const { clock, engine, source } = setup((r) => (broken && r === 'agents' ? { status: 200, body: '<html>oops</html>' } : ok(r)));
    engine.start([config({ poll: { agentsSec: 10, latencySec: 300, skillsSec: 300 } })]);
    await clock.advance(1_000);
    expect(source()).toMatchObject({ status: 'live', counters: { rejected: 1 } });
    await clock.advance(20_000);
    expect(source()).toMatchObject({ status: 'degraded', counters: { rejected: 3 } });
    expect(source().lastError).toContain('agents reports that cannot be read');
    expect(engine.snapshot().queues).toHaveLength(1);
    broken = false;
    await clock.advance(10_000);
    expect(source()).toMatchObject({ status: 'live', lastError: null });
  });
});

describe('Wolkvox token sharing', () => {
  it('two sources with the same token never overlap requests', async () => {
    const { clock, wv, engine, source } = setup((r) => ({ ...(ok(r) as object), delayMs: 400 }) as Reply);
    const fast = { poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } };
    engine.start([config({ id: 'a', ...fast }), config({ id: 'b', ...fast })]);
    await clock.advance(10_000);
    expect(wv.maxInFlight).toBe(1);
    expect(wv.count()).toBeGreaterThanOrEqual(20);
    expect(source('a').status).toBe('live');
    expect(source('b').status).toBe('live');
    // Both show the token's use count, which includes the other source's requests.
    expect(source('a').info!.tokenUsesToday).toBe(source('b').info!.tokenUsesToday);
  });

  it('a spent token pauses every source on it without spending another request', async () => {
    const { clock, wv, engine, source } = setup(() => refuse('TOKEN LIMIT EXCEEDED'));
    engine.start([config({ id: 'a' }), config({ id: 'b' })]);
    await clock.advance(60_000);
    expect(wv.count()).toBe(1);
    expect(source('a').status).toBe('degraded');
    expect(source('b').status).toBe('degraded');
    expect(source('b').lastError).toContain('TOKEN LIMIT EXCEEDED');
  });

  it('warns (log and info) when the projected use of the token exceeds the quota, without clamping', async () => {
    const { clock, wv, engine, source, log } = setup();
    engine.start([config({ id: 'a', licences: 5 }), config({ id: 'b', licences: 5 })]);
    await clock.advance(60_000);
    expect(source('a').info).toMatchObject({ projectedUsesPerDay: 3168, projectedUsesPerDayOnToken: 6336, quotaPerDay: 5000 });
    expect(String(source('a').info!.quotaWarning)).toContain('sources sharing this token need about 6336 uses per day but the quota is 5000');
    expect(log.lines.some((l) => l.includes('WARN') && l.includes('6336 uses per day'))).toBe(true);
    expect(wv.count('agents')).toBe(4); // both sources still poll at 60 s
  });

  it('Test connection reports what it saw, through the same lane', async () => {
    const { engine } = setup();
    const res = await engine.testSource(config({ licences: 1 }));
    expect(res.ok).toBe(true);
    expect(res.message).toMatch(/^Connected to Wolkvox at wv0031\.wolkvox\.com: the agents report lists 1 agents\. Wolkvox token budget/);
    expect(res.details).toMatchObject({ agents: 1, projectedUsesPerDay: 3168, quotaPerDay: 1000 });
    expect(res.notes).toEqual([{ code: 'wolkvox_quota', params: { projected: 3168, quota: 1000 } }]);
    const { engine: e2 } = setup(() => refuse('PLEASE VALIDATE TOKEN'));
    const bad = await e2.testSource(config());
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('Wolkvox rejected the token'), problem: { code: 'wolkvox_token_refused' } });
  });
});
