import { afterEach, describe, expect, it } from 'vitest';
import { pause, rig, TOKEN, waitFor, wolkvoxConfig, type Rig } from './wolkvox-harness';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

/** Starts one source and waits until it reaches `status`. */
async function until(status: string, setup: (rig: Rig) => void, opts: Parameters<typeof rig>[0] = {}) {
  r = await rig(opts);
  setup(r);
  r.engine.start([wolkvoxConfig(r.sim.url)]);
  await waitFor(`status ${status}`, () => r!.source().status === status);
  return r;
}

describe('Wolkvox refusals against the simulator', () => {
  it('a wrong token ends in auth_failed with what to do, and is not retried', async () => {
    const { sim, source } = await until('auth_failed', () => undefined, { sim: { tokens: ['the-right-one'] } });
    expect(source().lastError).toBe(
      "Wolkvox rejected the token (403 PLEASE VALIDATE TOKEN): check the token in the Sources view, and that this machine's public IP is allowed in the Wolkvox firewall.",
    );
    expect(source().problem).toEqual({ code: 'wolkvox_token_refused', params: {} });
    await pause(300);
    expect(sim.count()).toBe(1);
  });

  it('a 200 whose envelope says PLEASE VALIDATE TOKEN is the same auth failure', async () => {
    const { sim } = await until('auth_failed', (x) => x.sim.fail('envelope_403'));
    await pause(300);
    expect(sim.count()).toBe(1);
  });

  it('401 (token header missing) is an auth failure that says so', async () => {
    const { sim, source } = await until('auth_failed', (x) => x.sim.fail('missing_token'));
    expect(source().lastError).toContain('Wolkvox did not receive the token (401 TOKEN HEADER IS REQUIRED)');
    expect(source().problem).toEqual({ code: 'wolkvox_token_missing', params: {} });
    await pause(300);
    expect(sim.count()).toBe(1);
  });

  it('a spent daily quota shows degraded until local midnight and sends nothing more', async () => {
    const { sim, source } = await until('degraded', () => undefined, { sim: { quotaPerDay: 2 } });
    expect(source().lastError).toMatch(/^Wolkvox daily token quota is spent \(403 TOKEN LIMIT EXCEEDED\): polling is paused until \d{4}-\d\d-\d\d 00:00 \(midnight here/);
    expect(source().info!.pausedUntil).toBeGreaterThan(Date.now());
    expect(source().problem?.code).toBe('wolkvox_token_limit');
    await pause(400);
    expect(sim.count()).toBe(3);
    expect(sim.stats(TOKEN)).toMatchObject({ served: 2 });
  });

  it('simultaneous-use refusals back off briefly and recover to live', async () => {
    const { sim, source } = await until('degraded', (x) => x.sim.fail('simultaneous', { times: 2 }));
    expect(source().lastError).toMatch(/simultaneous request on this token \(403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN \(2\)\).*Retrying in/);
    // The retry delay goes with the problem, in seconds, for the other languages' texts.
    expect(source().problem).toMatchObject({ code: 'wolkvox_simultaneous', params: { seconds: expect.any(Number) } });
    await waitFor('live again', () => source().status === 'live');
    expect(sim.stats(TOKEN).refusedSimultaneous).toBe(2);
  });

  it('another 403 (maintenance, firewall) waits minutes, not seconds', async () => {
    const { sim, source } = await until('down', (x) => x.sim.fail('maintenance'));
    expect(source().lastError).toMatch(/403 SERVICE TEMPORARILY UNAVAILABLE.*maintenance.*public IP is not allowed in the Wolkvox firewall.*Retrying in \d+ min\./);
    expect(source().problem!.code).toBe('wolkvox_forbidden');
    expect(source().problem!.params.seconds).toBeGreaterThanOrEqual(60);
    await pause(400);
    expect(sim.count()).toBe(1);
  });

  it('one report refused (400) leaves the others updating, shown as degraded naming the report', async () => {
    const { sim, source, engine } = await until('degraded', (x) => x.sim.fail('bad_request', { report: 'skills' }));
    expect(source().lastError).toBe(
      'Wolkvox refused the skills report (400 API NOT FOUND): check the server code in the Sources view and that this report is enabled for the token. ' +
        'The agents and latency reports keep updating; the skills report is asked again every hour.',
    );
    expect(source().problem).toEqual({ code: 'report_refused', params: { report: 'skills' } });
    const agents = sim.count('agents');
    await waitFor('agents polled again', () => sim.count('agents') > agents + 1);
    expect(sim.count('skills')).toBe(1);
    expect(source().status).toBe('degraded');
    expect(engine.snapshot().agents.length).toBeGreaterThan(0);
  });

  it('every report refused (400) is a configuration error, not retried', async () => {
    const { sim, source } = await until('down', (x) => x.sim.fail('bad_request'));
    expect(source().lastError).toMatch(/^Wolkvox refused the \w+ report \(400 API NOT FOUND\): check the server code in the Sources view and that this report is enabled for the token\.$/);
    expect(source().problem?.code).toBe('report_refused');
    await pause(400);
    expect(sim.count()).toBe(3);
  });

  it('dropped connections and 5xx retry with backoff (no storm), then recover', async () => {
    const { sim, source, log } = await until('down', (x) => {
      x.sim.fail('drop', { times: 2 });
      x.sim.fail('server_error', { times: 1 });
    });
    expect(source().lastError).toContain('could not be reached');
    expect(source().problem).toEqual({ code: 'unreachable', params: { host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) } });
    await waitFor('live again', () => source().status === 'live');
    // Live again: no error, no problem left behind.
    expect(source().lastError).toBeNull();
    expect(source().problem).toBeNull();
    expect(log.lines.some((l) => l.includes('Wolkvox answered 502 to the agents report') && l.includes('(502 Bad Gateway)'))).toBe(true);
    // Exactly the three failed requests, then the first good one: no storm of retries.
    expect(sim.requests.slice(0, 4).map((q) => q.status)).toEqual([0, 0, 502, 200]);
  });

  it('a server that never answers times out and the source is retried', async () => {
    const { source } = await until('down', (x) => x.sim.fail('hang', { times: 1 }));
    expect(source().lastError).toMatch(/^Wolkvox did not answer the agents report within 400 ms \(127\.0\.0\.1:\d+\): check this machine's network connection; retrying\.$/);
    expect(source().problem).toEqual({ code: 'timeout', params: { seconds: 0.4 } });
    await waitFor('live again', () => source().status === 'live');
  });

  it('malformed bodies are counted while the source stays up and keeps what it knew', async () => {
    r = await rig();
    r.engine.start([wolkvoxConfig(r.sim.url)]);
    await waitFor('first data', () => r!.engine.snapshot().queues.length && r!.engine.snapshot().sites.length);
    r.sim.fail('malformed', { report: 'agents', times: 1 });
    r.sim.fail('wrong_shape', { report: 'skills', times: 1 });
    r.sim.setBody('latency', { code: 200, error: null, data: [{ by_agent: [{ agent_id: '' }, 'junk'], by_ip: 'n/a' }] });
    await waitFor('rejections counted', () => r!.source().counters!.rejected >= 4);
    const snap = r.engine.snapshot();
    expect(r.source().status).toBe('live');
    expect(snap.queues).toHaveLength(1);
    expect(snap.sites).toHaveLength(2);
    expect(snap.agents).toHaveLength(3);
    expect(r.log.lines.some((l) => l.includes('rejected input: agents report: the body is not JSON'))).toBe(true);
  });

  it('Test connection says when the agents report cannot be read, as a problem every language can show', async () => {
    r = await rig();
    r.sim.fail('malformed', { report: 'agents', times: 1 });
    const res = await r.engine.testSource(wolkvoxConfig(r.sim.url, { id: 'probe' }));
    expect(res).toMatchObject({ ok: false, problem: { code: 'agents_report_unreadable', params: { host: res.details!.host } } });
    expect(res.message).toMatch(/^Wolkvox answered at 127\.0\.0\.1:\d+, but the agents report could not be read \(agents report: the body is not JSON/);
  });
});
