/**
 * Renderer (Chromium, browser mode): the dashboard's Agents view served by a real collector whose
 * in-process source has 5,000 agents and sends 1,000 agent updates per second. Measured in the page:
 * long tasks (PerformanceObserver `longtask`, wall time; budget 0), event-to-screen latency (a probe
 * agent's pause reason carries its event's send time; the page reads the clock at the first animation
 * frame after the DOM shows it; budget p95 ≤ 100 ms) and the JS heap (CDP). A Chrome trace adds the
 * main thread's tasks in CPU time, which a loaded machine does not inflate. When a budget is missed,
 * a CPU profile of the page says where the time goes.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ensureRendererBuilt } from '../test/e2e/helpers/build';
import { loadFeed, PROBE_NAME } from './renderer/feed';
import { profileFor } from './renderer/profile';
import { rendererTasks } from '../test/e2e/helpers/trace';
import { emit, machineLoad, mb, quantile, sleepMs, waitFor } from './util';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Installed in the page as text (the bench runs through a TypeScript loader whose helpers do not
 * exist in the page): long tasks after `from`, and for each change of the probe agent's pause reason
 * the time from its event to the next animation frame.
 */
const PAGE_OBSERVERS = `(() => {
  window.__bench = { latencies: [], longTasks: [], from: Infinity };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime >= window.__bench.from) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const reason = () => {
    const th = [...document.querySelectorAll('table.agents tbody th')].find((el) => el.textContent === __PROBE__);
    return th?.parentElement?.querySelector('td.reason')?.textContent ?? '';
  };
  let last = reason();
  new MutationObserver(() => {
    const now = reason();
    if (now === last) return;
    last = now;
    const sentAt = Number(now.slice(2));
    requestAnimationFrame(() => {
      if (performance.now() >= window.__bench.from) window.__bench.latencies.push(Date.now() - sentAt);
    });
  }).observe(document.querySelector('table.agents tbody'), { subtree: true, childList: true, characterData: true });
})()`;

declare global {
  interface Window {
    __bench: { latencies: number[]; longTasks: number[]; from: number };
  }
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    emit({ bench: 'renderer', metric: 'skipped', value: 1, unit: 'flag', reason: `${CHROMIUM} not found (apt-get install chromium)` });
    return;
  }
  const agents = quick ? 500 : 5000;
  const eventsPerSec = quick ? 200 : 1000;
  const warmMs = quick ? 1000 : 4000;
  const measureMs = quick ? 2000 : 15_000;
  ensureRendererBuilt();

  const { startCollector } = await import('../src/server/collector');
  const { SettingsSchema } = await import('../src/shared/settings');
  const { createLogger } = await import('../src/core/util/logger');
  const feed = loadFeed({ agents, eventsPerSec });
  const collector = await startCollector({ settings: SettingsSchema.parse({}), port: 0, logger: createLogger({ level: 'error' }), engine: { registry: feed.registry } });
  collector.engine.addSource({ id: 'load', vendor: 'wolkvox', name: 'Load', server: '0001', token: 'bench-token', baseUrl: 'http://127.0.0.1:9' });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${collector.url}/#/agents`);
    await page.getByText(PROBE_NAME).first().waitFor({ timeout: 60_000 });
    await page.evaluate(PAGE_OBSERVERS.replace('__PROBE__', JSON.stringify(PROBE_NAME)));
    await sleepMs(warmMs);

    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.evaluate('window.__bench.from = performance.now()');
    const sent0 = feed.sent();
    const t0 = performance.now();
    await sleepMs(measureMs);
    const { latencies, longTasks } = (await page.evaluate('({ latencies: window.__bench.latencies, longTasks: window.__bench.longTasks })')) as Window['__bench'];
    const seconds = (performance.now() - t0) / 1000;
    const sent = feed.sent() - sent0;
    const trace = rendererTasks(await browser.stopTracing());
    await cdp.send('Performance.enable');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const rows = await page.locator('table.agents tbody tr.row').count();
    await waitFor(() => latencies.length > 0, 'screen updates of the probe agent', 1000).catch(() => undefined);

    const p95 = quantile(latencies, 0.95);
    const load = await machineLoad();
    emit({ bench: 'renderer', metric: 'events_per_sec', value: sent / seconds, unit: 'events/s', agents, renderedRows: rows });
    emit({ bench: 'renderer', metric: 'long_tasks_over_50ms', value: longTasks.length, unit: 'count', budget: 0, cmp: '<=', longestMs: Math.round(Math.max(0, ...longTasks)), windowSec: Math.round(seconds) });
    emit({ bench: 'renderer', metric: 'tasks_over_50ms_cpu', value: trace.longCpu, unit: 'count', longestCpuMs: trace.longestCpuMs, longestWallMs: trace.longestWallMs, tasks: trace.tasks });
    emit({ bench: 'renderer', metric: 'main_thread_cpu_percent', value: (trace.cpuMs / 1000 / seconds) * 100, unit: '%' });
    emit({ bench: 'renderer', metric: 'event_to_screen_p50', value: quantile(latencies, 0.5), unit: 'ms', samples: latencies.length });
    emit({ bench: 'renderer', metric: 'event_to_screen_p95', value: p95, unit: 'ms', budget: 100, cmp: '<=', samples: latencies.length });
    emit({ bench: 'renderer', metric: 'js_heap_used', value: mb(metric('JSHeapUsedSize')), unit: 'MB', totalMB: Math.round(mb(metric('JSHeapTotalSize'))), domNodes: metric('Nodes') });
    emit({ bench: 'renderer', metric: 'machine_load_per_cpu', value: load, unit: 'ratio' });
    // Fresh snapshots sent because the page fell behind (from its load on): each is a full floor to parse.
    emit({ bench: 'renderer', metric: 'stream_resyncs', value: collector.stream.resyncs, unit: 'count' });
    if (!quick && (longTasks.length > 0 || !(p95 <= 100))) {
      const hotspots = await profileFor(cdp, 5000);
      hotspots.forEach((h, i) => emit({ bench: 'renderer', metric: `profile_self_time_${i + 1}`, value: h.selfMs, unit: 'ms', fn: h.fn, where: h.where, sharePct: Math.round(h.sharePct * 10) / 10 }));
    }
  } finally {
    await browser?.close();
    await collector.stop();
  }
}
