import { describe, expect, it } from 'vitest';
import { alertHarness } from './alerts-harness';

const LAT = 'agent.latency|wv:1001';

describe('alert lifecycle: N-of-M raise, K-sample clear, severity', () => {
  it('raises after 2 of 3 breaching samples (pending first) and says what, how much, who and where to look', async () => {
    const h = alertHarness();
    h.latency('1001', 412, 'wv', 'Ana');
    expect(h.alert(LAT)).toMatchObject({ state: 'pending', severity: 'critical', value: 412 });
    expect(h.notifier.sent).toHaveLength(0);
    await h.advance(60_000);
    h.latency('1001', 415, 'wv', 'Ana');
    const a = h.alert(LAT)!;
    expect(a).toMatchObject({ id: LAT, ruleId: 'agent.latency', metric: 'agent.latency', state: 'firing', severity: 'critical', threshold: 400, value: 415, subject: { kind: 'agent', key: 'wv:1001' } });
    expect(a.message).toBe('Latency 415 ms ≥ 400 ms — Ana (Wolkvox Bogotá)');
    expect(h.notifier.sent).toHaveLength(1);
    const n = h.notifier.sent[0]!;
    expect(n).toMatchObject({ kind: 'raise', severity: 'critical', alertIds: [LAT], title: 'Critical: Agent latency', sound: true });
    expect(n.body).toBe("Latency 415 ms ≥ 400 ms for 1 min — Ana (Wolkvox Bogotá) · check the agent's network or public IP 190.1.2.3");
    expect(n.actions?.map((x) => x.action.kind)).toEqual(['ack', 'snooze']);
  });

  it('a single spike stays pending and is dropped after K good samples: no notification, no history', () => {
    const h = alertHarness();
    h.latency('1001', 500);
    h.latency('1001', 80);
    expect(h.alert(LAT)!.state).toBe('pending');
    h.latency('1001', 90);
    expect(h.alert(LAT)).toMatchObject({ state: 'resolved', firedAt: null });
    expect(h.engine.list('all')).toEqual([]);
    expect(h.engine.history()).toEqual([]);
    expect(h.notifier.sent).toEqual([]);
  });

  it('2 of 3 tolerates one good sample in between; clears only after 2 consecutive good samples, then tells of the recovery', () => {
    const h = alertHarness();
    h.latency('1001', 450);
    h.latency('1001', 100);
    h.latency('1001', 450);
    expect(h.alert(LAT)!.state).toBe('firing');
    h.latency('1001', 120);
    expect(h.alert(LAT)!.state).toBe('firing');
    h.latency('1001', 460);
    h.latency('1001', 120);
    expect(h.alert(LAT)!.state).toBe('firing');
    h.latency('1001', 110);
    const r = h.alert(LAT)!;
    expect(r.state).toBe('resolved');
    expect(h.kinds()).toEqual(['raise', 'recover']);
    expect(h.notifier.sent[1]!.body).toContain('Latency back to 110 ms');
    expect(h.notifier.sent[1]!.sound).toBe(false);
    expect(h.engine.history()).toHaveLength(1);
  });

  it('only a new network.sampledAt is a sample: other agent updates do not count', () => {
    const h = alertHarness();
    h.latency('1001', 500);
    for (let i = 0; i < 5; i++) h.state.apply('wv', { type: 'agent', id: '1001', set: { state: i % 2 ? 'on_call' : 'available' } }, h.now());
    expect(h.alert(LAT)!.state).toBe('pending');
    const agent = h.state.agents.get('wv:1001')!;
    // The same sample delivered again (same sampledAt, new object) is not a new sample either.
    h.state.apply('wv', { type: 'agent', id: '1001', set: { network: { ...agent.network! } } }, h.now());
    expect(h.alert(LAT)!.state).toBe('pending');
  });

  it('adapts N-of-M to the cadence: 1 of 1 for 5-minute polls', () => {
    const h = alertHarness();
    h.engine.setSourceCadence('wv', 300);
    h.latency('1001', 250);
    expect(h.alert('agent.latency|wv:1001')).toMatchObject({ state: 'firing', severity: 'warning', threshold: 200 });
    expect(h.kinds()).toEqual(['raise']);
  });

  it('explicit raiseN/raiseM/clearK override the cadence defaults', () => {
    const h = alertHarness({ settings: { rules: [{ id: 'agent.latency', raiseN: 3, raiseM: 4, clearK: 1 }] } });
    h.latency('1001', 450);
    h.latency('1001', 450);
    expect(h.alert(LAT)!.state).toBe('pending');
    h.latency('1001', 10);
    h.latency('1001', 450);
    expect(h.alert(LAT)!.state).toBe('firing');
    h.latency('1001', 10);
    expect(h.alert(LAT)!.state).toBe('resolved');
  });

  it("one agent's own rule with its own N of M (as Settings saves it) raises that agent at once; the others keep 2 of 3", () => {
    const own = { id: 'agent.latency@wv:1001', metric: 'agent.latency', warning: 200, critical: 400, raiseN: 1, raiseM: 1, scope: { agents: ['wv:1001'] } };
    const h = alertHarness({ settings: { rules: [own] } });
    h.latency('1001', 450);
    h.latency('1002', 450);
    const of = (key: string) => h.engine.list('all').find((a) => a.subject.key === key);
    expect(of('wv:1001')).toMatchObject({ ruleId: own.id, state: 'firing', severity: 'critical' });
    expect(of('wv:1002')).toMatchObject({ ruleId: 'agent.latency', state: 'pending' });
  });

  it('escalates a firing warning to critical (notified), steps back to warning quietly, recovers once', () => {
    const h = alertHarness();
    h.latency('1001', 250);
    h.latency('1001', 260);
    expect(h.alert(LAT)).toMatchObject({ state: 'firing', severity: 'warning', threshold: 200 });
    h.latency('1001', 450);
    expect(h.alert(LAT)!.severity).toBe('warning');
    h.latency('1001', 460);
    expect(h.alert(LAT)).toMatchObject({ severity: 'critical', threshold: 400 });
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    expect(h.notifier.sent[1]!.title).toBe('Now critical: Agent latency');
    h.latency('1001', 250);
    // Still critical until K samples say otherwise: its text says how bad it got, not only the value now.
    expect(h.alert(LAT)).toMatchObject({ severity: 'critical', value: 250, threshold: 400, peak: 460 });
    expect(h.alert(LAT)!.message).toMatch(/^Latency 250 ms \(threshold 400 ms, peak 460 ms\) — /);
    h.latency('1001', 250);
    expect(h.alert(LAT)).toMatchObject({ state: 'firing', severity: 'warning' });
    h.latency('1001', 50);
    h.latency('1001', 50);
    expect(h.alert(LAT)!.state).toBe('resolved');
    expect(h.kinds()).toEqual(['raise', 'escalate', 'recover']);
  });

  it('a pending alert follows the severity of its latest breaching sample', () => {
    const h = alertHarness({ settings: { rules: [{ id: 'agent.latency', raiseN: 3, raiseM: 3 }] } });
    h.latency('1001', 250);
    expect(h.alert(LAT)).toMatchObject({ state: 'pending', severity: 'warning', threshold: 200 });
    h.latency('1001', 450);
    expect(h.alert(LAT)).toMatchObject({ state: 'pending', severity: 'critical', threshold: 400 });
    expect(h.notifier.sent).toEqual([]);
  });

  it('raises critical at once when the raising sample is critical', () => {
    const h = alertHarness();
    h.latency('1001', 250);
    h.latency('1001', 700);
    expect(h.alert(LAT)).toMatchObject({ state: 'firing', severity: 'critical' });
  });

  it('evaluates jitter, loss and rejection as the worse of tx/rx', () => {
    const h = alertHarness();
    for (let i = 0; i < 2; i++) h.net('7', { jitter: 65, loss: 1.2, rejection: 3 });
    expect(h.alert('agent.jitter|wv:7')).toMatchObject({ state: 'firing', severity: 'critical', value: 65 });
    expect(h.alert('agent.loss|wv:7')).toMatchObject({ state: 'firing', severity: 'warning', value: 1.2 });
    expect(h.alert('agent.rejection|wv:7')).toMatchObject({ state: 'firing', severity: 'warning', value: 3 });
    expect(h.alert('agent.latency|wv:7')).toBeUndefined();
  });

  it('ends alerts quietly when their subject disappears', () => {
    const h = alertHarness();
    h.latency('1001', 450);
    h.latency('1001', 450);
    h.state.apply('wv', { type: 'agent.remove', id: '1001' }, h.now());
    expect(h.alert(LAT)).toMatchObject({ state: 'resolved', subjectName: 'Agent 1001' });
    expect(h.kinds()).toEqual(['raise']);
    expect(h.engine.list('firing')).toEqual([]);
  });

  it('publishes every change as a new alert object with a stable id', () => {
    const h = alertHarness();
    h.latency('1001', 450);
    h.latency('1001', 460);
    h.latency('1001', 470);
    expect(h.changes.map((a) => `${a.id}:${a.state}:${a.value}`)).toEqual([`${LAT}:pending:450`, `${LAT}:firing:460`, `${LAT}:firing:470`]);
    expect(new Set(h.changes).size).toBe(3);
  });

  it('builds a moving value into its alert when the alert is read, once, and signals every change', () => {
    const h = alertHarness({ recordChanges: false });
    const ids: string[] = [];
    h.engine.onAlertChanged((id) => ids.push(id));
    const Q = 'queue.waiting|ax:q1';
    h.waiting('q1', 7, 'ax', 'Support');
    h.waiting('q1', 8, 'ax', 'Support');
    const firing = h.engine.get(Q)!;
    expect(firing).toMatchObject({ state: 'firing', value: 8, message: '8 calls waiting ≥ 5 — Support (Axialys)' });
    ids.length = 0;
    // Three new values while nobody reads: three change signals, no new alert object yet.
    h.waiting('q1', 9, 'ax', 'Support');
    h.waiting('q1', 7, 'ax', 'Support');
    h.waiting('q1', 6, 'ax', 'Support');
    expect(ids).toEqual([Q, Q, Q]);
    // Built when read: with the queue's name as it is then (renamed meanwhile, same waiting count).
    h.state.apply('ax', { type: 'queue', id: 'q1', set: { name: 'Support FR' } }, h.now());
    expect(ids).toEqual([Q, Q, Q]);
    const read = h.engine.get(Q)!;
    expect(read).not.toBe(firing);
    expect(read).toMatchObject({ state: 'firing', value: 6, peak: 9, message: '6 calls waiting ≥ 5 — Support FR (Axialys)', subjectName: 'Support FR', since: firing.since });
    expect(firing).toMatchObject({ value: 8 }); // published alerts are never modified
    expect(h.engine.get(Q)).toBe(read); // nothing new since: the same object
    expect(h.engine.list('firing')).toEqual([read]);
    // The resolved alert carries the last value published before the recovery, as it did when built
    // eagerly, and how bad it got: its value alone, under the threshold, would not say why it fired.
    h.waiting('q1', 2, 'ax');
    h.waiting('q1', 1, 'ax');
    const resolved = h.engine.get(Q)!;
    expect(resolved).toMatchObject({ state: 'resolved', value: 2, peak: 9, message: '2 calls waiting (threshold 5, peak 9) — Support FR (Axialys)' });
    expect(h.engine.history(1)).toEqual([resolved]);
  });
});
