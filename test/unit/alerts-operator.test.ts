import { describe, expect, it } from 'vitest';
import { alertHarness, T0, type AlertHarness } from './alerts-harness';
import { SNOOZE_UNTIL_RECOVERED } from '../../src/core/alerts/types';
import { notificationActionHandler } from '../../src/core/alerts/actions';
import type { AlertNotification, NotificationAction } from '../../src/core/alerts/types';
import type { Alert } from '../../src/shared/model';
import { memoryLogger } from '../../src/core/util/logger';
import { inQuietHours } from '../../src/core/alerts/quiet';

const LAT = 'agent.latency|wv:1001';
const fire = (h: AlertHarness, id = '1001', ms = 450) => {
  h.latency(id, ms);
  h.latency(id, ms);
};
const clear = (h: AlertHarness, id = '1001') => {
  h.latency(id, 50);
  h.latency(id, 50);
};

/** A notification's button pressed, through the commands the bridge runs; answers the alerts changed. */
async function press(h: AlertHarness, n: AlertNotification, action: NotificationAction): Promise<Alert[]> {
  const out: Alert[] = [];
  const run = async (channel: string, payload: unknown) => {
    if (channel === 'alerts:ack') {
      const a = h.engine.ack((payload as { id: string }).id, h.now());
      if (a) out.push(a);
    } else out.push(...h.engine.snooze(payload as { alertId: string; minutes: number }, h.now()));
  };
  notificationActionHandler(run, memoryLogger(), (id) => h.engine.get(id))(n, action);
  await Promise.resolve();
  return out;
}

describe('acknowledge', () => {
  it('answers the updated alert, mutes it until recovery (sticky), and a new lifecycle starts unacknowledged', () => {
    const h = alertHarness();
    h.latency('1001', 250);
    h.latency('1001', 250);
    const acked = h.engine.ack(LAT, h.now());
    expect(acked).toMatchObject({ id: LAT, acknowledged: true, state: 'firing' });
    expect(h.changes.at(-1)).toBe(acked);
    h.latency('1001', 450);
    h.latency('1001', 450);
    expect(h.alert(LAT)!.severity).toBe('critical');
    expect(h.kinds()).toEqual(['raise']);
    clear(h);
    expect(h.kinds()).toEqual(['raise', 'recover']);
    fire(h);
    expect(h.alert(LAT)!.acknowledged).toBe(false);
  });

  it('takes an acknowledgement back: a step up to critical is notified again', () => {
    const h = alertHarness();
    h.latency('1001', 250);
    h.latency('1001', 250);
    h.engine.ack(LAT, h.now());
    expect(h.engine.unack(LAT, h.now())).toMatchObject({ id: LAT, acknowledged: false, state: 'firing' });
    expect(h.changes.at(-1)).toMatchObject({ acknowledged: false });
    h.latency('1001', 450);
    h.latency('1001', 450);
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    expect(h.engine.unack('nope', h.now())).toBeNull();
  });

  it('answers null for an unknown id and the resolved alert for a resolved one', () => {
    const h = alertHarness();
    expect(h.engine.ack('nope', h.now())).toBeNull();
    fire(h);
    clear(h);
    expect(h.engine.ack(LAT, h.now())).toMatchObject({ id: LAT, state: 'resolved' });
  });

  it('expires after ackExpiryHours and reminds once if still firing', async () => {
    const h = alertHarness({ settings: { ackExpiryHours: 1 } });
    fire(h);
    h.engine.ack(LAT, h.now());
    await h.advance(59 * 60_000);
    expect(h.alert(LAT)!.acknowledged).toBe(true);
    await h.advance(61_000);
    expect(h.alert(LAT)!.acknowledged).toBe(false);
    expect(h.kinds()).toEqual(['raise', 'renotify']);
  });

  it('notification buttons act on every alert the notification names', async () => {
    const h = alertHarness({ settings: { groupWindowSec: 5 } });
    fire(h, '1');
    fire(h, '2');
    await h.advance(5000);
    const n = h.notifier.sent[0]!;
    expect(n.kind).toBe('group');
    const out = await press(h, n, { kind: 'ack' });
    expect(out.map((a) => a.acknowledged)).toEqual([true, true]);
    const snoozed = await press(h, n, { kind: 'snooze', minutes: 60 });
    expect(snoozed.map((a) => a.snoozedUntil)).toEqual([h.now() + 3_600_000, h.now() + 3_600_000]);
  });

  it('Acknowledge on an old notification leaves a later lifecycle of the same alert alone; Snooze 1 h still snoozes it', async () => {
    const h = alertHarness({ settings: { cooldownMin: 0 } });
    fire(h);
    const old = h.notifier.sent[0]!;
    expect(old.lifecycles).toEqual({ [LAT]: h.alert(LAT)!.since });
    clear(h);
    await h.advance(60_000);
    fire(h);
    expect(h.alert(LAT)!.since).not.toBe(old.lifecycles![LAT]);
    expect(await press(h, old, { kind: 'ack' })).toEqual([]);
    expect(h.alert(LAT)!.acknowledged).toBe(false);
    // The notification of the lifecycle that fires now acknowledges it.
    const current = h.notifier.sent.at(-1)!;
    expect(current.kind).toBe('raise');
    expect((await press(h, current, { kind: 'ack' })).map((a) => a.acknowledged)).toEqual([true]);
    const snoozed = await press(h, old, { kind: 'snooze', minutes: 60 });
    expect(snoozed.map((a) => a.snoozedUntil)).toEqual([h.now() + 3_600_000]);
  });
});

