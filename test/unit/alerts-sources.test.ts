import { describe, expect, it } from 'vitest';
import { alertHarness } from './alerts-harness';
import { resolveRules } from '../../src/core/alerts/rules';

const SRC = 'source.down|wv';

describe('source down: thresholds are the seconds the source has been down', () => {
  it('an edited critical threshold is when the alert fires, and its value counts the seconds down', async () => {
    const h = alertHarness({ settings: { rules: [{ id: 'source.down', critical: 120 }] } });
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(61_000);
    expect(h.alert(SRC)).toBeUndefined();
    await h.advance(59_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', severity: 'critical', value: 120, threshold: 120, since: h.now() - 120_000 });
    await h.advance(30_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', value: 150, threshold: 120 });
    expect(h.alert(SRC)!.message).toBe('Wolkvox Bogotá is down: connection refused');
    expect(h.kinds()).toEqual(['raise']);
    h.source('wv', 'live', { lastError: null });
    expect(h.alert(SRC)).toMatchObject({ state: 'resolved', value: 150, peak: 150 });
  });

  it('a source that keeps coming back for a moment and failing again is one outage: its alert still fires', async () => {
    const h = alertHarness();
    for (let i = 0; i < 3; i++) {
      h.source('wv', 'down', { lastError: 'Axialys keeps closing the notification feed' });
      await h.advance(15_000);
      h.source('wv', 'live', { lastError: null });
      await h.advance(5_000);
    }
    expect(h.alert(SRC)).toBeUndefined();
    h.source('wv', 'down', { lastError: 'Axialys keeps closing the notification feed' });
    // 60 s after the first failure, breaks included.
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', severity: 'critical', value: 60, since: h.now() - 60_000 });
    expect(h.kinds()).toEqual(['raise']);
    // Back for good (more than a minute), then failing: a new outage, counted from then.
    h.source('wv', 'live', { lastError: null });
    expect(h.alert(SRC)).toMatchObject({ state: 'resolved' });
    await h.advance(61_000);
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(30_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'resolved' });
    await h.advance(30_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', since: h.now() - 60_000 });
  });

  it("another collector down: the advice is to check that collector, not a vendor's status page", async () => {
    const h = alertHarness({ settings: { groupWindowSec: 0 } });
    h.source('team', 'down', { vendor: 'collector', name: 'Team floor', lastError: 'Collector: could not reach 127.0.0.1:8787 (ECONNREFUSED); retrying' });
    await h.advance(60_000);
    expect(h.notifier.sent.at(-1)!.body).toMatch(/check that the collector is running and that this computer can reach it/);
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(60_000);
    expect(h.notifier.sent.at(-1)!.body).toMatch(/check the network and the vendor status page/);
  });

  it('the default raises critical at 60 s with the seconds down as its value', async () => {
    const h = alertHarness();
    h.source('wv', 'auth_failed', { lastError: '403 PLEASE VALIDATE TOKEN' });
    await h.advance(59_000);
    expect(h.alert(SRC)).toBeUndefined();
    await h.advance(1_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', severity: 'critical', value: 60, threshold: 60 });
  });

  it('a warning threshold raises a warning first, told again as "Now critical" at the critical one', async () => {
    const h = alertHarness({ settings: { rules: [{ id: 'source.down', warning: 20 }] } });
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(20_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', severity: 'warning', value: 20, threshold: 20 });
    await h.advance(40_000);
    expect(h.alert(SRC)).toMatchObject({ state: 'firing', severity: 'critical', value: 60, threshold: 60 });
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    expect(h.notifier.sent.map((n) => n.title)).toEqual(['Warning: Feed lost', 'Now critical: Feed lost']);
  });

  it('a rule with only a warning raises only a warning; one with neither never raises', async () => {
    const warnOnly = alertHarness({ settings: { rules: [{ id: 'source.down', warning: 30, critical: null }] } });
    warnOnly.source('wv', 'down');
    await warnOnly.advance(600_000);
    expect(warnOnly.alert(SRC)).toMatchObject({ severity: 'warning', value: 600, threshold: 30 });
    const none = alertHarness({ settings: { rules: [{ id: 'source.down', warning: null, critical: null }] } });
    none.source('wv', 'down');
    await none.advance(600_000);
    expect(none.alert(SRC)).toBeUndefined();
  });

  it('an older `forSec` is the critical threshold where the rule sets no critical of its own', async () => {
    expect(resolveRules([{ id: 'source.down', forSec: 120 }]).byId.get('source.down')).toMatchObject({ warning: null, critical: 120 });
    expect(resolveRules([{ id: 'source.down', forSec: 120, critical: 90 }]).byId.get('source.down')!.critical).toBe(90);
    expect(resolveRules([{ id: 'source.down', forSec: 120, critical: null, warning: 30 }]).byId.get('source.down')).toMatchObject({ warning: 30, critical: null });
    expect(resolveRules([{ id: 'feed-wv', metric: 'source.down', forSec: 5, scope: { sources: ['wv'] } }]).byId.get('feed-wv')!.critical).toBe(5);
    // forSec means nothing to sampled rules.
    expect(resolveRules([{ id: 'queue.waiting', forSec: 30 }]).byId.get('queue.waiting')!.critical).toBe(10);
    const h = alertHarness({ settings: { rules: [{ id: 'source.down', forSec: 90 }] } });
    h.source('wv', 'down');
    await h.advance(89_000);
    expect(h.alert(SRC)).toBeUndefined();
    await h.advance(1_000);
    expect(h.alert(SRC)).toMatchObject({ severity: 'critical', value: 90, threshold: 90 });
  });

  it('healthy sources cost the tick nothing; a down one publishes its value once a second only once raised', async () => {
    const h = alertHarness();
    await h.advance(120_000);
    expect(h.changes).toEqual([]);
    h.source('wv', 'down');
    await h.advance(59_000);
    expect(h.changes).toEqual([]);
    await h.advance(5_000);
    expect(h.changes.map((a) => [a.id, a.value])).toEqual([
      [SRC, 60],
      [SRC, 61],
      [SRC, 62],
      [SRC, 63],
      [SRC, 64],
    ]);
  });
});
