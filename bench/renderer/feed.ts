/**
 * An in-process source for the collector: `agents` agents, then agent updates at `eventsPerSec`
 * (state changes and network samples in turn, round robin), in 10 ms ticks. One probe agent,
 * "AAA probe" (first in the name order, paused), carries the time of its latest update in its pause
 * reason, so the page can tell how long an event took to reach the screen.
 */
import type { ConnectorRegistry } from '../../src/core/connectors/types';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { AgentState } from '../../src/shared/model';

export const PROBE_NAME = 'AAA probe';
const STATES: AgentState[] = ['available', 'on_call', 'wrap_up', 'paused', 'ringing'];

export interface Feed {
  registry: ConnectorRegistry;
  /** Events emitted so far. */
  sent(): number;
}

export function loadFeed(opts: { agents: number; eventsPerSec: number }): Feed {
  let sent = 0;
  const registry: ConnectorRegistry = {
    wolkvox: {
      vendor: 'wolkvox',
      create(ctx) {
        let timer: NodeJS.Timeout | null = null;
        return {
          start() {
            ctx.health.setStatus('live', null);
            const now = Date.now();
            const initial: NormalizedEvent[] = [{ type: 'agent', id: 'probe', set: { name: PROBE_NAME, state: 'paused', pauseReason: `t=${now}` } }];
            for (let i = 0; i < opts.agents; i++) {
              initial.push({
                type: 'agent',
                id: String(i),
                set: {
                  name: `Agent ${String(i).padStart(5, '0')}`,
                  state: STATES[i % STATES.length]!,
                  network: { latencyMs: 50 + (i % 300), txJitterMs: i % 40, rxJitterMs: (i * 7) % 40, txLossPct: (i % 20) / 10, rxLossPct: 0, rejectionPct: 0, ip: `10.0.${i % 250}.${i % 200}`, sampledAt: now },
                },
              });
            }
            ctx.emit(initial);
            const perTick = Math.max(1, Math.round(opts.eventsPerSec / 100));
            let cursor = 0;
            timer = setInterval(() => {
              const at = Date.now();
              const batch: NormalizedEvent[] = [{ type: 'agent', id: 'probe', set: { pauseReason: `t=${at}` } }];
              for (let k = 1; k < perTick; k++) {
                const i = cursor++ % opts.agents;
                const round = Math.floor(cursor / opts.agents);
                batch.push(
                  round % 2 === 0
                    ? { type: 'agent', id: String(i), set: { state: STATES[(i + round) % STATES.length]! } }
                    : { type: 'agent', id: String(i), set: { network: { latencyMs: 50 + ((i * 13 + round) % 450), txJitterMs: (i + round) % 60, rxJitterMs: i % 40, txLossPct: ((i + round) % 30) / 10, rxLossPct: 0, rejectionPct: 0, ip: `10.0.${i % 250}.${i % 200}`, sampledAt: at } } },
                );
              }
              sent += batch.length;
              ctx.emit(batch);
            }, 10);
          },
          async stop() {
            if (timer) clearInterval(timer);
          },
          check: () => undefined,
        };
      },
      test: async () => ({ ok: true, message: '' }),
      sampleIntervalSec: () => 10,
    },
  };
  return { registry, sent: () => sent };
}
