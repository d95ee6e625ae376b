/**
 * Idle: the collector with all four demo sources connected (Wolkvox polling at the demo's 5–10 s
 * cadences, Axialys Socket.IO, Avaya AXP WebSocket, Telphin webhooks) and nothing happening — the
 * simulators run in a child process with their demo teams standing still. Over the window: the
 * collector process's CPU (budget ≈ 0: ≤ 1 % of one core), the engine's and connectors' timer
 * callbacks per second by origin, counted through an instrumented Clock given to the Engine (budget:
 * no source wakes more than once per second; the change-batch timer that a source's changes start
 * counts as the engine's), and — in a second window, since listening slows promises down — every
 * callback the event loop ran (timers and I/O, through async_hooks) per second.
 */
import { spawn } from 'node:child_process';
import { createHook } from 'node:async_hooks';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { CountingClock } from './idle/counting-clock';
import { emit, round, sleepMs, waitFor } from './util';
import type { SourceConfig } from '../src/shared/sources';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const windowSec = quick ? 3 : 25;
  const clock = new CountingClock();
  let counting = false;
  const kinds = new Map<number, string>();
  const callbacks = new Map<string, number>();
  const hook = createHook({
    init: (id, type) => void kinds.set(id, type),
    before: (id) => {
      if (!counting) return;
      const type = kinds.get(id) ?? 'other';
      callbacks.set(type, (callbacks.get(type) ?? 0) + 1);
    },
    destroy: (id) => void kinds.delete(id),
  });

  const { startCollector } = await import('../src/server/collector');
  const { SettingsSchema } = await import('../src/shared/settings');
  const { createLogger } = await import('../src/core/util/logger');
  const collector = await startCollector({ settings: SettingsSchema.parse({}), port: 0, logger: createLogger({ level: 'error' }), engine: { clock } });
  const root = join(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/idle/sims-child.ts'), collector.url], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const sources = await new Promise<SourceConfig[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the simulators did not start within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`the simulators exited (${code})`)));
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { ready: { sources: SourceConfig[] } }).ready.sources);
      });
    });
    for (const s of sources) collector.engine.addSource(s);
    const status = () => sources.map((s) => collector.engine.state.sources.get(s.id)?.status);
    await waitFor(() => status().every((s) => s === 'live'), `every source to go live (${status().join(', ')})`, 60_000, 50);
    await sleepMs(quick ? 1500 : 5000); // first polls, snapshots and subscriptions done

    const eventsOf = () => sources.reduce((n, s) => n + (collector.engine.state.sources.get(s.id)?.counters?.events ?? 0), 0);
    // CPU and the engine's timers first; the event-loop census after, in a window of its own
    // (async_hooks slow every promise down while they listen).
    clock.reset();
    clock.counting = true;
    const events0 = eventsOf();
    const cpu0 = process.cpuUsage();
    const main0 = process.threadCpuUsage();
    const t0 = performance.now();
    await sleepMs(windowSec * 1000);
    const cpu = process.cpuUsage(cpu0);
    const main = process.threadCpuUsage(main0);
    const seconds = (performance.now() - t0) / 1000;
    clock.counting = false;
    const events = eventsOf() - events0;
    hook.enable();
    counting = true;
    const c0 = performance.now();
    await sleepMs(Math.min(windowSec, 10) * 1000);
    const censusSec = (performance.now() - c0) / 1000;
    counting = false;
    hook.disable();
    const stillLive = status().every((s) => s === 'live');

    const perSec = (n: number) => n / seconds;
    const bySource = ['wolkvox', 'axialys', 'avaya', 'telphin'].map((v) => [v, perSec(clock.fired.get(v) ?? 0)] as const);
    const clockTotal = [...clock.fired.values()].reduce((a, b) => a + b, 0);
    const shortest = Math.min(...clock.shortestInterval.values());
    const percent = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6 / seconds) * 100;
    emit({ bench: 'idle', metric: 'cpu_percent_of_one_core', value: percent(cpu), unit: '%', budget: 1, cmp: '<=', windowSec: Math.round(seconds), sources: sources.length, allLive: stillLive, mainThreadPercent: round(percent(main)) });
    emit({ bench: 'idle', metric: 'max_source_wakeups_per_sec', value: Math.max(...bySource.map(([, v]) => v)), unit: '1/s', budget: 1, cmp: '<=', bySource: Object.fromEntries(bySource.map(([k, v]) => [k, Number(v.toFixed(2))])) });
    emit({ bench: 'idle', metric: 'engine_clock_wakeups_per_sec', value: perSec(clockTotal), unit: '1/s', byOrigin: Object.fromEntries([...clock.fired].map(([k, v]) => [k, Number(perSec(v).toFixed(2))])), timers: Object.fromEntries([...clock.firedBy].map(([k, v]) => [k, Number(perSec(v).toFixed(3))])) });
    emit({ bench: 'idle', metric: 'shortest_repeating_timer', value: shortest, unit: 'ms', budget: 1000, cmp: '>=', byOrigin: Object.fromEntries(clock.shortestInterval) });
    const perCensusSec = (n: number) => n / censusSec;
    emit({ bench: 'idle', metric: 'event_loop_callbacks_per_sec', value: perCensusSec([...callbacks.values()].reduce((a, b) => a + b, 0)), unit: '1/s', byType: Object.fromEntries([...callbacks].map(([k, v]) => [k, Number(perCensusSec(v).toFixed(2))])), windowSec: Math.round(censusSec) });
    emit({ bench: 'idle', metric: 'events_per_sec', value: perSec(events), unit: 'events/s', note: 'Wolkvox polls re-reading unchanged reports' });
  } finally {
    child.stdin?.end();
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
    });
    await collector.stop();
  }
}
