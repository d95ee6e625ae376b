import { describe, expect, it } from 'vitest';
import { quietNow, untilText, zonedLocalTime } from '../../src/shared/quiet';
import { createAlertEngine } from '../../src/core/alerts/engine';
import { AlertSettingsSchema } from '../../src/shared/settings';
import { FakeClock } from '../fakes/clock';
import { memoryLogger } from '../../src/core/util/logger';

const MON = 1;
const FRI = 5;
const SAT = 6;
const at = (day: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return { day, minutes: h * 60 + m };
};

describe('quiet hours in force now', () => {
  const nights = { windows: [{ days: [1, 2, 3, 4, 5], start: '22:00', end: '07:00' }], allowCritical: true };

  it('is null outside the windows and ends at the window end, across midnight', () => {
    expect(quietNow(nights, at(MON, '21:59'))).toBeNull();
    expect(quietNow(nights, at(MON, '22:00'))).toEqual({ allowCritical: true, until: at(2, '07:00') });
    expect(quietNow(nights, at(SAT, '06:59'))).toEqual({ allowCritical: true, until: at(SAT, '07:00') });
    expect(quietNow(nights, at(SAT, '07:00'))).toBeNull();
    expect(quietNow(null, at(MON, '23:00'))).toBeNull();
  });

  it('runs windows that meet into one: a weekend after Friday night ends on Monday morning', () => {
    const q = { windows: [...nights.windows, { days: [6, 0], start: '00:00', end: '00:00' }, { days: [0], start: '22:00', end: '07:00' }], allowCritical: false };
    expect(quietNow(q, at(FRI, '23:30'))).toEqual({ allowCritical: false, until: at(MON, '07:00') });
    expect(untilText(at(FRI, '23:30'), at(MON, '07:00'), 'en')).toBe('Mon 07:00');
    expect(untilText(at(FRI, '23:30'), at(MON, '07:00'), 'fr')).toBe('lun. 07:00');
    expect(untilText(at(FRI, '23:30'), at(SAT, '07:00'), 'en')).toBe('07:00');
  });

  it('has no end when every minute of the week is quiet', () => {
    const always = { windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' }], allowCritical: false };
    expect(quietNow(always, at(3, '12:00'))).toEqual({ allowCritical: false, until: null });
  });

  it('reads the local time in a named time zone, and in this machine\'s for an unknown one', () => {
    const ms = Date.UTC(2026, 10, 20, 23, 30); // Friday 23:30 UTC
    expect(zonedLocalTime(ms, 'UTC')).toEqual(at(FRI, '23:30'));
    expect(zonedLocalTime(ms, 'Europe/Moscow')).toEqual(at(SAT, '02:30'));
    expect(zonedLocalTime(ms, 'America/Bogota')).toEqual(at(FRI, '18:30'));
    const d = new Date(ms);
    expect(zonedLocalTime(ms, 'Not/AZone')).toEqual({ day: d.getDay(), minutes: d.getHours() * 60 + d.getMinutes() });
  });

  it('is what the alert engine reports, in its own local time', () => {
    const clock = new FakeClock(0);
    const engine = createAlertEngine({
      clock,
      logger: memoryLogger(),
      lookup: { agent: () => undefined, queue: () => undefined, site: () => undefined, source: () => undefined },
      settings: AlertSettingsSchema.parse({ quietHours: nights }),
      localTime: (ms) => (ms < 1000 ? at(MON, '21:00') : at(MON, '23:00')),
    });
    expect(engine.quietNow(0)).toBeNull();
    expect(engine.quietNow(5000)).toEqual({ allowCritical: true, until: at(2, '07:00'), at: at(MON, '23:00') });
    engine.setSettings(AlertSettingsSchema.parse({}));
    expect(engine.quietNow(5000)).toBeNull();
  });
});
