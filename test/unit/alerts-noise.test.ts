import { describe, expect, it } from 'vitest';
import { alertHarness } from './alerts-harness';

const LAT = 'agent.latency|wv:1001';

const fire = (h: ReturnType<typeof alertHarness>, id = '1001', ms = 450) => {
  h.latency(id, ms);
  h.latency(id, ms);
};
const clear = (h: ReturnType<typeof alertHarness>, id = '1001') => {
  h.latency(id, 50);
  h.latency(id, 50);
};

describe('noise control', () => {
  it('cooldown: a flapping alert re-raised within 15 min is held, and reminded once if still firing when it ends', async () => {
    const h = alertHarness();
    fire(h);
    clear(h);
    expect(h.kinds()).toEqual(['raise', 'recover']);
    await h.advance(5 * 60_000);
    fire(h);
    expect(h.alert(LAT)!.state).toBe('firing');
    expect(h.kinds()).toEqual(['raise', 'recover']);
    await h.advance(9 * 60_000);
    expect(h.kinds()).toEqual(['raise', 'recover']);
    await h.advance(61_000);
    expect(h.kinds()).toEqual(['raise', 'recover', 'renotify']);
    expect(h.notifier.sent[2]!.title).toBe('Still critical: Agent latency');
  });

  it('cooldown: a re-raise that resolves before the cooldown ends is never announced, nor is its recovery', async () => {
    const h = alertHarness();
    fire(h);
    clear(h);
    await h.advance(60_000);
    fire(h);
    await h.advance(60_000);
    clear(h);
    await h.advance(20 * 60_000);
    expect(h.kinds()).toEqual(['raise', 'recover']);
    expect(h.engine.history()).toHaveLength(2);
  });

  it('cooldownMin 0 notifies every raise', () => {
    const h = alertHarness({ settings: { cooldownMin: 0 } });
    fire(h);
    clear(h);
    fire(h);
    expect(h.kinds()).toEqual(['raise', 'recover', 'raise']);
  });

  it('groups a storm of one rule within the group window into one notification naming the shared public IP', async () => {
    const h = alertHarness({ settings: { groupWindowSec: 10 } });
    const names = ['Ana', 'Luis', 'Marta', 'Juan', 'Sofía', 'Pedro', 'Lucía', 'Diego', 'Elena', 'Raúl', 'Inés', 'Tomás'];
    names.forEach((name, i) => {
      const ip = i < 9 ? '190.1.2.3' : `200.0.0.${i}`;
      h.latency(String(2000 + i), 450, 'wv', name, ip);
      h.latency(String(2000 + i), 450, 'wv', name, ip);
    });
    // A different rule in the same window is its own notification.
    h.net('3000', { loss: 3 });
    h.net('3000', { loss: 3 });
    expect(h.notifier.sent).toHaveLength(0);
    await h.advance(10_000);
    expect(h.notifier.sent).toHaveLength(2);
    const g = h.notifier.sent.find((n) => n.kind === 'group')!;
    expect(g.alertIds).toHaveLength(12);
    expect(g.title).toBe('Critical: Agent latency (12)');
    expect(g.body).toMatch(/^12 agents: latency ≥ 400 ms — 9 share public IP 190\.1\.2\.3 · Ana, Luis, Marta and 9 more \(Wolkvox Bogotá\) · check the internet link at public IP 190\.1\.2\.3$/);
    const loss = h.notifier.sent.find((n) => n.kind === 'raise')!;
    expect(loss.alertIds).toEqual(['agent.loss|wv:3000']);
  });

  it('grouped recoveries are one notification too; an alert resolved before its group flushed is left out', async () => {
    const h = alertHarness({ settings: { groupWindowSec: 10 } });
    for (const id of ['1', '2', '3']) fire(h, id);
    clear(h, '3');
    await h.advance(10_000);
    expect(h.notifier.sent.map((n) => [n.kind, n.alertIds.length])).toEqual([['group', 2]]);
    clear(h, '1');
    clear(h, '2');
    await h.advance(10_000);
    const r = h.notifier.sent[1]!;
    expect(r).toMatchObject({ kind: 'recover', alertIds: ['agent.latency|wv:1', 'agent.latency|wv:2'] });
    expect(r.body).toBe('2 agents back to normal (latency): Agent 1, Agent 2');
  });

  it('suppresses entity alerts while their source is down, raises one source alert after 60 s, and catches up on recovery', async () => {
    const h = alertHarness();
    fire(h, '1');
    expect(h.kinds()).toEqual(['raise']);
    h.source('wv', 'down', { lastError: 'connection refused' });
    expect(h.alert('agent.latency|wv:1')!.suppressed).toBe(true);
    fire(h, '2');
    expect(h.alert('agent.latency|wv:2')).toMatchObject({ state: 'firing', suppressed: true });
    // Reconnect attempts in between do not restart the outage clock.
    await h.advance(30_000);
    h.source('wv', 'connecting');
    await h.advance(10_000);
    h.source('wv', 'down', { lastError: 'connection refused' });
    expect(h.alert('source.down|wv')).toBeUndefined();
    await h.advance(21_000);
    const src = h.alert('source.down|wv')!;
    expect(src).toMatchObject({ state: 'firing', severity: 'critical', subject: { kind: 'source', key: 'wv' }, ruleId: 'source.down' });
    expect(src.since).toBe(h.now() - 61_000);
    expect(src.message).toBe('Wolkvox Bogotá is down: connection refused');
    expect(h.kinds()).toEqual(['raise', 'raise']);
    expect(h.notifier.sent[1]!.body).toContain('Wolkvox Bogotá is down for 1 min');
    h.source('wv', 'live', { lastError: null });
    expect(h.alert('source.down|wv')!.state).toBe('resolved');
    expect(h.alert('agent.latency|wv:1')!.suppressed).toBe(false);
    // The alert raised during the outage is still firing with fresh data: it is told now.
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:source.down|wv', 'recover:source.down|wv', 'raise:agent.latency|wv:2']);
  });

  it('a suppressed alert that ends during the outage is not announced as recovered', async () => {
    const h = alertHarness();
    fire(h, '1');
    h.source('wv', 'auth_failed', { lastError: '403 PLEASE VALIDATE TOKEN' });
    h.state.apply('wv', { type: 'agent.remove', id: '1' }, h.now());
    clear(h, '1');
    await h.advance(61_000);
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1', 'raise:source.down|wv']);
    expect(h.notifier.sent[1]!.body).toContain('rejected the credentials');
    expect(h.notifier.sent[1]!.body).toContain('check the credentials in the Sources view');
  });

  it('a source that comes back within 60 s raises nothing; a stopped source ends its alert quietly', async () => {
    const h = alertHarness();
    h.source('wv', 'down');
    await h.advance(50_000);
    h.source('wv', 'live');
    await h.advance(120_000);
    expect(h.notifier.sent).toEqual([]);
    h.source('wv', 'down');
    await h.advance(61_000);
    h.source('wv', 'stopped');
    expect(h.alert('source.down|wv')!.state).toBe('resolved');
    expect(h.kinds()).toEqual(['raise']);
  });

  it('a recovery is announced only when the raise was: not for alerts raised while paused', () => {
    const h = alertHarness({ settings: { notificationsPaused: true } });
    fire(h);
    h.engine.setSettings({ ...h.engine.settings(), notificationsPaused: false });
    clear(h);
    expect(h.notifier.sent).toEqual([]);
    expect(h.engine.history()[0]).toMatchObject({ id: LAT, state: 'resolved' });
  });

  it('one healthy sample stream allocates no tracks; evaluation touches only the entity that changed', () => {
    const h = alertHarness();
    for (let i = 0; i < 200; i++) h.latency(String(i), 50);
    h.latency('7', 450);
    expect(h.changes.map((a) => a.id)).toEqual(['agent.latency|wv:7']);
  });
});

