/**
 * What the lead did to the alerts outlives a restart: an engine stopped with an alert acknowledged,
 * one snoozed until recovered, a timed snooze and a recent notification, and a new engine started on
 * the same files, which sees the same trouble again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertHarness, T0, type AlertHarness } from './alerts-harness';
import { CARRY_GRACE_MS } from '../../src/core/alerts/carry';
import { SNOOZE_UNTIL_RECOVERED } from '../../src/core/alerts/types';

const fire = (h: AlertHarness, id: string) => {
  h.latency(id, 450);
  h.latency(id, 450);
};
const clear = (h: AlertHarness, id: string) => {
  h.latency(id, 50);
  h.latency(id, 50);
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alert-carry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('alerts across a restart', () => {
  it('keep their acknowledgement, their snooze and their cooldown when the same trouble fires again just after', async () => {
    const path = join(dir, 'alert-history.json');
    const before = alertHarness({ historyPath: path });
    for (const id of ['1', '2', '3', '4']) fire(before, id);
    expect(before.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:agent.latency|wv:2', 'raise:agent.latency|wv:3', 'raise:agent.latency|wv:4']);
    before.engine.ack('agent.latency|wv:1', before.now());
    before.engine.snooze({ alertId: 'agent.latency|wv:2', minutes: null }, before.now());
    before.engine.snooze({ alertId: 'agent.latency|wv:3', minutes: 60 }, before.now());
    await before.engine.flush();
    expect(existsSync(join(dir, 'alert-state.json'))).toBe(true);

    // Restarted two minutes later ("Restart to update"): the same four agents are still in trouble.
    const after = alertHarness({ historyPath: path, start: T0 + 120_000 });
    for (const id of ['1', '2', '3', '4']) fire(after, id);
    const get = (id: string) => after.engine.get(`agent.latency|wv:${id}`)!;
    expect(get('1').acknowledged).toBe(true);
    expect(get('2').snoozedUntil).toBe(SNOOZE_UNTIL_RECOVERED);
    expect(get('3').snoozedUntil).toBe(T0 + 3_600_000);
    expect(get('4')).toMatchObject({ acknowledged: false, snoozedUntil: null });
    // Nothing is told again at once: 1 acknowledged, 2 and 3 snoozed, 4 notified 2 minutes ago (cooldown 15 min).
    expect(after.notifier.sent).toEqual([]);
    // The cooldown ends with 4 still firing: told once, as "still".
    await after.advance(13 * 60_000 + 1000);
    expect(after.notifier.summary()).toEqual(['renotify:agent.latency|wv:4']);
    // Once an alert recovers, its next lifecycle starts afresh.
    clear(after, '1');
    fire(after, '1');
    expect(get('1').acknowledged).toBe(false);
  });

  it('carry nothing to a lifecycle that starts after the grace, and start afresh on an unreadable file', async () => {
    const path = join(dir, 'alert-history.json');
    const before = alertHarness({ historyPath: path });
    fire(before, '1');
    before.engine.ack('agent.latency|wv:1', before.now());
    await before.engine.flush();
    const late = alertHarness({ historyPath: path, start: T0 + 60_000 });
    await late.advance(CARRY_GRACE_MS + 1000);
    fire(late, '1');
    expect(late.engine.get('agent.latency|wv:1')!.acknowledged).toBe(false);

    writeFileSync(join(dir, 'alert-state.json'), '{ cut short');
    const broken = alertHarness({ historyPath: path, start: T0 + 60_000 });
    fire(broken, '1');
    expect(broken.engine.get('agent.latency|wv:1')!.acknowledged).toBe(false);
    expect(broken.notifier.summary()).toEqual(['raise:agent.latency|wv:1']);
    expect(broken.logger.lines.join('\n')).toMatch(/saved state .*alert-state\.json is not readable; acknowledgements and snoozes start afresh/);
  });
});