describe('snooze', () => {
  it('one alert for 15 min: silent, then reminded once if still firing', async () => {
    const h = alertHarness({ settings: { cooldownMin: 0 } });
    fire(h);
    const [a] = h.engine.snooze({ alertId: LAT, minutes: 15 }, h.now());
    expect(a).toMatchObject({ id: LAT, snoozedUntil: h.now() + 15 * 60_000 });
    h.latency('1001', 50);
    h.latency('1001', 50);
    fire(h);
    // Re-raised during the snooze: still snoozed (the snooze covers this alert id), so silent.
    expect(h.alert(LAT)!.snoozedUntil).toBe(a!.snoozedUntil);
    expect(h.kinds()).toEqual(['raise']);
    await h.advance(15 * 60_000);
    expect(h.alert(LAT)!.snoozedUntil).toBeNull();
    expect(h.kinds()).toEqual(['raise', 'raise']);
  });

  it('a rule for 1 h: current and new alerts of that rule are muted, other rules are not', async () => {
    const h = alertHarness();
    fire(h, '1');
    const out = h.engine.snooze({ ruleId: 'agent.latency', minutes: 60 }, h.now());
    expect(out.map((a) => a.id)).toEqual(['agent.latency|wv:1']);
    fire(h, '2');
    h.net('3', { loss: 5 });
    h.net('3', { loss: 5 });
    expect(h.alert('agent.latency|wv:2')!.snoozedUntil).toBe(T0 + 3_600_000);
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:agent.loss|wv:3']);
    await h.advance(3_600_000);
    expect(h.notifier.summary().slice(2).sort()).toEqual(['renotify:agent.latency|wv:1', 'raise:agent.latency|wv:2'].sort());
  });

  it('everything for 4 h, answering every updated alert', () => {
    const h = alertHarness();
    fire(h, '1');
    h.waiting('q1', 12);
    h.waiting('q1', 13);
    const out = h.engine.snooze({ minutes: 240 }, h.now());
    expect(out.map((a) => a.id).sort()).toEqual(['agent.latency|wv:1', 'queue.waiting|ax:q1']);
    fire(h, '9');
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:queue.waiting|ax:q1']);
  });

  it('one subject (all its rules)', () => {
    const h = alertHarness();
    h.engine.snooze({ subjectKey: 'wv:1', minutes: 60 }, h.now());
    h.net('1', { latencyMs: 450, loss: 5 });
    h.net('1', { latencyMs: 450, loss: 5 });
    fire(h, '2');
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:2']);
  });

  it('until recovered: never expires, ends with the alert, does not cover the next one; no recovery notice while snoozed', async () => {
    const h = alertHarness({ settings: { cooldownMin: 0 } });
    fire(h);
    const [a] = h.engine.snooze({ alertId: LAT, minutes: null }, h.now());
    expect(a!.snoozedUntil).toBe(SNOOZE_UNTIL_RECOVERED);
    await h.advance(5 * 3_600_000);
    expect(h.alert(LAT)!.snoozedUntil).toBe(SNOOZE_UNTIL_RECOVERED);
    clear(h);
    expect(h.kinds()).toEqual(['raise']);
    fire(h);
    expect(h.alert(LAT)!.snoozedUntil).toBeNull();
    expect(h.kinds()).toEqual(['raise', 'raise']);
  });

  it('unsnooze lifts current and future snoozes', () => {
    const h = alertHarness();
    fire(h, '1');
    h.engine.snooze({ ruleId: 'agent.latency', minutes: 60 }, h.now());
    const out = h.engine.unsnooze({ ruleId: 'agent.latency' }, h.now());
    expect(out).toHaveLength(1);
    expect(out[0]!.snoozedUntil).toBeNull();
    fire(h, '2');
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:agent.latency|wv:2']);
  });
});

