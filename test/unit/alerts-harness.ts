/**
 * A live state + alert engine on a fake clock, with helpers that speak in samples
 * ("agent 1001 latency 412 ms", "queue q1 has 7 waiting", "source wv down").
 */
import { FakeClock } from '../fakes/clock';
import { RecordingNotifier } from '../fakes/notifier';
import { LiveState } from '../../src/core/state/store';
import { createAlertEngine } from '../../src/core/alerts/engine';
import { memoryLogger } from '../../src/core/util/logger';
import { AlertSettingsSchema, type Language } from '../../src/shared/settings';
import type { Alert, Source, SourceStatus } from '../../src/shared/model';
import type { z } from 'zod';

export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0); // a Friday, 09:00 UTC

export interface HarnessOptions {
  settings?: z.input<typeof AlertSettingsSchema>;
  historyPath?: string;
  historyLimit?: number;
  start?: number;
  /** Keep `changes` (each change read as the alert is then: which builds every new value at once). Default true. */
  recordChanges?: boolean;
  /** The language of notifications (default: the engine's, English). */
  language?: () => Language;
}

export function alertHarness(opts: HarnessOptions = {}) {
  const clock = new FakeClock(opts.start ?? T0);
  const state = new LiveState();
  const notifier = new RecordingNotifier();
  const logger = memoryLogger();
  const settings = AlertSettingsSchema.parse({ groupWindowSec: 0, ...opts.settings });
  const engine = createAlertEngine({
    clock,
    logger,
    notifier,
    settings,
    historyPath: opts.historyPath,
    historyLimit: opts.historyLimit,
    historyWriteDelayMs: 1000,
    language: opts.language,
    // Quiet hours in UTC so tests do not depend on the machine's time zone.
    localTime: (ms) => {
      const d = new Date(ms);
      return { day: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
    },
    lookup: {
      source: (id) => state.sources.get(id),
      agent: (key) => state.agents.get(key),
      queue: (key) => state.queues.get(key),
      site: (key) => state.sites.get(key),
    },
  });
  const changes: Alert[] = [];
  // Each change as the alert reads at that moment (a new object per change).
  if (opts.recordChanges !== false) engine.onAlertChanged((id) => changes.push(engine.get(id)!));
  state.onChange((c, next, prev) => engine.onEntity(c, next, prev, clock.now()));
  let seq = 0;

  const h = {
    clock,
    state,
    engine,
    notifier,
    logger,
    changes,
    now: () => clock.now(),
    source(id: string, status: SourceStatus, extra: Partial<Source> = {}) {
      const prev = state.sources.get(id);
      state.upsertSource({
        id,
        vendor: 'wolkvox',
        name: 'Bogotá',
        lastEventAt: clock.now(),
        lastError: null,
        ...prev,
        ...extra,
        status,
        statusSince: prev?.status === status ? (prev.statusSince ?? clock.now()) : clock.now(),
      });
    },
    /** One network sample (a new sampledAt) for agent `id` of source `src`. */
    net(id: string, set: { latencyMs?: number | null; jitter?: number; loss?: number; rejection?: number; ip?: string }, src = 'wv', name = `Agent ${id}`) {
      seq++;
      state.apply(
        src,
        {
          type: 'agent',
          id,
          set: {
            name,
            network: {
              latencyMs: set.latencyMs ?? 50,
              txJitterMs: set.jitter ?? 2,
              rxJitterMs: 1,
              txLossPct: set.loss ?? 0,
              rxLossPct: 0,
              rejectionPct: set.rejection ?? 0,
              ip: set.ip ?? '190.1.2.3',
              sampledAt: clock.now() + seq,
            },
          },
        },
        clock.now(),
      );
    },
    latency(id: string, ms: number, src = 'wv', name = `Agent ${id}`, ip = '190.1.2.3') {
      h.net(id, { latencyMs: ms, ip }, src, name);
    },
    waiting(id: string, n: number, src = 'ax', name?: string) {
      state.apply(src, { type: 'queue', id, set: name ? { name, waiting: n } : { waiting: n } }, clock.now());
    },
    /** Advances the clock second by second, ticking the store and the alert engine like the Engine does. */
    async advance(ms: number) {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        await clock.advance(Math.min(1000, end - clock.now()));
        state.tick(clock.now());
        engine.tick(clock.now());
      }
    },
    alert(id: string) {
      return engine.get(id);
    },
    kinds() {
      return notifier.sent.map((n) => n.kind);
    },
  };
  h.source('wv', 'live');
  h.source('ax', 'live', { vendor: 'axialys', name: 'Axialys' });
  return h;
}

export type AlertHarness = ReturnType<typeof alertHarness>;