describe('what was held back is delayed, not lost', () => {
  it('tells a step up to critical made during an outage once the source is back', async () => {
    const h = alertHarness();
    h.latency('1', 250);
    h.latency('1', 250);
    expect(h.kinds()).toEqual(['raise']);
    h.source('wv', 'down', { lastError: 'connection refused' });
    h.latency('1', 450);
    h.latency('1', 450);
    expect(h.alert('agent.latency|wv:1')).toMatchObject({ severity: 'critical', suppressed: true });
    h.source('wv', 'live', { lastError: null });
    await h.advance(1000);
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    expect(h.notifier.sent.at(-1)!.title).toBe('Now critical: Agent latency');
  });

  it('titles several steps up told together as steps up, and several reminders as reminders', async () => {
    const h = alertHarness({ settings: { groupWindowSec: 5 } });
    for (const id of ['1', '2']) fire(h, id, 250);
    await h.advance(5000);
    expect(h.notifier.sent.map((n) => n.title)).toEqual(['Warning: Agent latency (2)']);
    h.source('wv', 'down', { lastError: 'connection refused' });
    for (const id of ['1', '2']) fire(h, id, 450);
    h.source('wv', 'live', { lastError: null });
    await h.advance(6000);
    expect(h.notifier.sent.at(-1)).toMatchObject({ kind: 'group', title: 'Now critical: Agent latency (2)', alertIds: ['agent.latency|wv:1', 'agent.latency|wv:2'] });
    h.engine.snooze({ minutes: 15 }, h.now());
    await h.advance(15 * 60_000 + 6000);
    expect(h.notifier.sent.at(-1)).toMatchObject({ kind: 'group', title: 'Still critical: Agent latency (2)' });
    expect(h.notifier.sent).toHaveLength(3);
  });

  it('tells, once notifications resume, the alerts that started while they were paused and still fire', async () => {
    const h = alertHarness({ settings: { notificationsPaused: true } });
    fire(h, '1');
    fire(h, '2');
    clear(h, '2'); // over while paused: nothing about it
    await h.advance(5000);
    expect(h.notifier.sent).toEqual([]);
    h.engine.setSettings({ ...h.engine.settings(), notificationsPaused: false });
    await h.advance(1000);
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1']);
  });

  it('tells an alert raised under a snooze the lead lifts early', async () => {
    const h = alertHarness();
    h.engine.snooze({ minutes: 60 }, h.now());
    fire(h, '1');
    await h.advance(60_000);
    expect(h.notifier.sent).toEqual([]);
    h.engine.unsnooze({}, h.now());
    await h.advance(1000);
    expect(h.notifier.summary()).toEqual(['raise:agent.latency|wv:1']);
  });

  it('drops a grouped recovery when notifications are paused before the group is sent', async () => {
    const h = alertHarness({ settings: { groupWindowSec: 10 } });
    fire(h, '1');
    await h.advance(11_000);
    expect(h.kinds()).toEqual(['raise']);
    clear(h, '1');
    await h.advance(3000);
    h.engine.setSettings({ ...h.engine.settings(), notificationsPaused: true });
    await h.advance(10_000);
    expect(h.kinds()).toEqual(['raise']);
  });
});

