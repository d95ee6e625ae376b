/**
 * Alert engine: threshold rules with N-of-M raise and K-sample clear over the entities that changed,
 * source-down and vendor alerts, acknowledgement and snooze, and notifications with quiet hours,
 * cooldown, storm grouping and suppression while a source is down. See docs/alerts.md.
 */
import { byUrgency, type Agent, type Alert, type Queue, type Site, type Source } from '../../shared/model';
import { AlertSettingsSchema, type AlertSettings, type Language } from '../../shared/settings';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { AlertBook } from './book';
import { SourceCadences } from './cadence';
import { alertsToCsv } from './csv';
import { Dispatcher } from './dispatcher';
import { Evaluator } from './evaluate';
import { AlertHistory } from './history';
import { CARRY_GRACE_MS, CarriedAlerts, carryPathFor, readCarried, writeCarried, type CarriedAlert } from './carry';
import { SNOOZE_UNTIL_RECOVERED } from './types';
import { Operator } from './operator';
import { quietNow, systemLocalTime, type LocalTimeFn } from './quiet';
import { inScope, resolveRules, type RuleSet } from './rules';
import { SnoozeBook } from './snooze';
import { SourceWatch } from './sources';
import type { AlertEngineApi, AlertLookup, Notifier } from './types';
import { VendorAlerts } from './vendor';

export interface AlertEngineOptions {
  clock: Clock;
  logger: Logger;
  notifier?: Notifier;
  settings?: AlertSettings;
  /** JSON file for the resolved-alert history; none keeps it in memory. */
  historyPath?: string;
  lookup: AlertLookup;
  /** Local day/time for quiet hours (tests pin it; default: this machine's time zone). */
  localTime?: LocalTimeFn;
  /** Resolved alerts kept (default 5,000). */
  historyLimit?: number;
  /** Delay before a changed history is written (default 2 s). */
  historyWriteDelayMs?: number;
  /** The language of notifications, read when one is sent (default English). */
  language?: () => Language;
}

/** Resolved alerts included in list('all') (and so in snapshots): the last hour, at most 200. */
const RECENT_MS = 3_600_000;
const RECENT_MAX = 200;

