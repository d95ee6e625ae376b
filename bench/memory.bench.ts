/**
 * Memory: collector RSS and heap after 1 M events over 10,000 agents with history enabled (budget
 * ≤ 200 MB RSS), and growth between 1 M and 2 M events (budget ≤ 5 %).
 *
 * Each configuration runs in a fresh collector process (memory/collector-child.ts), started as
 * `npm run collector` starts one — Node with tsx — so the figures are the collector's own, with the
 * process's RSS before the collector is loaded reported as its baseline. Two configurations:
 * `--optimize-for-size` — the flag `npm run collector` and `npm run demo` launch with (and the tray
 * app sets at start-up), which keeps the old generation close to the live data instead of letting
 * garbage from replaced entities accumulate between major GCs — is the collector as it runs, and
 * carries the budgets (`optimize_for_size_*` metrics); V8's default flags are reported beside it as
 * context (what the flag buys), without a budget.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { emit, mb } from './util';

interface Reading {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  arrayBuffers: number;
}
interface Result {
  baseline: Reading;
  idle: Reading;
  first: Reading;
  second: Reading;
  peakRss: number;
  historyBytes: number;
  series: number;
  /** Resolved alerts the alert history holds after each step (bounded, 5,000 by default). */
  alertsFirst: number;
  alertsSecond: number;
}

function measure(step: number, flags: string[], groupWindowSec?: number): Result {
  const root = join(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', join(root, 'bench/memory/collector-child.ts'), String(step), ...(groupWindowSec === undefined ? [] : [String(groupWindowSec)])], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, CCTM_LOG_LEVEL: 'error' },
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`the collector process failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Result;
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const step = quick ? 100_000 : 1_000_000;
  const n1 = quick ? '100k' : '1M';
  const n2 = quick ? '200k' : '2M';
  const configs: [string, string[]][] = [
    ['', []],
    ['optimize_for_size_', ['--optimize-for-size']],
  ];
  for (const [prefix, flags] of configs) {
    // Readings wait for the notification group window (collector-child.ts): the default 10 s, 1 s
    // in the quick run, which only checks that the benchmark works.
    const r = measure(step, flags, quick ? 1 : undefined);
    const launched = flags.length > 0;
    const launch = launched ? `node ${flags.join(' ')} (as npm run collector launches it)` : 'node with V8 defaults (context: not how the collector is launched)';
    // Budgets apply to the collector as launched; the V8-defaults run is context.
    const budget = (value: number) => (launched ? { budget: value, cmp: '<=' as const } : {});
    if (!prefix) {
      emit({ bench: 'memory', metric: 'rss_process_baseline', value: mb(r.baseline.rss), unit: 'MB', note: 'node + tsx, before the collector is loaded' });
      emit({ bench: 'memory', metric: 'rss_collector_idle', value: mb(r.idle.rss), unit: 'MB', heapUsedMB: Math.round(mb(r.idle.heapUsed)) });
      emit({ bench: 'memory', metric: 'history_bytes', value: mb(r.historyBytes), unit: 'MB', series: r.series });
    }
    emit({ bench: 'memory', metric: `${prefix}rss_after_${n1}_events`, value: mb(r.first.rss), unit: 'MB', ...budget(200), agents: 10_000, launch });
    emit({ bench: 'memory', metric: `${prefix}heap_after_${n1}_events`, value: mb(r.first.heapUsed), unit: 'MB', heapTotalMB: Math.round(mb(r.first.heapTotal)), arrayBuffersMB: Math.round(mb(r.first.arrayBuffers)) });
    emit({ bench: 'memory', metric: `${prefix}rss_after_${n2}_events`, value: mb(r.second.rss), unit: 'MB', heapUsedMB: Math.round(mb(r.second.heapUsed)) });
    emit({ bench: 'memory', metric: `${prefix}rss_growth_${n1}_to_${n2}`, value: ((r.second.rss - r.first.rss) / r.first.rss) * 100, unit: '%', ...budget(5) });
    emit({
      bench: 'memory',
      metric: `${prefix}heap_growth_${n1}_to_${n2}`,
      value: ((r.second.heapUsed - r.first.heapUsed) / r.first.heapUsed) * 100,
      unit: '%',
      ...budget(5),
      resolvedAlertsKept: [r.alertsFirst, r.alertsSecond],
    });
    emit({ bench: 'memory', metric: `${prefix}rss_peak`, value: mb(r.peakRss), unit: 'MB' });
  }
}
