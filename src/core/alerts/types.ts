/**
 * The alert engine's surface as the rest of the engine sees it. Implemented in ./engine.ts.
 */
import type { Agent, Alert, Collection, EntityByCollection, Queue, Site, Source } from '../../shared/model';
import type { LocalTime, QuietNow } from '../../shared/quiet';
import type { AlertSettings, Language } from '../../shared/settings';
import type { NormalizedEvent } from '../state/events';

export type VendorAlertEvent = Extract<NormalizedEvent, { type: 'vendor.alert' }>;
export type UpstreamEvent = Extract<NormalizedEvent, { type: 'upstream' }>;

/**
 * `Alert.snoozedUntil` of an alert snoozed "until recovered" (the largest valid Date, year 275760).
 * JSON-safe, so the renderer and the collector API carry it unchanged.
 */
export { SNOOZE_UNTIL_RECOVERED } from '../../shared/rules';

/** What a button on a notification does (where the OS supports notification actions). */
export type NotificationAction = { kind: 'ack' } | { kind: 'snooze'; minutes: number | null };

/**
 * What a source samples, each possibly at a pace of its own: agents' network quality, queue values,
 * site values (Wolkvox polls a report for each; streaming vendors send everything as it changes).
 */
export type SampleKind = 'network' | 'queues' | 'sites';

/**
 * Seconds between a source's samples: one pace for everything it reports, or one per kind of sample
 * (a kind left out, or not a positive number, counts as frequent).
 */
export type SampleCadence = number | Partial<Record<SampleKind, number>>;

/** What the notifier is asked to show. Built by the alert engine (grouping, quiet hours, cooldown applied). */
export interface AlertNotification {
  /** Stable id for replacing/closing a notification (e.g. the alert id or a group id). */
  id: string;
  kind: 'raise' | 'recover' | 'group' | 'escalate' | 'renotify';
  severity: Alert['severity'];
  title: string;
  body: string;
  /** The same title and body in another language (a browser that reads another language than the host's). */
  inLanguage?: (language: Language) => { title: string; body: string };
  alertIds: string[];
  /**
   * When each named alert's lifecycle started (`Alert.since`), for raises and reminders: its buttons
   * act on that lifecycle only, not on a later one of the same alert id.
   */
  lifecycles?: Record<string, number>;
  /** Play a sound (per-severity setting). */
  sound: boolean;
  /** Buttons to offer (acknowledge, snooze); empty for recoveries. */
  actions?: { label: string; action: NotificationAction }[];
}

/** Delivers notifications to the OS. Implementations never throw (failures are logged and retried). */
export interface Notifier {
  notify(n: AlertNotification): Promise<void> | void;
  /**
   * These alerts resolved (whether or not a recovery is notified: paused, quiet hours, snoozed): a
   * notification still on screen that names only resolved alerts can be taken away.
   */
  dismiss?(alertIds: readonly string[]): void;
}

/** Read access to the live state (names for messages, current values for clock-driven rules). */
export interface AlertLookup {
  source(id: string): Source | undefined;
  agent(key: string): Agent | undefined;
  queue(key: string): Queue | undefined;
  site(key: string): Site | undefined;
}

export interface SnoozeRequest {
  /** Minutes; null snoozes "until recovered". */
  minutes: number | null;
  ruleId?: string;
  subjectKey?: string;
  alertId?: string;
}

export interface AlertEngineApi {
  /** An entity changed (null next = removed). Evaluate only the rules bound to it. */
  onEntity<C extends Collection>(collection: C, next: EntityByCollection[C] | null, prev: EntityByCollection[C] | null, now: number): void;
  onVendorAlert(sourceId: string, ev: VendorAlertEvent, now: number): void;
  /** A source upstream of `sourceId` (a remote collector's own source) changed its health. */
  onUpstream(sourceId: string, ev: UpstreamEvent, now: number): void;
  /** Clock-driven evaluation (longest wait, source down, vendor alert validity, snooze/ack expiry), ~1 Hz. */
  tick(now: number): void;
  /** Sampling interval of a source, per kind of sample (N-of-M defaults and queue re-samples adapt to it). */
  setSourceCadence(sourceId: string, cadence: SampleCadence): void;
  list(filter: 'firing' | 'all'): Alert[];
  get(id: string): Alert | undefined;
  ack(id: string, now: number): Alert | null;
  /** Takes an acknowledgement back; the alert as it is then (null: unknown id). */
  unack(id: string, now: number): Alert | null;
  snooze(req: SnoozeRequest, now: number): Alert[];
  unsnooze(req: Omit<SnoozeRequest, 'minutes'>, now: number): Alert[];
  history(limit?: number): Alert[];
  /** Firing alerts then the history, as CSV; `sourceId`: that source's only. */
  exportCsv(sourceId?: string): string;
  settings(): AlertSettings;
  /** Quiet hours in force at `now` (this machine's local time `at`), or null. */
  quietNow(now: number): (QuietNow & { at: LocalTime }) | null;
  setSettings(settings: AlertSettings): void;
  /**
   * Called with the id of every alert whose fields changed (the engine puts it in the next patch);
   * `get(id)` reads the alert as it is now.
   */
  onAlertChanged(listener: (id: string) => void): () => void;
  /** Persisted history (bounded) for restarts; implementations may no-op without a path. */
  flush(): Promise<void>;
}
