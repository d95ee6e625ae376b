/**
 * Metric history for sparklines and trends (`history:get`), cached briefly so that scrolling a table
 * back and forth does not refetch. Rows ask only once they stay on screen for a moment.
 */
import { useEffect, useState } from 'react';
import type { HistoryPoint } from '../../shared/bridge';
import { useClient } from '../bridge/react';
import type { DashboardClient } from '../bridge/client';

/** How long an answer serves a sparkline (a table scrolled back and forth does not ask again). */
const TTL_MS = 30_000;
/** How long it serves one thing's details, whose trend should follow its live figures. */
export const DETAIL_TTL_MS = 5_000;
const SETTLE_MS = 150;

interface Entry {
  at: number;
  promise: Promise<HistoryPoint[]>;
  points: HistoryPoint[] | null;
}

const caches = new WeakMap<DashboardClient, Map<string, Entry>>();

function cacheOf(client: DashboardClient): Map<string, Entry> {
  let c = caches.get(client);
  if (!c) caches.set(client, (c = new Map()));
  return c;
}

export function fetchHistory(client: DashboardClient, key: string, metric: string, now = Date.now(), maxAgeMs = TTL_MS): Entry {
  const cache = cacheOf(client);
  const id = `${key}\u0000${metric}`;
  const hit = cache.get(id);
  if (hit && now - hit.at < maxAgeMs) return hit;
  const entry: Entry = { at: now, points: hit?.points ?? null, promise: Promise.resolve([]) };
  entry.promise = client.invoke('history:get', { key, metric }).then(
    (pts) => {
      entry.points = Array.isArray(pts) ? pts : [];
      return entry.points;
    },
    () => {
      entry.at = 0; // retry on next use
      return entry.points ?? [];
    },
  );
  if (cache.size > 5000) cache.clear();
  cache.set(id, entry);
  return entry;
}

/**
 * Points of each metric of an entity; `null` while loading. When `refreshKey` changes, the host is
 * asked again unless its last answer is younger than `maxAgeMs`.
 */
export function useHistory(key: string | null, metrics: readonly string[], refreshKey: unknown = null, maxAgeMs = TTL_MS): Record<string, HistoryPoint[]> | null {
  const client = useClient();
  const [data, setData] = useState<Record<string, HistoryPoint[]> | null>(null);
  const metricsId = metrics.join(',');
  useEffect(() => {
    if (!key) {
      setData(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      const entries = metricsId.split(',').map((m) => [m, fetchHistory(client, key, m, Date.now(), maxAgeMs)] as const);
      const cached = entries.every(([, e]) => e.points !== null);
      if (cached) setData(Object.fromEntries(entries.map(([m, e]) => [m, e.points ?? []])));
      void Promise.all(entries.map(([, e]) => e.promise)).then((lists) => {
        if (alive) setData(Object.fromEntries(entries.map(([m], i) => [m, lists[i] ?? []])));
      });
    }, SETTLE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, key, metricsId, refreshKey, maxAgeMs]);
  return data;
}
