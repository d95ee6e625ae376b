import { describe, expect, it } from 'vitest';
import { alertHarness } from './alerts-harness';
import { Engine } from '../../src/core/engine';
import { wolkvoxFactory } from '../../src/core/connectors/wolkvox';
import type { ConnectorContext, ConnectorRegistry } from '../../src/core/connectors/types';
import { memoryLogger } from '../../src/core/util/logger';
import { wolkvoxConfig } from '../fakes/connector';

/** The real Wolkvox factory's cadences with a connector that only reports what the test emits. */
function wolkvoxEngine(poll?: Record<string, number>) {
  let ctx: ConnectorContext | null = null;
  const registry: ConnectorRegistry = {
    wolkvox: {
      ...wolkvoxFactory,
      create(c) {
        ctx = c as ConnectorContext;
        return { start: () => c.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
      },
    },
  };
  const engine = new Engine({ registry, logger: memoryLogger() });
  engine.start([wolkvoxConfig('wv', poll ? { poll } : {})]);
  return { engine, emit: (...events: Parameters<ConnectorContext['emit']>[0]) => ctx!.emit(events) };
}

const network = (latencyMs: number) => ({ latencyMs, txJitterMs: 1, rxJitterMs: 1, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '190.1.2.3', sampledAt: Date.now() });

describe('raise windows adapt to the cadence of each kind of sample', () => {
  it('a source polling network quality every 5 minutes and queues every minute: 1 of 1 for agents, 2 of 3 for queues', () => {
    const h = alertHarness();
    h.engine.setSourceCadence('wv', { network: 300, queues: 60 });
    h.latency('1001', 250);
    expect(h.alert('agent.latency|wv:1001')).toMatchObject({ state: 'firing', severity: 'warning' });
    h.waiting('7', 7, 'wv');
    expect(h.alert('queue.waiting|wv:7')).toMatchObject({ state: 'pending', severity: 'warning' });
    h.waiting('7', 8, 'wv');
    expect(h.alert('queue.waiting|wv:7')!.state).toBe('firing');
  });

  it('queues polled every 5 minutes raise on one sample while network samples keep 2 of 3', () => {
    const h = alertHarness();
    h.engine.setSourceCadence('wv', { network: 60, queues: 300 });
    h.waiting('7', 7, 'wv');
    expect(h.alert('queue.waiting|wv:7')!.state).toBe('firing');
    h.latency('1001', 250);
    expect(h.alert('agent.latency|wv:1001')!.state).toBe('pending');
  });

  it('one cadence for everything a source reports still applies to every rule', () => {
    const h = alertHarness();
    h.engine.setSourceCadence('wv', 300);
    h.latency('1001', 250);
    h.waiting('7', 7, 'wv');
    expect(h.alert('agent.latency|wv:1001')!.state).toBe('firing');
    expect(h.alert('queue.waiting|wv:7')!.state).toBe('firing');
  });

  it('a queue left still is sampled again at its own cadence, not the slower network one', async () => {
    const h = alertHarness();
    h.engine.setSourceCadence('wv', { network: 300, queues: 60 });
    h.waiting('7', 7, 'wv');
    await h.advance(59_000);
    expect(h.alert('queue.waiting|wv:7')!.state).toBe('pending');
    await h.advance(1_000);
    expect(h.alert('queue.waiting|wv:7')!.state).toBe('firing');
  });
});

describe('Wolkvox cadences reach the alert engine through the connector registry', () => {
  it('default polls: skills every minute (a queue waits for 2 of 3), latency every 5 minutes (an agent raises at once)', async () => {
    const { engine, emit } = wolkvoxEngine();
    emit({ type: 'queue', id: '7', set: { name: 'Ventas', kind: 'skill', waiting: 7 } });
    expect(engine.alerts.get('queue.waiting|wv:7')!.state).toBe('pending');
    emit({ type: 'agent', id: '1001', set: { name: 'Ana', network: network(250) } });
    expect(engine.alerts.get('agent.latency|wv:1001')!.state).toBe('firing');
    await engine.stop();
  });

  it('skills polled every 5 minutes raise a queue on one sample; latency every minute keeps agents at 2 of 3', async () => {
    const { engine, emit } = wolkvoxEngine({ skillsSec: 300, latencySec: 60 });
    emit({ type: 'queue', id: '7', set: { name: 'Ventas', kind: 'skill', waiting: 7 } });
    expect(engine.alerts.get('queue.waiting|wv:7')!.state).toBe('firing');
    emit({ type: 'agent', id: '1001', set: { name: 'Ana', network: network(250) } });
    expect(engine.alerts.get('agent.latency|wv:1001')!.state).toBe('pending');
    await engine.stop();
  });
});
