/**
 * Scale: per-event cost of the engine (live state, alert rules, history, change batches) at 100
 * agents vs 10,000 agents (budget: within 1.2×, i.e. no full scans per event), and the cost of alert
 * evaluation per event with 10,000 agents and every built-in rule (the same run with every built-in
 * rule switched off is the baseline).
 *
 * Fairness: both sizes get the same stream shape (network samples and state changes in turn, 5 % of
 * samples bad enough to raise alerts), the same batches (1,000 events, a change batch every 20,000),
 * a fresh engine per run warmed on every agent first, main-thread CPU time (not wall time, which a
 * loaded machine inflates), one discarded round so that neither size pays for JIT warm-up, then
 * alternating order (small first, then large first) and the median of the rounds. The events are
 * normalized events: vendor parsing does not depend on the number of agents (see ingest).
 */
import { agentEvents, benchEngine } from './harness';
import { emit, gc, median } from './util';
import { BUILTIN_RULES } from '../src/core/alerts/rules';
import { AlertSettingsSchema } from '../src/shared/settings';

const cpuNs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) * 1000;
};

/**
 * CPU per event over a stream on `active` agents (default: all) of an engine that knows `agents`.
 * Knowing many agents while events touch few isolates work that grows with the number of agents
 * (a scan) from the cost of touching more memory than the caches hold.
 */
async function costPerEvent(agents: number, events: number, rules: boolean, active = agents): Promise<number> {
  const h = benchEngine();
  if (!rules) {
    const off = BUILTIN_RULES.map((r) => ({ id: r.id, enabled: false }));
    h.engine.alerts.setSettings(AlertSettingsSchema.parse({ ...h.engine.alerts.settings(), rules: off }));
  }
  h.emit(agentEvents(agents, agents * 4, 7)); // every agent known, samples in its alert windows
  h.engine.flush();
  const stream = agentEvents(active, events, 3);
  const batch = 1000;
  gc();
  const t0 = cpuNs();
  for (let i = 0; i < stream.length; i += batch) {
    h.emit(stream.slice(i, i + batch));
    if (i % 20_000 === 0) h.engine.flush();
  }
  h.engine.flush();
  const ns = cpuNs() - t0;
  await h.engine.stop();
  return ns / events;
}

async function compare(a: () => Promise<number>, b: () => Promise<number>, rounds: number): Promise<{ a: number; b: number; ratios: number[] }> {
  await a();
  await b();
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let x: number;
    let y: number;
    if (r % 2 === 0) {
      x = await a();
      y = await b();
    } else {
      y = await b();
      x = await a();
    }
    as.push(x);
    bs.push(y);
    ratios.push(y / x);
  }
  return { a: median(as), b: median(bs), ratios };
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const n = quick ? 40_000 : 400_000;
  const rounds = quick ? 2 : 10;
  const size = await compare(
    () => costPerEvent(100, n, true),
    () => costPerEvent(10_000, n, true),
    rounds,
  );
  emit({ bench: 'scale', metric: 'ns_per_event_100_agents', value: size.a, unit: 'ns', events: n, rounds });
  emit({ bench: 'scale', metric: 'ns_per_event_10000_agents', value: size.b, unit: 'ns', events: n, rounds });
  emit({ bench: 'scale', metric: 'ratio_10000_vs_100', value: median(size.ratios), unit: 'x', budget: 1.2, cmp: '<=', perRound: size.ratios.map((r) => Number(r.toFixed(2))) });
  const scan = await compare(
    () => costPerEvent(100, n, true),
    () => costPerEvent(10_000, n, true, 100),
    rounds,
  );
  emit({
    bench: 'scale',
    metric: 'ratio_10000_known_100_active_vs_100',
    value: median(scan.ratios),
    unit: 'x',
    budget: 1.2,
    cmp: '<=',
    ns100: Math.round(scan.a),
    ns10000Known: Math.round(scan.b),
    perRound: scan.ratios.map((r) => Number(r.toFixed(2))),
    note: 'same events on 100 agents, with 10,000 known: work that grows with the number of agents',
  });
  const alerts = await compare(
    () => costPerEvent(10_000, n, false),
    () => costPerEvent(10_000, n, true),
    rounds,
  );
  emit({ bench: 'scale', metric: 'alert_eval_ns_per_event_10000_agents', value: Math.max(0, alerts.b - alerts.a), unit: 'ns', withRulesNs: Math.round(alerts.b), rulesOffNs: Math.round(alerts.a), rules: BUILTIN_RULES.length });
  emit({ bench: 'scale', metric: 'alert_eval_share_10000_agents', value: Math.max(0, (alerts.b - alerts.a) / alerts.b) * 100, unit: '%' });
}
