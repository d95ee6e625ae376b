/**
 * The tray model from the live picture (pure): level (ok / warning / critical / stale), a tooltip a
 * lead can read at a glance ("2 critical · 5 calls waiting · Axialys live, Wolkvox 4 min old"), the
 * firing count for macOS, the top five alerts and the sources with their status.
 */
import { byUrgency, type Alert, type Snapshot, type Source, type SourceStatus, type Vendor } from '../../shared/model';
import { untilText, type LocalTime, type QuietNow } from '../../shared/quiet';
import type { Language } from '../../shared/settings';
import { WOLKVOX_DEFAULT_POLL_SEC, type SourceConfig } from '../../shared/sources';
import { METRICS } from '../alerts/catalog';
import { sourceLabel } from '../alerts/format';
import { alertWords } from '../alerts/words';
import { hostMessages, type HostMessages } from '../i18n/host';
import type { TrayLevel, TrayModel } from './model';

export interface TrayBuildOptions {
  now: number;
  notificationsPaused: boolean;
  /** Per source id: seconds without events after which a live source counts as stale (overrides the vendor default). */
  staleAfterSec?: Record<string, number>;
  /** The language of the tooltip and the menu (default English). */
  language?: Language;
  /** A downloaded update waits for a restart (the tray app's updater says so). */
  updateReady?: boolean;
  /** Quiet hours in force now (AlertEngineApi.quietNow), or null. */
  quiet?: (QuietNow & { at: LocalTime }) | null;
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

/**
 * Per polled source, the seconds without events after which it is stale, from its own polling
 * intervals (twice the slowest and a minute, as the defaults are): a Wolkvox source polled every
 * 15 minutes to spare its tokens is not grey between two polls. Never below the vendor's default.
 */
export function staleAfterFor(sources: readonly SourceConfig[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sources) {
    let slowest: number | null = null;
    if (s.vendor === 'wolkvox') {
      const p = s.poll ?? {};
      slowest = Math.max(p.latencySec ?? WOLKVOX_DEFAULT_POLL_SEC.latency, p.agentsSec ?? WOLKVOX_DEFAULT_POLL_SEC.agents, p.skillsSec ?? WOLKVOX_DEFAULT_POLL_SEC.skills);
    } else if (s.vendor === 'telphin') {
      slowest = s.pollSec;
    }
    const base = STALE_AFTER_SEC[s.vendor];
    if (slowest !== null && base !== null) out[s.id] = Math.max(base, 2 * slowest + 60);
  }
  return out;
}

/** A polled source's age shows in the tooltip from this age on. */
const SHOW_AGE_MS = 120_000;
const TOOLTIP_MAX = 127; // Windows truncates tray tooltips at 127 characters.
const TOP = 5;

/** Vendors are named as they name themselves; a collector in the reader's language. */
const VENDOR_LABEL: Record<Exclude<Vendor, 'collector'>, string> = { wolkvox: 'Wolkvox', axialys: 'Axialys', avaya: 'Avaya', telphin: 'Telphin' };
/** A source status in words ("sign-in failed"). */
function statusText(status: SourceStatus, m: HostMessages): string {
  return m.t(`status.${status}`);
}

function label(s: Source, sources: readonly Source[], m: HostMessages): string {
  if (s.name && s.name !== s.id) return s.name;
  const sameVendor = sources.filter((o) => o.vendor === s.vendor).length > 1;
  const vendor = s.vendor === 'collector' ? m.t('tray.collector') : VENDOR_LABEL[s.vendor];
  return sameVendor ? `${vendor} ${s.id}` : vendor;
}

function ageMs(s: Source, now: number): number | null {
  return s.lastEventAt === null ? null : Math.max(0, now - s.lastEventAt);
}

function isStale(s: Source, opts: TrayBuildOptions): boolean {
  if (s.status === 'down' || s.status === 'auth_failed') return true;
  // Connecting again after a failure (its error kept): the outage goes on between two attempts; a
  // first connection, without an error, is not one.
  if (s.status === 'connecting' && s.lastError !== null) return true;
  if (s.status === 'stopped') return false;
  const limit = opts.staleAfterSec?.[s.id] ?? STALE_AFTER_SEC[s.vendor];
  const age = ageMs(s, opts.now);
  return limit !== null && age !== null && age > limit * 1000;
}

/** "live", "down", or for a polled source whose data is getting old, "4 min old" (`old` true). */
function sourceState(s: Source, opts: TrayBuildOptions, m: HostMessages): { text: string; old: boolean } {
  if (s.status !== 'live') return { text: statusText(s.status, m), old: false };
  const polled = (opts.staleAfterSec?.[s.id] ?? STALE_AFTER_SEC[s.vendor]) !== null;
  const age = ageMs(s, opts.now);
  if (polled && age !== null && age >= SHOW_AGE_MS) return { text: m.t('tip.minOld', { count: Math.floor(age / 60_000) }), old: true };
  return { text: statusText('live', m), old: false };
}

/**
 * An alert in the menu, in the user's language: the same sentence as its notification without the
 * advice, from the alert's fields and the snapshot's names (its `message` is the API's English text,
 * kept for a metric this version does not know).
 */
function alertLabel(a: Alert, snapshot: Snapshot, lang: Language, m: HostMessages): string {
  const def = METRICS[a.metric];
  let text = a.message;
  if (def) {
    const key = a.subject.key;
    const sourceId = a.sourceId ?? (a.subject.kind === 'source' ? key : key.slice(0, key.indexOf(':')));
    const source = snapshot.sources.find((s) => s.id === sourceId);
    const where = sourceLabel(source, sourceId);
    // A source upstream of ours (a remote collector's own source) is named by its alert; our source's
    // status and error are not its own.
    const upstream = a.subject.kind === 'source' && key !== sourceId;
    const own = upstream ? undefined : source;
    let subject: string;
    if (upstream) subject = a.subjectName || key;
    else if (a.subject.kind === 'source') subject = where;
    else subject = a.subjectName || key.slice(key.indexOf(':') + 1);
    text = alertWords(lang).line(def, a.value, a.threshold, {
      subject,
      source: where,
      ip: null,
      status: own?.status,
      error: own?.lastError ?? null,
      problem: own?.problem ?? null,
    }, a.peak ?? null);
  }
  if (text.length > 80) text = `${text.slice(0, 79)}…`;
  return a.acknowledged ? m.t('tray.acknowledged', { text }) : a.snoozedUntil !== null ? m.t('tray.snoozed', { text }) : text;
}

/**
 * The menu's order: critical first, a source's own alert (its feed lost) first among them, as the
 * wallboard lists them, then the oldest first; so five queue alerts never hide a source down.
 */
function menuOrder(a: Alert, b: Alert): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  const sourceA = a.subject.kind === 'source';
  if (sourceA !== (b.subject.kind === 'source')) return sourceA ? -1 : 1;
  return byUrgency(a, b);
}

