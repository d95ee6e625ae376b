import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import type { ConnectorContext, ConnectorRegistry } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import { wolkvoxConfig } from '../fakes/connector';
import { problem } from '../../src/shared/problems';
import { forgetSecrets, registerSecret } from '../../src/core/util/redact';

/** Connectors whose stop takes a while, and which keep talking while stopping (as real ones may). */
function slowStopRegistry() {
  const contexts: ConnectorContext[] = [];
  const registry: ConnectorRegistry = {
    wolkvox: {
      vendor: 'wolkvox',
      create(ctx) {
        contexts.push(ctx as ConnectorContext);
        return {
          start: () => ctx.health.setStatus('live', null),
          stop: async () => {
            await new Promise((r) => setTimeout(r, 30));
            ctx.emit([{ type: 'agent', id: 'late', set: { name: 'from the old connector' } }]);
            ctx.health.setStatus('stopped', null);
          },
          check: () => undefined,
        };
      },
      test: async () => ({ ok: true, message: '' }),
    },
  };
  return { registry, contexts };
}

describe('Engine sources', () => {
  it('a new name only is shown at once without restarting the connector or losing what it reported', async () => {
    const { registry, contexts } = slowStopRegistry();
    const engine = new Engine({ registry, logger: memoryLogger() });
    engine.start([wolkvoxConfig('wv')]);
    contexts[0]!.emit([{ type: 'agent', id: '1', set: { name: 'Ana' } }]);
    engine.flush();
    const before = engine.snapshot().sources[0]!;
    expect(before.lastEventAt).not.toBeNull();
    await engine.setSources([wolkvoxConfig('wv', { name: 'Bogotá' })]);
    engine.flush();
    expect(contexts).toHaveLength(1);
    const after = engine.snapshot();
    expect(after.sources[0]).toMatchObject({ name: 'Bogotá', status: 'live', lastEventAt: before.lastEventAt });
    expect(after.agents.map((a) => a.name)).toEqual(['Ana']);
    expect(engine.sourceConfig('wv')?.name).toBe('Bogotá');
    // The same config with its fields in another order (read back from an imported file): left running.
    const same = engine.sourceConfig('wv')!;
    await engine.setSources([Object.fromEntries(Object.entries(same).reverse()) as typeof same]);
    expect(contexts).toHaveLength(1);
    // Anything else changed: restarted.
    await engine.setSources([wolkvoxConfig('wv', { name: 'Bogotá', server: '0032' })]);
    expect(contexts).toHaveLength(2);
    await engine.stop();
  });

  it('replacing a running source never lets the old connector touch the new one', async () => {
    const { registry, contexts } = slowStopRegistry();
    const engine = new Engine({ registry, logger: memoryLogger() });
    engine.start([wolkvoxConfig('wv')]);
    contexts[0]!.emit([{ type: 'agent', id: '1', set: { name: 'old' } }]);
    engine.addSource(wolkvoxConfig('wv', { name: 'Bogotá' }));
    contexts[1]!.emit([{ type: 'agent', id: '2', set: { name: 'new' } }]);
    await new Promise((r) => setTimeout(r, 80));
    const snap = engine.snapshot();
    expect(snap.agents.map((a) => a.key)).toEqual(['wv:2']);
    expect(snap.sources).toHaveLength(1);
    expect(snap.sources[0]).toMatchObject({ id: 'wv', name: 'Bogotá', status: 'live' });
    await engine.stop();
  });

  it('switching a source off and on logs each change once, from the status it had', async () => {
    const { registry } = slowStopRegistry();
    const logger = memoryLogger();
    const engine = new Engine({ registry, logger });
    engine.start([wolkvoxConfig('wv')]);
    await engine.setSources([wolkvoxConfig('wv', { enabled: false })]);
    // The old connector says "stopped" as it stops: its successor already said so, once.
    await new Promise((r) => setTimeout(r, 80));
    await engine.setSources([wolkvoxConfig('wv')]);
    // A changed config restarts a live source: no "live → live", no "connecting" in the log.
    await engine.setSources([wolkvoxConfig('wv', { server: '0032' })]);
    await new Promise((r) => setTimeout(r, 80));
    const said = logger.lines.filter((l) => l.includes('[cctm:wv] status')).map((l) => l.replace(/^.*\[cctm:wv\] /, ''));
    expect(said).toEqual(['status connecting → live', 'status live → stopped', 'status stopped → live']);
    expect(engine.state.recentLog(10).map((e) => e.text)).toEqual(['Source live', 'Source stopped', 'Source live', 'Source live']);
    await engine.stop();
  });

  it('removing a source removes its entities at once and ignores what its connector says while stopping', async () => {
    const { registry, contexts } = slowStopRegistry();
    const engine = new Engine({ registry, logger: memoryLogger() });
    engine.start([wolkvoxConfig('wv')]);
    contexts[0]!.emit([{ type: 'agent', id: '1', set: {} }]);
    const removal = engine.removeSource('wv');
    expect(engine.snapshot().agents).toEqual([]);
    await removal;
    expect(engine.snapshot()).toMatchObject({ agents: [], sources: [] });
    await engine.stop();
  });

  it('a source\'s problem goes with its error: kept while unchanged, cleared with it or by a new error without one, redacted', async () => {
    const { registry, contexts } = slowStopRegistry();
    const engine = new Engine({ registry, logger: memoryLogger() });
    engine.start([wolkvoxConfig('wv')]);
    const health = contexts[0]!.health;
    const src = () => engine.snapshot().sources[0]!;
    registerSecret('s3cr3t-in-a-host-name');
    health.setStatus('down', 'could not reach s3cr3t-in-a-host-name.example', problem('unreachable', { host: 's3cr3t-in-a-host-name.example' }));
    expect(src()).toMatchObject({ status: 'down', lastError: 'could not reach ***.example', problem: { code: 'unreachable', params: { host: '***.example' } } });
    // A status change that leaves the error alone keeps its problem too.
    health.setStatus('connecting');
    expect(src()).toMatchObject({ status: 'connecting', lastError: 'could not reach ***.example', problem: { code: 'unreachable' } });
    // A new error without a problem does not inherit the last one.
    health.setStatus('down', 'something unforeseen');
    expect(src()).toMatchObject({ lastError: 'something unforeseen', problem: null });
    health.setStatus('down', 'no answer', problem('timeout', { seconds: 10 }));
    health.setStatus('live', null);
    expect(src()).toMatchObject({ status: 'live', lastError: null, problem: null });
    forgetSecrets();
    await engine.stop();
  });

  it('Test connection results reach the dashboard with every text redacted: message, problem, outcome, notes and facts', async () => {
    registerSecret('s3cr3t-in-a-login');
    const registry: ConnectorRegistry = {
      wolkvox: {
        vendor: 'wolkvox',
        create: () => ({ start: () => undefined, stop: async () => undefined, check: () => undefined }),
        test: async () => ({
          ok: true,
          message: 'Connected as s3cr3t-in-a-login',
          summary: { code: 'axialys_supervisor', params: { login: 's3cr3t-in-a-login', version: 'v2' } },
          notes: [{ code: 'telphin_webhook', params: { count: 2, url: 'https://hooks.example/s3cr3t-in-a-login' } }],
          details: { login: 's3cr3t-in-a-login', agents: 3, tokenLifetimeSec: 3600 },
        }),
      },
    };
    const engine = new Engine({ registry, logger: memoryLogger() });
    const res = await engine.testSource(wolkvoxConfig('wv'));
    expect(JSON.stringify(res)).not.toContain('s3cr3t');
    expect(res).toEqual({
      ok: true,
      message: 'Connected as ***',
      summary: { code: 'axialys_supervisor', params: { login: '***', version: 'v2' } },
      notes: [{ code: 'telphin_webhook', params: { count: 2, url: 'https://hooks.example/***' } }],
      // Fact names that look like secrets ("token…") are facts, not secrets: their values stay.
      details: { login: '***', agents: 3, tokenLifetimeSec: 3600 },
    });
    forgetSecrets();
    await engine.stop();
  });
});
