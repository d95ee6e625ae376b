/**
 * Scale: per-event cost through state + alerts + history at 100 agents vs 10,000 agents (budget: within
 * 1.2×, i.e. no full scans per event), and alert evaluation cost per event with 10,000 agents × all
 * built-in rules (same events with alert rules disabled as the baseline).
 */
import { agentEvents, benchEngine } from './harness';
import { emit, gc } from './util';
import { AlertSettingsSchema } from '../src/shared/settings';

function costPerEvent(agents: number, events: number, disableRules = false): number {
  const h = benchEngine();
  if (disableRules) {
    const rules = h.engine.alerts.settings().rules;
    const builtIn = ['agent.latency', 'agent.jitter', 'agent.loss', 'agent.rejection', 'queue.waiting', 'queue.longest_wait', 'source.down'];
    h.engine.alerts.setSettings(AlertSettingsSchema.parse({ ...h.engine.alerts.settings(), rules: [...rules, ...builtIn.map((id) => ({ id, enabled: false }))] }));
  }
  // Warm up: every agent known, JIT settled.
  h.emit(agentEvents(agents, agents * 4, 7));
  const stream = agentEvents(agents, events, 3);
  const batch = 1000;
  gc();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < stream.length; i += batch) {
    h.emit(stream.slice(i, i + batch));
    if (i % 20_000 === 0) h.engine.flush();
  }
  h.engine.flush();
  const ns = Number(process.hrtime.bigint() - t0);
  void h.engine.stop();
  return ns / events;
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const n = quick ? 50_000 : 400_000;
  // Interleave the two sizes and keep the best of each, so machine noise hits both alike.
  let small = Infinity;
  let large = Infinity;
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    small = Math.min(small, costPerEvent(100, n));
    large = Math.min(large, costPerEvent(10_000, n));
  }
  emit({ bench: 'scale', metric: 'ns_per_event_100_agents', value: small, unit: 'ns' });
  emit({ bench: 'scale', metric: 'ns_per_event_10000_agents', value: large, unit: 'ns' });
  emit({ bench: 'scale', metric: 'ratio_10000_vs_100', value: large / small, unit: 'x', budget: 1.2, cmp: '<=' });
  let withRules = Infinity;
  let noRules = Infinity;
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    withRules = Math.min(withRules, costPerEvent(10_000, n));
    noRules = Math.min(noRules, costPerEvent(10_000, n, true));
  }
  emit({ bench: 'scale', metric: 'alert_eval_ns_per_event_10000_agents', value: Math.max(0, withRules - noRules), unit: 'ns', baselineNs: noRules });
}
