import { describe, expect, it } from 'vitest';
import { clockWarning, reportClockOffsetMin } from '../../src/core/connectors/wolkvox/clock';

const NOW = Date.UTC(2026, 10, 21, 15, 0, 0);
const MIN = 60_000;

describe("Wolkvox report dates against this computer's clock", () => {
  it('agrees within what a measurement can be: up to 50 min before the poll, 10 min after', () => {
    expect(reportClockOffsetMin({ newest: NOW - 49 * MIN, now: NOW })).toBe(0);
    expect(reportClockOffsetMin({ newest: NOW + 9 * MIN, now: NOW })).toBe(0);
    expect(reportClockOffsetMin({ newest: NOW, now: NOW })).toBe(0);
  });

  it('is off by the minutes beyond that, behind or ahead', () => {
    expect(reportClockOffsetMin({ newest: NOW - 5 * 60 * MIN - 40_000, now: NOW })).toBe(-301);
    expect(reportClockOffsetMin({ newest: NOW + 9 * 60 * MIN, now: NOW })).toBe(540);
    expect(reportClockOffsetMin({ newest: NOW - 51 * MIN, now: NOW })).toBe(-51);
  });

  it('says nothing without a connected agent dated', () => {
    expect(reportClockOffsetMin({ newest: null, now: NOW })).toBeNull();
  });

  it('says by how much, which way, and the zone in use', () => {
    expect(clockWarning(-301, 'UTC')).toBe(
      "Wolkvox dates the newest network measurement of a connected agent 5 h 1 min before this computer's clock: check the source's time zone (now UTC); it must be the one the Wolkvox account writes its dates in.",
    );
    expect(clockWarning(540, undefined)).toMatch(/ 9 h 0 min after this computer's clock: check the source's time zone \(now this computer's, [\w/+-]+\);/);
  });
});