describe('a flapping alert', () => {
  it('steps up to critical in a notification once per cooldown, and says so again if it is critical when the cooldown ends', async () => {
    const h = alertHarness({ settings: { cooldownMin: 15 } });
    h.latency('1', 250);
    h.latency('1', 250);
    for (let i = 0; i < 4; i++) {
      h.latency('1', 450);
      h.latency('1', 450);
      await h.advance(20_000);
      h.latency('1', 250);
      h.latency('1', 250);
      await h.advance(20_000);
    }
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    // Critical again when the cooldown ends: told once more, as a step up.
    h.latency('1', 450);
    h.latency('1', 450);
    await h.advance(15 * 60_000);
    expect(h.kinds()).toEqual(['raise', 'escalate', 'escalate']);
  });

  it('says how bad it got when it is told again while its value is back under the threshold', async () => {
    const h = alertHarness({ settings: { cooldownMin: 1 } });
    fire(h, '1', 900);
    clear(h, '1');
    fire(h, '1', 900); // a new lifecycle inside the cooldown: held
    h.latency('1', 120);
    await h.advance(61_000);
    const still = h.notifier.sent.at(-1)!;
    expect(still.title).toBe('Still critical: Agent latency');
    expect(still.body).toMatch(/Latency 120 ms \(threshold 400 ms, peak 900 ms\)/);
  });

  it('ignores a snooze of no time (it would only remind at once)', async () => {
    const h = alertHarness();
    fire(h, '1');
    expect(h.engine.snooze({ minutes: 0 }, h.now())).toEqual([]);
    await h.advance(2000);
    expect(h.kinds()).toEqual(['raise']);
  });
});
