/**
 * A whole shift, compressed: the collector with the four vendors' simulators (hundreds of agents,
 * about 100 vendor-side changes a second), token lifetimes and cadences divided by the compression
 * factor so that an 8-hour shift's refreshes happen, and a disruption every few seconds (dropped
 * sockets, lost sessions, 5xx bursts, revoked tokens). Afterwards: memory flat, no timer, socket or
 * listener left behind, the picture equal to the vendors', and exactly the alerts the scenario has.
 * Short by default (75 s); CCTM_RELIABILITY_FULL=1 runs 20 minutes (CCTM_SOAK_MINUTES to change).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../src/server/collector';
import { createWolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { axialysFactory } from '../../src/core/connectors/axialys';
import { avayaFactory } from '../../src/core/connectors/avaya';
import { telphinFactory } from '../../src/core/connectors/telphin';
import { memoryLogger } from '../../src/core/util/logger';
import { SettingsSchema } from '../../src/shared/settings';
import { RecordingNotifier } from '../../test/fakes/notifier';
import { agrees, compare, describe as describeDiff } from '../lib/compare';
import { FULL, Figures, mb } from '../lib/figures';
import { axialysSettled } from '../lib/rigs/axialys';
import { CountingClock } from '../lib/counting-clock';
import { AVAYA_TIMINGS } from '../lib/rigs/avaya';
import { WOLKVOX_TUNING } from '../lib/rigs/wolkvox';
import { sleep, waitFor } from '../lib/wait';
import { median, resources, sample, slope, StreamClient, type Sample } from './measure';
import { AV_HOT_QUEUE, seeded, soakAvaya, soakAxialys, soakTelphin, soakWolkvox, WV_BAD, type SoakPlan, type SoakVendor } from './vendors';

const DURATION_MS = FULL ? Number(process.env.CCTM_SOAK_MINUTES ?? 20) * 60_000 : 75_000;
const SHIFT_MS = 8 * 3_600_000;
const TICK_MS = 100;
const SAMPLE_MS = FULL ? 30_000 : 5_000;
const DISRUPT_MS = Math.min(60_000, DURATION_MS / 10);
/** Vendor-side changes per second, about 100 in all. */
const RATES = { wolkvox: 25, axialys: 40, avaya: 30, telphin: 5 };
/** The alerts this shift has, all shift long (rule | subject). */
const EXPECTED = [`agent.latency|wv:${WV_BAD.latency}`, `agent.loss|wv:${WV_BAD.loss}`, `queue.waiting|av:${AV_HOT_QUEUE}`].sort();

const figures = new Figures('soak-shift');
afterAll(() => figures.write());

type Internals = { listeners: Set<unknown>; state: { listeners: Set<unknown> } };

