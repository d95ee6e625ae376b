/**
 * The alert engine's surface as the rest of the engine sees it. Implemented in ./engine.ts.
 */
import type { Alert, Collection, EntityByCollection } from '../../shared/model';
import type { AlertSettings } from '../../shared/settings';
import type { NormalizedEvent } from '../state/events';

export type VendorAlertEvent = Extract<NormalizedEvent, { type: 'vendor.alert' }>;

/** What the notifier is asked to show. Built by the alert engine (grouping, quiet hours, cooldown applied). */
export interface AlertNotification {
  /** Stable id for replacing/closing a notification (e.g. the alert id or a group id). */
  id: string;
  kind: 'raise' | 'recover' | 'group' | 'escalate' | 'renotify';
  severity: Alert['severity'];
  title: string;
  body: string;
  alertIds: string[];
  /** Play a sound (per-severity setting). */
  sound: boolean;
}

/** Delivers notifications to the OS. Implementations never throw (failures are logged and retried). */
export interface Notifier {
  notify(n: AlertNotification): Promise<void> | void;
}

export interface SnoozeRequest {
  minutes: number | null;
  ruleId?: string;
  subjectKey?: string;
  alertId?: string;
}

export interface AlertEngineApi {
  /** An entity changed (null next = removed). Evaluate only the rules bound to it. */
  onEntity<C extends Collection>(collection: C, next: EntityByCollection[C] | null, prev: EntityByCollection[C] | null, now: number): void;
  onVendorAlert(sourceId: string, ev: VendorAlertEvent, now: number): void;
  /** Clock-driven evaluation (longest wait, source down, vendor alert validity, snooze/ack expiry), ~1 Hz. */
  tick(now: number): void;
  /** Sampling interval of a source (N-of-M defaults adapt to it). */
  setSourceCadence(sourceId: string, sampleSec: number): void;
  list(filter: 'firing' | 'all'): Alert[];
  get(id: string): Alert | undefined;
  ack(id: string, now: number): Alert | null;
  snooze(req: SnoozeRequest, now: number): Alert[];
  unsnooze(req: Omit<SnoozeRequest, 'minutes'>, now: number): Alert[];
  history(limit?: number): Alert[];
  exportCsv(): string;
  settings(): AlertSettings;
  setSettings(settings: AlertSettings): void;
  /** Called with every alert whose fields changed (the engine puts it in the next patch). */
  onAlertChanged(listener: (alert: Alert) => void): () => void;
  /** Persisted history (bounded) for restarts; implementations may no-op without a path. */
  flush(): Promise<void>;
}
