/**
 * Alert engine (minimal first version: vendor-raised alerts only). Rules, noise control and
 * notifications are built out in this folder.
 */
import type { Alert, Agent, Queue, Site, Source } from '../../shared/model';
import { AlertSettingsSchema, type AlertSettings } from '../../shared/settings';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { AlertEngineApi, Notifier, VendorAlertEvent } from './types';

export interface AlertEngineOptions {
  clock: Clock;
  logger: Logger;
  notifier?: Notifier;
  settings?: AlertSettings;
  historyPath?: string;
  lookup: {
    source(id: string): Source | undefined;
    agent(key: string): Agent | undefined;
    queue(key: string): Queue | undefined;
    site(key: string): Site | undefined;
  };
}

export function createAlertEngine(opts: AlertEngineOptions): AlertEngineApi {
  const alerts = new Map<string, Alert>();
  const listeners = new Set<(a: Alert) => void>();
  let settings = opts.settings ?? AlertSettingsSchema.parse({});
  const changed = (a: Alert) => listeners.forEach((l) => l(a));
  const expiry = new Map<string, number>();
  return {
    onEntity: () => undefined,
    onVendorAlert(sourceId: string, ev: VendorAlertEvent, now: number) {
      const key = `${sourceId}:${ev.queueId}`;
      const id = `${ev.metric}|${key}`;
      const prev = alerts.get(id);
      const a: Alert = {
        id,
        ruleId: ev.metric,
        metric: ev.metric,
        severity: 'critical',
        state: 'firing',
        subject: { kind: 'queue', key },
        value: ev.value ?? null,
        threshold: null,
        since: prev && prev.state === 'firing' ? prev.since : now,
        message: ev.message ?? ev.metric,
        acknowledged: prev?.acknowledged ?? false,
        snoozedUntil: prev?.snoozedUntil ?? null,
        sourceId,
      };
      alerts.set(id, a);
      expiry.set(id, now + (ev.validitySec ?? 300) * 1000);
      changed(a);
    },
    tick(now: number) {
      for (const [id, until] of expiry) {
        if (until > now) continue;
        expiry.delete(id);
        const a = alerts.get(id);
        if (a && a.state !== 'resolved') {
          const r = { ...a, state: 'resolved' as const, resolvedAt: now };
          alerts.set(id, r);
          changed(r);
        }
      }
    },
    setSourceCadence: () => undefined,
    list: (filter) => [...alerts.values()].filter((a) => filter === 'all' || a.state === 'firing'),
    get: (id) => alerts.get(id),
    ack(id) {
      const a = alerts.get(id);
      if (!a) return null;
      const n = { ...a, acknowledged: true };
      alerts.set(id, n);
      changed(n);
      return n;
    },
    snooze: () => [],
    unsnooze: () => [],
    history: () => [...alerts.values()].filter((a) => a.state === 'resolved'),
    exportCsv: () => '',
    settings: () => settings,
    setSettings(s) {
      settings = s;
    },
    onAlertChanged(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    flush: async () => undefined,
  };
}
