/**
 * One collector process under load, started like `npm run collector` (Node + tsx, plus the V8 flags
 * under test): `node --expose-gc [flags] --import tsx bench/memory/collector-child.ts <events-per-step>`.
 * Its RSS before the collector is loaded is the baseline; then the real collector (`startCollector`:
 * engine, HTTP/WS server, stream hub) runs with one in-process source whose connector context receives
 * agent events over 10,000 agents, in batches of 1,000 with the event loop turning between batches
 * (change batches every 50 ms, the 1 Hz engine tick). Every agent gets one event per simulated 5 s, a
 * network sample and a state change in turn, so history keeps recording. Memory is read after a full
 * GC (lowest of three readings), after one and after two steps, each once the notification groups
 * of the step have been sent; also how many resolved alerts the history holds at each point. Prints
 * one JSON line with the readings.
 *
 * `<group-window-sec>` (optional second argument, default the settings' 10 s): the notification
 * group window. Right after a step the engine still holds what its 10-second windows hold: the
 * notification groups (their tracks and recoveries) and the pending alerts dropped in the last 10 s
 * (about 19 MB in all after a 1 M step here), gone once the windows pass. A reading taken inside them
 * counted some of it depending on when the step ended (heap growth read 1–2 % or 7–8 % from run to
 * run); readings wait for the window and the tick that sends it.
 */
import { gc, prng, sleepMs, turn } from '../util';
import type { NormalizedEvent } from '../../src/core/state/events';

const STATES = ['available', 'on_call', 'wrap_up', 'paused', 'ringing'] as const;

/**
 * Memory after full GCs: three readings 100 ms apart, each after a full GC, keeping the lowest of
 * each figure. Garbage a GC has not swept yet and pages not yet returned only ever add to a reading
 * (a heap snapshot diff between the two points shows the live objects flat where single readings
 * varied by a few MB).
 */
async function settled(): Promise<NodeJS.MemoryUsage> {
  let best: NodeJS.MemoryUsage | null = null;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleepMs(100);
    gc();
    const m = process.memoryUsage();
    best = best
      ? { rss: Math.min(best.rss, m.rss), heapUsed: Math.min(best.heapUsed, m.heapUsed), heapTotal: Math.min(best.heapTotal, m.heapTotal), external: Math.min(best.external, m.external), arrayBuffers: Math.min(best.arrayBuffers, m.arrayBuffers) }
      : m;
  }
  return best!;
}

async function main(): Promise<void> {
  const agents = 10_000;
  const step = Number(process.argv[2] ?? 1_000_000);
  const groupWindowArg = process.argv[3];
  const baseline = await settled();

  const { startCollector } = await import('../../src/server/collector');
  const { SettingsSchema } = await import('../../src/shared/settings');
  const { createLogger } = await import('../../src/core/util/logger');
  let emitEvents: ((events: NormalizedEvent[]) => void) | null = null;
  const collector = await startCollector({
    settings: SettingsSchema.parse(groupWindowArg === undefined ? {} : { alerts: { groupWindowSec: Number(groupWindowArg) } }),
    port: 0,
    logger: createLogger({ level: 'error' }),
    engine: {
      registry: {
        wolkvox: {
          vendor: 'wolkvox',
          create(ctx) {
            emitEvents = (events) => ctx.emit(events);
            return { start: () => ctx.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
          },
          test: async () => ({ ok: true, message: '' }),
          sampleIntervalSec: () => 10,
        },
      },
    },
  });
  collector.engine.addSource({ id: 'mem', vendor: 'wolkvox', name: 'Memory', server: '0001', token: 'bench-token', baseUrl: 'http://127.0.0.1:9' });
  const idle = await settled();
  const deliver = emitEvents as unknown as (events: NormalizedEvent[]) => void;

  const rnd = prng(11);
  const t0 = Date.now();
  let sent = 0;
  const feed = async (count: number) => {
    for (let done = 0; done < count; done += 1000) {
      const batch: NormalizedEvent[] = new Array(1000);
      for (let i = 0; i < 1000; i++) {
        const n = sent++;
        const id = String(100_000 + (n % agents));
        // Simulated time: every agent gets one event per simulated 5 s, a network sample and a state
        // change in turn (so each agent is sampled every 10 s).
        const round = Math.floor(n / agents);
        const at = t0 + round * 5_000;
        if (round % 2 === 0) {
          const bad = rnd() < 0.05;
          batch[i] = {
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
                ip: `190.0.${n % 20}.1`,
                sampledAt: at,
              },
            },
          };
        } else {
          batch[i] = { type: 'agent', id, set: { name: `Agent ${id}`, state: STATES[n % STATES.length]!, vendorState: 'x' } };
        }
      }
      deliver(batch);
      await turn();
    }
  };

  // Resolved alerts kept (bounded at 5,000 by default): growth until that bound is reached is the
  // history filling, not a leak.
  const resolvedAlerts = () => collector.engine.alerts.history().length;
  // The step's last notification groups are sent at the first engine tick (1 Hz) after their window.
  const groupsSent = () => sleepMs(collector.engine.alerts.settings().groupWindowSec * 1000 + 1_100);
  await feed(step);
  await groupsSent();
  const a = await settled();
  const alertsFirst = resolvedAlerts();
  await feed(step);
  await groupsSent();
  const b = await settled();
  const alertsSecond = resolvedAlerts();
  const peak = process.resourceUsage().maxRSS / 1024; // MB
  const history = collector.engine.history;
  await collector.stop();

  const pick = (m: NodeJS.MemoryUsage) => ({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, arrayBuffers: m.arrayBuffers });
  process.stdout.write(`${JSON.stringify({ baseline: pick(baseline), idle: pick(idle), first: pick(a), second: pick(b), peakRss: peak * 1024 * 1024, historyBytes: history.bytes(), series: history.size, alertsFirst, alertsSecond })}\n`);
}

await main();
process.exit(0);
