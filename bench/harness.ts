/** An engine with one in-process source whose events the benchmark injects directly. */
import { Engine } from '../src/core/engine';
import type { ConnectorContext, ConnectorRegistry } from '../src/core/connectors/types';
import type { NormalizedEvent } from '../src/core/state/events';
import { createLogger } from '../src/core/util/logger';
import type { SourceConfig } from '../src/shared/sources';
import { prng } from './util';

export function benchEngine(opts: { withListener?: boolean } = {}) {
  let ctx: ConnectorContext | null = null;
  const registry: ConnectorRegistry = {
    wolkvox: {
      vendor: 'wolkvox',
      create(c) {
        ctx = c as ConnectorContext;
        return { start: () => c.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
      },
      test: async () => ({ ok: true, message: '' }),
      sampleIntervalSec: () => 10,
    },
  };
  const engine = new Engine({ registry, logger: createLogger({ level: 'error' }) });
  engine.start([{ id: 'b', vendor: 'wolkvox', server: '0001', token: 'bench-token', baseUrl: 'http://127.0.0.1:9' } as SourceConfig]);
  let patches = 0;
  if (opts.withListener !== false) engine.subscribe(() => patches++);
  return { engine, emit: (events: NormalizedEvent[]) => ctx!.emit(events), patches: () => patches };
}

const STATES = ['available', 'on_call', 'wrap_up', 'paused', 'ringing'] as const;

/** A deterministic stream of agent events over `agents` agents: network samples and state changes. */
export function agentEvents(agents: number, count: number, seed = 1): NormalizedEvent[] {
  const rnd = prng(seed);
  const out: NormalizedEvent[] = new Array(count);
  let t = Date.now();
  for (let i = 0; i < count; i++) {
    const id = String(1000 + Math.floor(rnd() * agents));
    t += 1;
    if (i % 2 === 0) {
      const bad = rnd() < 0.05;
      out[i] = {
        type: 'agent',
        id,
        set: {
          network: {
            latencyMs: Math.round((bad ? 380 : 80) + rnd() * 60),
            txJitterMs: Math.round(rnd() * (bad ? 70 : 20)),
            rxJitterMs: Math.round(rnd() * 20),
            txLossPct: bad ? 2 + rnd() : rnd() * 0.5,
            rxLossPct: rnd() * 0.5,
            rejectionPct: rnd() * 0.8,
            ip: `190.0.${Math.floor(rnd() * 20)}.1`,
            sampledAt: t,
          },
        },
      };
    } else {
      out[i] = { type: 'agent', id, set: { state: STATES[Math.floor(rnd() * STATES.length)]!, vendorState: 'x' } };
    }
  }
  return out;
}