describe('a whole shift, compressed', () => {
  it(`${DURATION_MS / 1000} s for 8 h: memory flat, nothing leaked, the vendors' picture, the scenario's alerts`, { timeout: DURATION_MS + 180_000 }, async () => {
    const before = resources();
    const plan: SoakPlan = { factor: SHIFT_MS / DURATION_MS, ticksPerSec: 1000 / TICK_MS, rand: seeded(2026) };
    const vendors: SoakVendor[] = [
      await soakWolkvox(plan, RATES.wolkvox),
      await soakAxialys(plan, RATES.axialys),
      await soakAvaya(plan, RATES.avaya),
      await soakTelphin(plan, RATES.telphin),
    ];
    const notifier = new RecordingNotifier();
    const clock = new CountingClock();
    const log = memoryLogger('warn');
    let collector: Collector | null = null;
    let client: StreamClient | null = null;
    try {
      collector = await startCollector({
        settings: SettingsSchema.parse({ sources: vendors.slice(0, 3).map((v) => v.config('')) }),
        host: '127.0.0.1',
        port: 0,
        logger: log,
        engine: {
          clock,
          notifier,
          registry: { wolkvox: createWolkvoxFactory(WOLKVOX_TUNING), axialys: axialysFactory, avaya: avayaFactory, telphin: telphinFactory },
          factories: { avayaTimings: { ...AVAYA_TIMINGS, pongTimeoutMs: 2_000 } },
        },
      });
      const engine = collector.engine;
      // Telphin delivers its webhooks to this collector's own address.
      engine.addSource(vendors[3]!.config(collector.url) as never);
      client = new StreamClient(collector.url);
      await client.ready();
      const settled = (v: SoakVendor) => {
        const s = engine.state.sources.get(v.sourceId);
        return Boolean(s && (v.sourceId === 'ax' ? axialysSettled(s) : s.status === 'live'));
      };
      await waitFor('every source live', () => vendors.every(settled), 30_000, () => vendors.map((v) => `${v.sourceId}=${engine.state.sources.get(v.sourceId)?.status}`).join(' '));
      const internals = engine as unknown as Internals;
      const listenersAtStart = { patch: internals.listeners.size, state: internals.state.listeners.size, webhooks: engine.webhooks.size, streamClients: collector.stream.size };

      // ---- the shift ----------------------------------------------------------------------------
      const t0 = Date.now();
      const samples: Sample[] = [];
      const disruptions: string[] = [];
      let changes = 0;
      let nextSample = t0 + SAMPLE_MS;
      let nextDisruption = t0 + DISRUPT_MS / 2;
      let events0 = 0;
      for (const s of engine.state.sources.values()) events0 += s.counters?.events ?? 0;
      samples.push(sample(0, clock.pending));
      while (Date.now() - t0 < DURATION_MS) {
        for (const v of vendors) changes += v.step();
        const now = Date.now();
        if (now >= nextDisruption) {
          disruptions.push(vendors[disruptions.length % vendors.length]!.disrupt());
          nextDisruption += DISRUPT_MS;
        }
        if (now >= nextSample) {
          for (const v of vendors) v.trim();
          samples.push(sample((now - t0) / 1000, clock.pending));
          nextSample += SAMPLE_MS;
        }
        await sleep(TICK_MS);
      }
      const elapsed = (Date.now() - t0) / 1000;
      let events1 = 0;
      for (const s of engine.state.sources.values()) events1 += s.counters?.events ?? 0;

      // ---- end of shift: the picture settles on the vendors' truth -------------------------------
      await waitFor(
        "every source live, showing the vendors' picture",
        () => {
          if (!vendors.every(settled)) return false;
          engine.flush();
          return vendors.every((v) => agrees(compare(engine, v.truth(), v.sourceId)));
        },
        30_000,
        () => vendors.map((v) => `${v.sourceId}=${engine.state.sources.get(v.sourceId)?.status}: ${describeDiff(compare(engine, v.truth(), v.sourceId))}`).join(' | '),
      );
      await sleep(500);
      for (const v of vendors) v.trim();
      const last = sample(elapsed, clock.pending);
      samples.push(last);
      const snap = engine.snapshot();
      const streamAgrees = client.agents.size === snap.agents.length && snap.agents.every((a) => JSON.stringify(client!.agents.get(a.key)) === JSON.stringify(a));
      const streamQueues = client.queues.size === snap.queues.length;
      const firing = engine.alerts.list('firing').map((a) => `${a.ruleId}|${a.subject.key}`).sort();
      const everRaised = new Set(notifier.sent.flatMap((n) => n.alertIds.map((id) => engine.alerts.get(id)?.ruleId ?? engine.alerts.history().find((a) => a.id === id)?.ruleId ?? '?')));
      const sourceAlerts = [...engine.alerts.list('all'), ...engine.alerts.history()].filter((a) => a.subject.kind === 'source').length;
      const listenersAtEnd = { patch: internals.listeners.size, state: internals.state.listeners.size, webhooks: engine.webhooks.size, streamClients: collector.stream.size };
      const counters = Object.assign({}, ...vendors.map((v) => v.counters())) as Record<string, number>;

      const stream = { messages: client.messages, megabytes: mb(client.bytes) };

      // ---- stop, then count what is left ---------------------------------------------------------
      await client.close();
      client = null;
      const stopStarted = Date.now();
      await collector.stop();
      const stopMs = Date.now() - stopStarted;
      collector = null;
      for (const v of vendors.splice(0)) await v.stop();
      await sleep(1_500);
      const timersAfterStop = clock.pending;
      const after = resources();
      const leftOver = Object.fromEntries(Object.entries(after).filter(([k, n]) => n > (before[k] ?? 0)).map(([k, n]) => [k, n - (before[k] ?? 0)]));

      const warm = samples.filter((s) => s.t >= elapsed * 0.2);
      const first = warm[0] ?? samples[0]!;
      const third = Math.max(1, Math.floor(warm.length / 3));
      const heapSlope = slope(warm.map((s) => ({ x: s.t / 60, y: s.heapUsed / (1024 * 1024) })));
      figures.record({
        suite: 'soak',
        scenario: 'compressed shift',
        realSeconds: Math.round(elapsed),
        simulatedHours: 8,
        compression: Math.round(plan.factor),
        agents: snap.agents.length,
        queues: snap.queues.length,
        vendorChangesPerSec: Math.round(changes / elapsed),
        engineEventsPerSec: Math.round((events1 - events0) / elapsed),
        disruptions: disruptions.length,
        disruptionKinds: [...new Set(disruptions)].join('; '),
        heapStartMB: mb(first.heapUsed),
        heapEndMB: mb(last.heapUsed),
        heapSlopeMBPerMin: Number(heapSlope.toFixed(2)),
        rssStartMB: mb(first.rss),
        rssEndMB: mb(last.rss),
        timersMedianFirstThird: median(warm.slice(0, third).map((s) => s.timers)),
        timersMedianLastThird: median(warm.slice(-third).map((s) => s.timers)),
        handlesMedianFirstThird: median(warm.slice(0, third).map((s) => s.handles)),
        handlesMedianLastThird: median(warm.slice(-third).map((s) => s.handles)),
        timersCreated: clock.created,
        timersPendingAfterStop: timersAfterStop,
        resourcesLeftAfterStop: JSON.stringify(leftOver),
        listenersStart: JSON.stringify(listenersAtStart),
        listenersEnd: JSON.stringify(listenersAtEnd),
        stopMs,
        notifications: notifier.sent.length,
        notifiedRules: [...everRaised].sort().join(' '),
        firingAtEnd: firing.join(' '),
        sourceAlerts,
        streamMessages: stream.messages,
        streamMB: stream.megabytes,
        ...counters,
        gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      });

      expect(firing).toEqual(EXPECTED);
      expect(notifier.sent.every((n) => n.kind === 'raise')).toBe(true);
      expect(notifier.sent).toHaveLength(3);
      expect(sourceAlerts).toBe(0);
      expect(streamAgrees && streamQueues).toBe(true);
      expect(listenersAtEnd).toEqual(listenersAtStart);
      expect(leftOver).toEqual({});
      expect(timersAfterStop).toBe(0);
      expect(stopMs).toBeLessThan(5_000);
      expect(disruptions.length).toBeGreaterThanOrEqual(8);
      expect(counters.axialysRefreshes).toBeGreaterThanOrEqual(2);
      expect(counters.avayaRenewals).toBeGreaterThanOrEqual(10);
      expect(counters.telphinTokenRequests).toBeGreaterThanOrEqual(3);
      // Memory flat: after warm-up the heap neither trends up nor ends far above where it started.
      expect(last.heapUsed - first.heapUsed).toBeLessThan(Math.max(16 * 1024 * 1024, first.heapUsed * 0.25));
      // No timers or handles piling up: the last third of the run holds no more than the first (plus slack for in-flight work).
      expect(median(warm.slice(-third).map((s) => s.timers))).toBeLessThanOrEqual(median(warm.slice(0, third).map((s) => s.timers)) + 10);
      expect(median(warm.slice(-third).map((s) => s.handles))).toBeLessThanOrEqual(median(warm.slice(0, third).map((s) => s.handles)) + 10);
    } finally {
      await client?.close();
      await collector?.stop();
      for (const v of vendors) await v.stop();
    }
  });
});