describe('quiet hours', () => {
  // Friday 22:00 → 07:00 (spans midnight into Saturday), UTC in the harness.
  const quiet = { windows: [{ days: [5], start: '22:00', end: '07:00' }], allowCritical: true };

  it('inQuietHours handles same-day windows, windows across midnight and whole days', () => {
    const q = { windows: [{ days: [1, 2], start: '12:00', end: '13:30' }, { days: [5], start: '22:00', end: '07:00' }, { days: [0], start: '00:00', end: '00:00' }], allowCritical: false };
    expect(inQuietHours(q, { day: 1, minutes: 12 * 60 + 15 })).toBe(true);
    expect(inQuietHours(q, { day: 1, minutes: 13 * 60 + 30 })).toBe(false);
    expect(inQuietHours(q, { day: 3, minutes: 12 * 60 + 15 })).toBe(false);
    expect(inQuietHours(q, { day: 5, minutes: 23 * 60 })).toBe(true);
    expect(inQuietHours(q, { day: 6, minutes: 6 * 60 + 59 })).toBe(true);
    expect(inQuietHours(q, { day: 6, minutes: 7 * 60 })).toBe(false);
    expect(inQuietHours(q, { day: 4, minutes: 23 * 60 })).toBe(false);
    expect(inQuietHours(q, { day: 0, minutes: 600 })).toBe(true);
    expect(inQuietHours(null, { day: 0, minutes: 600 })).toBe(false);
  });

  it('silences warnings across midnight, lets criticals through, and tells what still fires when the window ends', async () => {
    const h = alertHarness({ settings: { quietHours: quiet, cooldownMin: 0 }, start: Date.UTC(2026, 10, 20, 23, 0) });
    fire(h, '1', 250);
    await h.advance(4 * 3_600_000); // Saturday 03:00
    fire(h, '2', 250);
    fire(h, '3', 450);
    fire(h, '5', 250);
    clear(h, '5'); // over before morning: never told, nor its recovery
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:3']);
    await h.advance(4 * 3_600_000 - 60_000); // Saturday 06:59: still quiet
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:3']);
    await h.advance(62_000); // 07:00: the warnings still firing are told, delayed by the window, not lost
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:3', 'raise:agent.latency|wv:1', 'raise:agent.latency|wv:2']);
    await h.advance(3_600_000); // Saturday 08:00
    fire(h, '4', 250);
    expect(h.notifier.summary().at(-1)).toBe('raise:agent.latency|wv:4');
    // Told, so their recoveries are told too.
    clear(h, '1');
    await h.advance(15_000);
    expect(h.notifier.summary().at(-1)).toBe('recover:agent.latency|wv:1');
  });

  it('with allowCritical false, criticals wait too: told when the window ends if still firing', async () => {
    const h = alertHarness({ settings: { quietHours: { ...quiet, allowCritical: false } }, start: Date.UTC(2026, 10, 20, 23, 0) });
    fire(h, '3', 450);
    expect(h.notifier.sent).toEqual([]);
    await h.advance(9 * 3_600_000); // Saturday 08:00
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:3']);
    expect(h.notifier.sent[0]!.severity).toBe('critical');
  });
});

describe('pause and sound', () => {
  it('notificationsPaused silences everything; sound follows the per-severity setting', () => {
    const h = alertHarness({ settings: { sound: { warning: true, critical: false } } });
    fire(h, '1', 250);
    fire(h, '2', 450);
    expect(h.notifier.sent.map((n) => [n.severity, n.sound])).toEqual([
      ['warning', true],
      ['critical', false],
    ]);
    h.engine.setSettings({ ...h.engine.settings(), notificationsPaused: true });
    fire(h, '3', 450);
    expect(h.notifier.sent).toHaveLength(2);
    // Resolved while paused: no recovery is shown, but the notifications still on screen for them
    // (a critical one never times out) are told to go; an alert never notified has none.
    clear(h, '2');
    clear(h, '3');
    expect(h.notifier.sent).toHaveLength(2);
    expect(h.notifier.dismissed).toEqual(['agent.latency|wv:2']);
  });
});