export function createAlertEngine(opts: AlertEngineOptions): AlertEngineApi {
  const log = opts.logger;
  let settings = opts.settings ?? AlertSettingsSchema.parse({});
  let rules: RuleSet = loadRules(settings);
  const listeners = new Set<(id: string) => void>();
  const changed = (id: string) => {
    for (const l of listeners) {
      try {
        l(id);
      } catch (e) {
        log.error('alert listener failed', e);
      }
    }
  };
  const history = new AlertHistory({ clock: opts.clock, logger: log, path: opts.historyPath, limit: opts.historyLimit, writeDelayMs: opts.historyWriteDelayMs });
  const snoozes = new SnoozeBook();
  const localTime = opts.localTime ?? systemLocalTime;
  // What the lead did to the alerts before the last stop (./carry.ts): kept beside the history.
  const carryPath = opts.historyPath ? carryPathFor(opts.historyPath) : null;
  const startedAt = opts.clock.now();
  const carriedFile = carryPath ? readCarried(carryPath, log) : null;
  if (carriedFile) snoozes.restore(carriedFile.snoozes, startedAt);
  const carried = carriedFile ? new CarriedAlerts(carriedFile.alerts, startedAt + CARRY_GRACE_MS) : undefined;
  const book = new AlertBook({ lookup: opts.lookup, history, snoozes, changed, carried });
  book.dispatcher = new Dispatcher({
    notifier: opts.notifier,
    logger: log,
    settings: () => settings,
    localTime,
    names: (t) => book.names(t),
    language: opts.language ?? (() => 'en'),
  });
  if (carriedFile) book.dispatcher.restoreCooldowns(carriedFile, startedAt);
  const cadence = new SourceCadences();
  const evaluator = new Evaluator({ book, rules: () => rules, cadence, lookup: opts.lookup });
  const sources = new SourceWatch(book, () => rules);
  const vendor = new VendorAlerts(book, () => rules);
  const operator = new Operator(book, snoozes, () => settings);

  function loadRules(s: AlertSettings): RuleSet {
    const set = resolveRules(s.rules);
    for (const p of set.problems) log.warn(p);
    return set;
  }

  /** After a settings change: alerts of rules now disabled or out of scope end quietly. */
  function reconcile(now: number): void {
    for (const t of book.allTracks()) {
      const rule = rules.byId.get(t.rule.id);
      const agentQueues = t.subject.kind === 'agent' ? opts.lookup.agent(t.subject.key)?.queues : undefined;
      if (!rule || !rule.enabled || rule.def.id !== t.rule.def.id || !inScope(rule, t.sourceId, t.subject.key, agentQueues)) {
        book.resolve(t, now, true);
        book.deleteTrack(t);
        continue;
      }
      t.rule = rule;
      book.refresh(t);
    }
  }

  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      log.error(`alert evaluation failed (${what}); the alert state is kept`, e);
    }
  };

  return {
    onEntity(collection, next, prev, now) {
      // Runs for every entity change: no closure per call (guard() would allocate one).
      try {
        switch (collection) {
          case 'agents':
            return evaluator.onAgent(next as Agent | null, prev as Agent | null, now);
          case 'queues':
            return evaluator.onQueue(next as Queue | null, prev as Queue | null, now);
          case 'sites':
            return evaluator.onSite(next as Site | null, prev as Site | null, now);
          case 'sources':
            return sources.onSource(next as Source | null, prev as Source | null, now);
          default:
            return;
        }
      } catch (e) {
        log.error(`alert evaluation failed (${collection}); the alert state is kept`, e);
      }
    },
    onVendorAlert: (sourceId, ev, now) => guard('vendor alert', () => vendor.onEvent(sourceId, ev, now)),
    onUpstream: (sourceId, ev, now) => guard('upstream source', () => sources.onUpstream(sourceId, ev, now)),
    tick(now) {
      guard('tick', () => {
        sources.tick(now);
        vendor.tick(now);
        evaluator.resample(now);
        operator.tick(now);
        book.dispatcher.tick(now);
        book.prune(now);
      });
    },
    setSourceCadence: (sourceId, sampleCadence) => cadence.set(sourceId, sampleCadence),
    list(filter) {
      const active: Alert[] = [];
      for (const t of book.active.values()) if (t.alert && (filter === 'all' || t.alert.state === 'firing')) active.push(t.alert);
      active.sort(byUrgency);
      if (filter !== 'all') return active;
      // One alert per id, as snapshots key them: an alert firing again is not also listed as it
      // ended before (a dashboard would keep whichever came last), and of its ends the latest.
      const seen = new Set(active.map((a) => a.id));
      for (const a of history.since(opts.clock.now() - RECENT_MS, RECENT_MAX)) {
        if (seen.has(a.id)) continue;
        seen.add(a.id);
        active.push(a);
      }
      return active;
    },
    get: (id) => book.get(id),
    ack: (id, now) => operator.ack(id, now),
    unack: (id, now) => operator.unack(id, now),
    snooze: (req, now) => operator.snooze(req, now),
    unsnooze: (req, now) => operator.unsnooze(req, now),
    history: (limit) => history.list(limit),
    exportCsv(sourceId) {
      const mine = (a: Alert) => sourceId === undefined || a.sourceId === sourceId;
      const active = [...book.active.values()].map((t) => t.alert!).filter((a) => a.state === 'firing' && mine(a));
      return alertsToCsv([...active.sort(byUrgency), ...history.list().filter(mine)]);
    },
    settings: () => settings,
    quietNow(now) {
      if (!settings.quietHours) return null;
      const at = localTime(now);
      const q = quietNow(settings.quietHours, at);
      return q && { ...q, at };
    },
    setSettings(next) {
      const rulesChanged = JSON.stringify(next.rules) !== JSON.stringify(settings.rules);
      settings = next;
      if (rulesChanged) {
        rules = loadRules(next);
        guard('settings', () => reconcile(opts.clock.now()));
      }
    },
    onAlertChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (!carryPath) return history.flush();
      const now = opts.clock.now();
      const alerts: CarriedAlert[] = [];
      for (const t of book.active.values()) {
        const a = t.built;
        const untilRecovered = a?.snoozedUntil === SNOOZE_UNTIL_RECOVERED;
        if (a && (a.acknowledged || untilRecovered)) alerts.push({ id: a.id, acknowledged: a.acknowledged, ackUntil: t.ackUntil, untilRecovered });
      }
      const state = { savedAt: now, snoozes: snoozes.save(now), alerts, ...book.dispatcher.saveCooldowns(now) };
      await Promise.all([history.flush(), writeCarried(carryPath, state, log)]);
    },
  };
}
