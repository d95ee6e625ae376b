/**
 * The tray model from the live picture (pure): level (ok / warning / critical / stale), a tooltip a
 * lead can read at a glance ("2 critical · 5 calls waiting · Axialys live, Wolkvox 4 min old"), the
 * firing count for macOS, the top five alerts and the sources with their status.
 */
import type { Alert, Snapshot, Source, Vendor } from '../../shared/model';
import type { TrayLevel, TrayModel } from './model';

export interface TrayBuildOptions {
  now: number;
  notificationsPaused: boolean;
  /** Per source id: seconds without events after which a live source counts as stale (overrides the vendor default). */
  staleAfterSec?: Record<string, number>;
}

/**
 * Seconds without any event after which a polled source is stale: twice its slowest usual poll and a
 * minute. Event-driven feeds (Axialys, Avaya, collector) may be quiet for long while connected; their
 * connectors report a lost connection as down/degraded instead.
 */
export const STALE_AFTER_SEC: Record<Vendor, number | null> = {
  wolkvox: 660,
  telphin: 600,
  axialys: null,
  avaya: null,
  collector: null,
};

/** A polled source's age shows in the tooltip from this age on. */
const SHOW_AGE_MS = 120_000;
const TOOLTIP_MAX = 127; // Windows truncates tray tooltips at 127 characters.
const TOP = 5;

const VENDOR_LABEL: Record<Vendor, string> = { wolkvox: 'Wolkvox', axialys: 'Axialys', avaya: 'Avaya', telphin: 'Telphin', collector: 'Collector' };
const STATUS_TEXT: Record<string, string> = { connecting: 'connecting', degraded: 'degraded', down: 'down', auth_failed: 'sign-in failed', stopped: 'stopped' };

function label(s: Source, sources: readonly Source[]): string {
  if (s.name && s.name !== s.id) return s.name;
  const sameVendor = sources.filter((o) => o.vendor === s.vendor).length > 1;
  return sameVendor ? `${VENDOR_LABEL[s.vendor]} ${s.id}` : VENDOR_LABEL[s.vendor];
}

function ageMs(s: Source, now: number): number | null {
  return s.lastEventAt === null ? null : Math.max(0, now - s.lastEventAt);
}

function isStale(s: Source, opts: TrayBuildOptions): boolean {
  if (s.status === 'down' || s.status === 'auth_failed') return true;
  if (s.status === 'stopped') return false;
  const limit = opts.staleAfterSec?.[s.id] ?? STALE_AFTER_SEC[s.vendor];
  const age = ageMs(s, opts.now);
  return limit !== null && age !== null && age > limit * 1000;
}

function sourceState(s: Source, opts: TrayBuildOptions): string {
  if (s.status !== 'live') return STATUS_TEXT[s.status] ?? s.status;
  const polled = (opts.staleAfterSec?.[s.id] ?? STALE_AFTER_SEC[s.vendor]) !== null;
  const age = ageMs(s, opts.now);
  if (polled && age !== null && age >= SHOW_AGE_MS) return `${Math.floor(age / 60_000)} min old`;
  return 'live';
}

const urgency = (a: Alert, b: Alert) => (a.severity === b.severity ? a.since - b.since : a.severity === 'critical' ? -1 : 1);

function alertLabel(a: Alert): string {
  const mark = a.acknowledged ? ' (acknowledged)' : a.snoozedUntil !== null ? ' (snoozed)' : '';
  const text = a.message.length > 80 ? `${a.message.slice(0, 79)}…` : a.message;
  return `${text}${mark}`;
}

export function buildTrayModel(snapshot: Snapshot, opts: TrayBuildOptions): TrayModel {
  const firing = snapshot.alerts.filter((a) => a.state === 'firing' && !a.suppressed).sort(urgency);
  const critical = firing.filter((a) => a.severity === 'critical');
  const warnings = firing.length - critical.length;
  const stale = snapshot.sources.some((s) => isStale(s, opts));
  let level: TrayLevel = 'ok';
  if (critical.some((a) => a.subject.kind !== 'source')) level = 'critical';
  else if (stale) level = 'stale';
  else if (critical.length) level = 'critical';
  else if (warnings) level = 'warning';

  const parts: string[] = [];
  const counts = [critical.length ? `${critical.length} critical` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean);
  parts.push(counts.length ? counts.join(', ') : 'No alerts');
  if (snapshot.queues.length) {
    const waiting = snapshot.queues.reduce((n, q) => n + q.waiting, 0);
    parts.push(waiting ? `${waiting} call${waiting > 1 ? 's' : ''} waiting` : 'no calls waiting');
  }
  const shown = snapshot.sources.filter((s) => s.status !== 'stopped');
  if (shown.length) parts.push(shown.map((s) => `${label(s, snapshot.sources)} ${sourceState(s, opts)}`).join(', '));
  else if (!snapshot.sources.length) parts.push('no sources');
  if (opts.notificationsPaused) parts.push('notifications paused');
  let tooltip = parts.join(' · ');
  if (tooltip.length > TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TOOLTIP_MAX - 1)}…`;

  return {
    level,
    tooltip,
    title: firing.length ? String(firing.length) : '',
    topAlerts: firing.slice(0, TOP).map((a) => ({ id: a.id, label: alertLabel(a), severity: a.severity })),
    sources: snapshot.sources.map((s) => {
      const state = sourceState(s, opts);
      const old = s.status === 'live' && state !== 'live';
      return { id: s.id, label: old ? `${label(s, snapshot.sources)} (${state})` : label(s, snapshot.sources), status: s.status };
    }),
    notificationsPaused: opts.notificationsPaused,
  };
}
