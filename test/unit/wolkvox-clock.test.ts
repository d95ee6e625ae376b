import { describe, expect, it } from 'vitest';
import { ClockWatch, clockWarning, reportClockOffsetMin } from '../../src/core/connectors/wolkvox/clock';

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

  it('blames a zone for old dates only while measurements keep coming; dates ahead at once', () => {
    const watch = new ClockWatch();
    const HOUR = 60 * MIN;
    // The first report cannot tell an agent no longer measured from a zone.
    expect(watch.see({ newest: NOW - 5 * HOUR, now: NOW })).toEqual({ kind: 'same' });
    // The newest moved: measurements are coming, dated five hours back.
    expect(watch.see({ newest: NOW - 5 * HOUR + 5 * MIN, now: NOW + 5 * MIN })).toEqual({ kind: 'off', offsetMin: -300, log: true });
    expect(watch.see({ newest: NOW - 5 * HOUR + 10 * MIN, now: NOW + 10 * MIN })).toEqual({ kind: 'off', offsetMin: -300, log: false });
    // They stop: the warning stays as it was, and the log says nothing more however old they grow.
    for (let i = 1; i <= 48; i++) expect(watch.see({ newest: NOW - 5 * HOUR + 10 * MIN, now: NOW + 10 * MIN + i * 5 * MIN })).toEqual({ kind: 'same' });
    // The zone set right: the dates agree, said once.
    expect(watch.see({ newest: NOW + 299 * MIN, now: NOW + 300 * MIN })).toEqual({ kind: 'agrees', log: true });
    expect(watch.see({ newest: NOW + 304 * MIN, now: NOW + 305 * MIN })).toEqual({ kind: 'agrees', log: false });
    // A measurement dated hours ahead is never a measurement: said at the first report.
    const ahead = new ClockWatch();
    expect(ahead.see({ newest: NOW + 9 * HOUR, now: NOW })).toEqual({ kind: 'off', offsetMin: 540, log: true });
    // Logged again only when it moves by an hour (the zone changed its offset, or another zone was set).
    expect(ahead.see({ newest: NOW + 9 * HOUR + 30 * MIN, now: NOW })).toEqual({ kind: 'off', offsetMin: 570, log: false });
    expect(ahead.see({ newest: NOW + 10 * HOUR, now: NOW })).toEqual({ kind: 'off', offsetMin: 600, log: true });
  });

  it('an agent that stops being measured never makes a warning, however long it stays connected', () => {
    const watch = new ClockWatch();
    const last = NOW - 2 * MIN;
    for (let i = 0; i < 100; i++) expect(watch.see({ newest: last, now: NOW + i * 5 * MIN }).kind).not.toBe('off');
  });
});
