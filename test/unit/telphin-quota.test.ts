import { describe, expect, it } from 'vitest';
import { nextHour, parseReset, Quota } from '../../src/core/connectors/telphin/quota';

const NOW = Date.UTC(2026, 10, 21, 9, 20, 0);
const headers = (h: Record<string, string>) => new Headers(h);

describe('Telphin quota', () => {
  it('reads X-RateLimit-Reset as an epoch in seconds or ms, or as seconds until the reset', () => {
    expect(parseReset(Math.floor(NOW / 1000) + 600, NOW)).toBe(NOW + 600_000);
    expect(parseReset(NOW + 600_000, NOW)).toBe(NOW + 600_000);
    expect(parseReset(600, NOW)).toBe(NOW + 600_000);
    expect(parseReset(null, NOW)).toBeNull();
    expect(nextHour(NOW)).toBe(Date.UTC(2026, 10, 21, 10, 0, 0));
  });

  it('ignores answers without quota headers', () => {
    const q = new Quota();
    expect(q.update(headers({}), NOW)).toBe(false);
    expect(q.delay(NOW, 120_000, 3)).toBe(120_000);
    expect(q.blockedUntil(NOW)).toBeNull();
  });

  it('keeps the configured cadence while the budget allows it', () => {
    const q = new Quota();
    q.update(headers({ 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '900', 'X-RateLimit-Reset': '2400' }), NOW);
    expect(q.delay(NOW, 120_000, 3)).toBe(120_000);
  });

  it('slows down so that the remaining budget lasts until the reset', () => {
    const q = new Quota();
    q.update(headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '11', 'X-RateLimit-Reset': '2400' }), NOW);
    // (11 - 2 reserved) / 3 per cycle = 3 cycles in 40 min → one every 10 min
    const d = q.delay(NOW, 120_000, 3);
    expect(d).toBeGreaterThanOrEqual(600_000);
    expect(d).toBeLessThan(610_000);
  });

  it('waits for the reset when the budget is spent, and blocks requests until then', () => {
    const q = new Quota();
    q.update(headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '4', 'X-RateLimit-Reset': '600' }), NOW);
    expect(q.delay(NOW, 120_000, 3)).toBeGreaterThanOrEqual(600_000);
    for (let i = 0; i < 4; i++) {
      expect(q.blockedUntil(NOW)).toBeNull();
      q.spend();
    }
    expect(q.blockedUntil(NOW)).toBeGreaterThanOrEqual(NOW + 600_000);
    expect(q.blockedUntil(NOW + 601_000)).toBeNull();
  });

  it('treats a 429 as a spent quota until the announced reset, or the next hour without one', () => {
    const q = new Quota();
    expect(q.exhausted(NOW)).toBeGreaterThanOrEqual(nextHour(NOW));
    const r = new Quota();
    r.update(headers({ 'X-RateLimit-Reset': '120' }), NOW);
    expect(r.exhausted(NOW)).toBeGreaterThanOrEqual(NOW + 120_000);
    expect(r.exhausted(NOW)).toBeLessThan(NOW + 125_000);
  });
});

describe('Telphin quota: manual checks', () => {
  it('affords a cycle only while the budget beyond the reserve covers it', () => {
    const q = new Quota();
    expect(q.affords(NOW, 3)).toBe(true);
    q.update(headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': '600' }), NOW);
    expect(q.affords(NOW, 3)).toBe(true);
    expect(q.affords(NOW, 4)).toBe(false);
    expect(q.affords(NOW + 601_000, 4)).toBe(true);
  });
});