export function buildTrayModel(snapshot: Snapshot, opts: TrayBuildOptions): TrayModel {
  const lang = opts.language ?? 'en';
  const m = hostMessages(lang);
  const firing = snapshot.alerts.filter((a) => a.state === 'firing' && !a.suppressed).sort(menuOrder);
  const critical = firing.filter((a) => a.severity === 'critical');
  const warnings = firing.length - critical.length;
  const stale = snapshot.sources.some((s) => isStale(s, opts));
  // A degraded source (live, but part of its feed failing) is amber, as its card's border is.
  const degraded = snapshot.sources.some((s) => s.status === 'degraded');
  let level: TrayLevel = 'ok';
  if (critical.some((a) => a.subject.kind !== 'source')) level = 'critical';
  else if (stale) level = 'stale';
  else if (critical.length) level = 'critical';
  else if (warnings || degraded) level = 'warning';

  const parts: string[] = [];
  const counts = [critical.length ? m.t('tip.critical', { count: critical.length }) : '', warnings ? m.t('tip.warnings', { count: warnings }) : ''].filter(Boolean);
  parts.push(counts.length ? counts.join(', ') : m.t('tip.noAlerts'));
  if (snapshot.queues.length) {
    const waiting = snapshot.queues.reduce((n, q) => n + q.waiting, 0);
    parts.push(waiting ? m.t('tip.waiting', { count: waiting }) : m.t('tip.noWaiting'));
  }
  // Before the sources: a long list is what gets cut at the tooltip's limit, not this.
  if (opts.notificationsPaused) parts.push(m.t('tip.paused'));
  else if (opts.quiet) parts.push(opts.quiet.until ? m.t('tip.quietUntil', { time: untilText(opts.quiet.at, opts.quiet.until, lang) }) : m.t('tip.quiet'));
  const shown = snapshot.sources.filter((s) => s.status !== 'stopped');
  if (shown.length) parts.push(shown.map((s) => m.t('tip.source', { source: label(s, snapshot.sources, m), state: sourceState(s, opts, m).text })).join(', '));
  else if (!snapshot.sources.length) parts.push(m.t('tip.noSources'));
  let tooltip = parts.join(' · ');
  if (tooltip.length > TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TOOLTIP_MAX - 1)}…`;

  return {
    level,
    tooltip,
    title: firing.length ? String(firing.length) : '',
    topAlerts: firing.slice(0, TOP).map((a) => ({ id: a.id, label: alertLabel(a, snapshot, lang, m), severity: a.severity })),
    sources: snapshot.sources.map((s) => {
      const state = sourceState(s, opts, m);
      const name = label(s, snapshot.sources, m);
      const shownName = state.old ? m.t('tray.sourceAge', { source: name, state: state.text }) : name;
      return { id: s.id, label: shownName, status: s.status, menuLabel: m.t('tray.sourceStatus', { source: shownName, status: statusText(s.status, m) }) };
    }),
    notificationsPaused: opts.notificationsPaused,
    updateReady: opts.updateReady ?? false,
    menu: {
      open: m.t('tray.open'),
      activeAlerts: m.t('tray.activeAlerts'),
      snoozeAll: m.t('tray.snoozeAll'),
      snoozeChoices: [
        { label: m.t('tray.snooze15m'), minutes: 15 },
        { label: m.t('tray.snooze1h'), minutes: 60 },
        { label: m.t('tray.snooze4h'), minutes: 240 },
      ],
      noAlerts: m.t('tray.noAlerts'),
      pause: m.t('tray.pause'),
      sources: m.t('tray.sources'),
      noSources: m.t('tray.noSources'),
      restartToUpdate: m.t('tray.restartToUpdate'),
      quit: m.t('tray.quit'),
    },
  };
}
