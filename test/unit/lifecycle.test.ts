import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/core/connectors/backoff';
import { Supervisor } from '../../src/core/connectors/supervisor';
import { authError, configError, rateLimitError, transientError } from '../../src/core/connectors/errors';
import type { ConnectorContext, SourceHealth } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import { WebhookRegistry } from '../../src/core/webhooks';
import { FakeClock } from '../fakes/clock';
import type { Problem } from '../../src/shared/problems';
import { createSourceHealth } from '../../src/core/source-health';
import { LiveState } from '../../src/core/state/store';
import { createMessages, type Message } from '../../src/shared/i18n';
import { LOG_TEXTS, logKindLabel, logText, type LogTextKey } from '../../src/shared/log-words';
import { PROBLEM_TEXTS, type ProblemKey } from '../../src/shared/problems';

describe('Backoff', () => {
  it('grows exponentially to the cap with jitter in [exp/2, exp]', () => {
    const lo = new Backoff({ baseMs: 1000, capMs: 8000, random: () => 0 });
    expect([1, 2, 3, 4, 5].map(() => lo.next())).toEqual([500, 1000, 2000, 4000, 4000]);
    const hi = new Backoff({ baseMs: 1000, capMs: 8000, random: () => 1 });
    expect([1, 2, 3, 4, 5].map(() => hi.next())).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('resets only after a stable session', () => {
    const b = new Backoff({ baseMs: 1000, stableMs: 60_000, random: () => 1 });
    b.next();
    b.next();
    b.sessionEnded(5_000);
    expect(b.next()).toBe(4000);
    b.sessionEnded(60_000);
    expect(b.next()).toBe(1000);
  });
});

function harness() {
  const clock = new FakeClock();
  const statuses: { status: string; error: string | null | undefined; problem?: Problem | null }[] = [];
  let status = 'connecting';
  const health: SourceHealth = {
    get status() {
      return status as never;
    },
    setStatus(s, e, problem) {
      status = s;
      statuses.push({ status: s, error: e, problem });
    },
    setMode: () => undefined,
    setInfo: () => undefined,
    rejected: () => undefined,
    unknown: () => undefined,
  };
  const ctx = {
    config: {} as never,
    sourceId: 's',
    clock,
    random: () => 1,
    log: memoryLogger(),
    health,
    fetch: fetch,
    webhooks: new WebhookRegistry(),
    factories: {},
    shared: new Map(),
    emit: () => undefined,
  } satisfies ConnectorContext;
  return { clock, ctx, statuses, current: () => status };
}

describe('Supervisor', () => {
  it('retries transient failures with growing delays and goes live', async () => {
    const h = harness();
    const attempts: number[] = [];
    const sup = new Supervisor(
      h.ctx,
      async (signal, live) => {
        attempts.push(h.clock.now());
        if (attempts.length < 4) throw transientError('connection refused');
        live();
        await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
      },
      { vendorLabel: 'Test', baseMs: 1000, capMs: 60_000 },
    );
    sup.start();
    await h.clock.advance(0);
    expect(h.current()).toBe('down');
    await h.clock.advance(10_000);
    expect(attempts.map((t) => t - attempts[0]!)).toEqual([0, 1000, 3000, 7000]);
    expect(h.current()).toBe('live');
    await sup.stop();
    expect(h.current()).toBe('stopped');
  });

  it('stops retrying on auth failure and says why', async () => {
    const h = harness();
    let calls = 0;
    const sup = new Supervisor(h.ctx, async () => {
      calls++;
      throw authError('Wolkvox rejected the token: check it in the Sources view').as('wolkvox_token_refused');
    }, { vendorLabel: 'Test' });
    sup.start();
    await h.clock.advance(600_000);
    expect(calls).toBe(1);
    expect(h.current()).toBe('auth_failed');
    expect(h.statuses.at(-1)!.error).toMatch(/check it in the Sources view/);
    // The problem the connector named goes with its text, for the other languages.
    expect(h.statuses.at(-1)!.problem).toEqual({ code: 'wolkvox_token_refused', params: {} });
    await sup.stop();
  });

  it('stops on configuration errors', async () => {
    const h = harness();
    let calls = 0;
    const sup = new Supervisor(h.ctx, async () => {
      calls++;
      throw configError('unknown report');
    }, { vendorLabel: 'Test' });
    sup.start();
    await h.clock.advance(600_000);
    expect(calls).toBe(1);
    expect(h.current()).toBe('down');
    await sup.stop();
  });

  it('waits for a rate-limit reset as degraded, and check() cuts a backoff wait short', async () => {
    const h = harness();
    const times: number[] = [];
    const sup = new Supervisor(h.ctx, async () => {
      times.push(h.clock.now());
      if (times.length === 1) throw rateLimitError('quota spent', h.clock.now() + 3_600_000);
      throw transientError('still failing');
    }, { vendorLabel: 'Test', baseMs: 60_000 });
    sup.start();
    await h.clock.advance(1000);
    expect(h.current()).toBe('degraded');
    await h.clock.advance(3_600_000);
    expect(times).toHaveLength(2);
    sup.check(); // resume from sleep: retry now instead of waiting ~60 s
    await h.clock.advance(0);
    expect(times).toHaveLength(3);
    await sup.stop();
  });

  it('a session that ends by itself is retried (connection closed)', async () => {
    const h = harness();
    let calls = 0;
    const sup = new Supervisor(h.ctx, async (_s, live) => {
      calls++;
      live();
    }, { vendorLabel: 'Test', baseMs: 1000, stableMs: 60_000 });
    sup.start();
    await h.clock.advance(5_000);
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(6); // backoff, not a tight loop
    expect(h.statuses.some((s) => /closed/.test(String(s.error)))).toBe(true);
    await sup.stop();
  });
});

describe('a source retrying for hours', () => {
  it('logs its error once, then that it is the same one, and a new error in full', async () => {
    const h = harness();
    const { clock } = h;
    const log = memoryLogger();
    const state = new LiveState();
    const health = createSourceHealth({ id: 's', vendor: 'wolkvox' } as never, { state, clock, log, current: () => true });
    const ctx = { ...h.ctx, health, log };
    let attempt = 0;
    const sup = new Supervisor(
      ctx,
      async () => {
        attempt++;
        throw transientError(attempt < 4 ? 'server wv0031 could not be reached' : 'server wv0031 answered HTTP 502');
      },
      { vendorLabel: 'Test', baseMs: 1000, capMs: 1000 },
    );
    sup.start();
    await clock.advance(0);
    const downAt = state.sources.get('s')!.statusSince;
    expect(state.sources.get('s')!.status).toBe('down');
    await clock.advance(4_500);
    // every retry failed: one outage, as long as it has lasted, not since the last attempt
    expect(state.sources.get('s')).toMatchObject({ status: 'down', statusSince: downAt });
    await sup.stop();
    const lines = log.records.map((r) => r.msg).filter((m) => m.startsWith('status') || m.startsWith('retrying'));
    expect(lines.slice(0, 9)).toEqual([
      'status connecting → down: server wv0031 could not be reached',
      'retrying in 1 s',
      'status down → connecting (same error)',
      'status connecting → down (same error)',
      'retrying in 1 s',
      'status down → connecting (same error)',
      'status connecting → down (same error)',
      'retrying in 1 s',
      'status down → connecting (same error)',
    ]);
    expect(lines[9]).toBe('status connecting → down: server wv0031 answered HTTP 502');
    expect(lines.filter((m) => m.includes('could not be reached'))).toHaveLength(1);
    // The Events log: one line per status and reason, not one per attempt.
    expect(state.recentLog().map((e) => [e.kind, e.level, e.text])).toEqual([
      ['source.status', 'error', 'Source down: server wv0031 could not be reached'],
      ['source.status', 'error', 'Source down: server wv0031 answered HTTP 502'],
      ['source.status', 'info', 'Source stopped'],
    ]);
  });

  it('counts an outage from its start across retries; a live source that reconnects starts again', async () => {
    const clock = new FakeClock();
    const state = new LiveState();
    const health = createSourceHealth({ id: 'wv', vendor: 'wolkvox' } as never, { state, clock, log: memoryLogger(), current: () => true });
    const since = () => state.sources.get('wv')!.statusSince;
    health.setStatus('live', null);
    const liveAt = clock.now();
    await clock.advance(60_000);
    health.setStatus('connecting');
    await clock.advance(1000);
    health.setStatus('live', null);
    expect(since()).toBe(liveAt + 61_000);
    await clock.advance(1000);
    health.setStatus('down', 'no answer');
    const downAt = clock.now();
    for (let i = 0; i < 3; i++) {
      await clock.advance(30_000);
      health.setStatus('connecting');
      expect(since()).toBe(clock.now()); // "connecting" is this attempt
      await clock.advance(2000);
      health.setStatus('down', 'no answer');
      expect(since()).toBe(downAt);
    }
    health.setStatus('connecting');
    health.setStatus('auth_failed', 'refused');
    expect(since()).toBe(clock.now()); // another state: another start
  });

  it("writes a source's changes of status to the Events log, in words every language renders", () => {
    const clock = new FakeClock();
    const state = new LiveState();
    const health = createSourceHealth({ id: 'wv', vendor: 'wolkvox' } as never, { state, clock, log: memoryLogger(), current: () => true });
    health.setStatus('live', null);
    health.setStatus('down', 'Wolkvox did not answer the agents report within 10 s (wv0031.wolkvox.com)', { code: 'timeout', params: { seconds: 10 } });
    health.setStatus('connecting');
    health.setStatus('down', 'Wolkvox did not answer the agents report within 10 s (wv0031.wolkvox.com)', { code: 'timeout', params: { seconds: 10 } });
    health.setStatus('auth_failed', 'Wolkvox refused the token (HTTP 401)', { code: 'auth_refused', params: {} });
    health.setStatus('live', null);
    const entries = state.recentLog();
    expect(entries.map((e) => [e.sourceId, e.level, e.text])).toEqual([
      ['wv', 'info', 'Source live'],
      ['wv', 'error', 'Source down: Wolkvox did not answer the agents report within 10 s (wv0031.wolkvox.com)'],
      ['wv', 'error', 'Sign-in failed: Wolkvox refused the token (HTTP 401)'],
      ['wv', 'info', 'Source live'],
    ]);
    const t = (lang: 'fr' | 'ru') => createMessages<LogTextKey | ProblemKey>(lang, { ...LOG_TEXTS[lang], ...PROBLEM_TEXTS[lang] } as Record<LogTextKey | ProblemKey, Message>, { ...LOG_TEXTS.en, ...PROBLEM_TEXTS.en }).t;
    expect(logText('fr', entries[1]!, t('fr'))).toBe('Source en panne\u202f: pas de réponse en 10 s\u202f: vérifiez la connexion réseau de cet ordinateur\u202f; nouvelle tentative');
    expect(logText('ru', entries[0]!, t('ru'))).toBe('Источник в работе');
    expect(logKindLabel('source.status', t('fr'))).toBe('État de la source');
  });
});

describe('a source fed nothing but garbage', () => {
  it('counts every rejected input, and writes 20 a minute to the log with how many it left out', async () => {
    const clock = new FakeClock();
    const log = memoryLogger();
    const state = new LiveState();
    const health = createSourceHealth({ id: 'av', vendor: 'avaya' } as never, { state, clock, log, current: () => true });
    for (let i = 0; i < 500; i++) health.rejected(`frame ${i} is not JSON`, `junk-${i}`);
    health.rejected('records past those described', undefined, 1_000);
    expect(state.sources.get('av')!.counters!.rejected).toBe(1_500);
    let said = log.records.filter((r) => r.msg.startsWith('rejected input'));
    expect(said).toHaveLength(20);
    expect(said[19]!.msg).toBe('rejected input: frame 19 is not JSON (further rejected inputs this minute are counted, not written out)');
    await clock.advance(60_000);
    health.rejected('frame 501 is not JSON');
    expect(log.records.map((r) => r.msg).slice(-2)).toEqual([
      '1,480 more rejected inputs in the last minute were counted, not written out',
      'rejected input: frame 501 is not JSON',
    ]);
    said = log.records.filter((r) => r.msg.startsWith('rejected input'));
    expect(said).toHaveLength(21);
    expect(state.sources.get('av')!.counters!.rejected).toBe(1_501);
  });
});
