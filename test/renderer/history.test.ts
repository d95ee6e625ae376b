import { describe, expect, it } from 'vitest';
import { DETAIL_TTL_MS, fetchHistory } from '../../src/renderer/lib/history';
import type { DashboardClient } from '../../src/renderer/bridge/client';

/** A client that answers history:get with the number of the call, and counts them. */
function counting() {
  let calls = 0;
  const client = { invoke: async () => [{ t: 0, v: ++calls }] } as unknown as DashboardClient;
  return { client, calls: () => calls };
}

describe('metric history cache', () => {
  it('serves a sparkline from one answer for 30 s, and a detail from one answer for a few seconds', async () => {
    const spark = counting();
    await fetchHistory(spark.client, 'wv:1', 'latency', 1_000).promise;
    await fetchHistory(spark.client, 'wv:1', 'latency', 1_000 + 10_000).promise;
    expect(spark.calls()).toBe(1); // a table scrolled back and forth does not ask again
    await fetchHistory(spark.client, 'wv:1', 'latency', 1_000 + 31_000).promise;
    expect(spark.calls()).toBe(2);

    const detail = counting();
    await fetchHistory(detail.client, 'ax:q', 'waiting', 1_000, DETAIL_TTL_MS).promise;
    await fetchHistory(detail.client, 'ax:q', 'waiting', 1_000 + DETAIL_TTL_MS - 1, DETAIL_TTL_MS).promise;
    expect(detail.calls()).toBe(1);
    const later = fetchHistory(detail.client, 'ax:q', 'waiting', 1_000 + DETAIL_TTL_MS + 1, DETAIL_TTL_MS);
    expect(await later.promise).toEqual([{ t: 0, v: 2 }]); // the trend follows the live figures
    expect(DETAIL_TTL_MS).toBeLessThanOrEqual(5_000);
  });
});
