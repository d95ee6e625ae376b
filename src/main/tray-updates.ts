/**
 * Keeps the tray in step with the engine: re-rendered at most once a second after changes, and every
 * 15 s anyway so that "data 4 min old" stays true while nothing changes.
 */
import type { Snapshot } from '../shared/model';
import type { TrayModel } from '../core/tray/model';
import type { Clock, TimerHandle } from '../core/util/clock';

export interface TrayUpdateOptions {
  clock: Clock;
  snapshot(): Snapshot;
  subscribe(listener: () => void): () => void;
  notificationsPaused(): boolean;
  build(snapshot: Snapshot, opts: { now: number; notificationsPaused: boolean }): TrayModel;
  render(model: TrayModel): void;
  minGapMs?: number;
  refreshMs?: number;
}

export interface TrayUpdates {
  /** Re-render soon (after a settings change). */
  refresh(): void;
  stop(): void;
}

export function startTrayUpdates(opts: TrayUpdateOptions): TrayUpdates {
  const gap = opts.minGapMs ?? 1000;
  let last = -Infinity;
  let timer: TimerHandle | null = null;
  const render = () => {
    timer = null;
    last = opts.clock.now();
    opts.render(opts.build(opts.snapshot(), { now: last, notificationsPaused: opts.notificationsPaused() }));
  };
  const schedule = () => {
    if (timer) return;
    timer = opts.clock.setTimeout(render, Math.max(0, last + gap - opts.clock.now()));
  };
  render();
  const unsubscribe = opts.subscribe(schedule);
  const ticker = opts.clock.setInterval(schedule, opts.refreshMs ?? 15_000);
  return {
    refresh: schedule,
    stop: () => {
      unsubscribe();
      opts.clock.clearInterval(ticker);
      opts.clock.clearTimeout(timer);
      timer = null;
    },
  };
}
