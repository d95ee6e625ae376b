import { describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from './alerts-harness';
import { BUILTIN_RULES, resolveRules, ruleOverridesProblem } from '../../src/core/alerts/rules';

const fire = (h: AlertHarness, id = '1001', ms = 450, src = 'wv') => {
  h.latency(id, ms, src);
  h.latency(id, ms, src);
};

describe('rules: built-ins, overrides, scope', () => {
  it('an empty override list means the built-ins of CONTRACT.md as they are', () => {
    const r = resolveRules([]);
    expect([...r.byId.keys()]).toEqual(BUILTIN_RULES.map((b) => b.id));
    expect([...r.byId.keys()]).toEqual([
      'agent.latency',
      'agent.jitter',
      'agent.loss',
      'agent.rejection',
      'queue.waiting',
      'queue.longest_wait',
      'vendor.alert_op',
      'vendor.alert_file',
      'source.down',
    ]);
    const th = Object.fromEntries([...r.byId.values()].map((x) => [x.id, [x.warning, x.critical]]));
    expect(th).toMatchObject({
      'agent.latency': [200, 400],
      'agent.jitter': [30, 60],
      'agent.loss': [1, 2.5],
      'agent.rejection': [1, null],
      'queue.waiting': [5, 10],
      'queue.longest_wait': [60, 180],
    });
    expect(r.byId.get('source.down')).toMatchObject({ warning: null, critical: 60 });
    expect(r.agents).toHaveLength(4);
  });

  it('overrides merge by id: thresholds change, {enabled:false} switches a rule off, the old longestWait spelling is accepted', () => {
    const r = resolveRules([{ id: 'agent.latency', critical: 300 }, { id: 'agent.jitter', enabled: false }, { id: 'queue.longestWait', warning: 30 }]);
    expect(r.byId.get('agent.latency')).toMatchObject({ warning: 200, critical: 300 });
    expect(r.agents.map((x) => x.id)).toEqual(['agent.latency', 'agent.loss', 'agent.rejection']);
    expect(r.byId.get('queue.longest_wait')).toMatchObject({ warning: 30, critical: 180 });
  });

  it('a disabled rule raises nothing; an overridden threshold is used in value, threshold and message', () => {
    const h = alertHarness({ settings: { rules: [{ id: 'agent.latency', warning: 100, critical: 300 }, { id: 'agent.loss', enabled: false }] } });
    h.net('1', { latencyMs: 320, loss: 9 });
    h.net('1', { latencyMs: 320, loss: 9 });
    expect(h.alert('agent.loss|wv:1')).toBeUndefined();
    expect(h.alert('agent.latency|wv:1')).toMatchObject({ severity: 'critical', threshold: 300 });
    expect(h.alert('agent.latency|wv:1')!.message).toContain('Latency 320 ms ≥ 300 ms');
  });

  it('scope limits a rule to chosen sources, agents and queues; an added rule watches a known metric', () => {
    const h = alertHarness({
      settings: {
        rules: [
          { id: 'agent.latency', scope: { sources: ['ax'] } },
          { id: 'latency-vip', metric: 'agent.latency', warning: 100, critical: 150, scope: { agents: ['wv:vip'] } },
          { id: 'queue.waiting', scope: { queues: ['ax:sales'] } },
          { id: 'bogus', metric: 'agent.mood' },
        ],
      },
    });
    fire(h, '1', 450, 'wv');
    fire(h, '2', 450, 'ax');
    fire(h, 'vip', 160, 'wv');
    expect(h.engine.list('firing').map((a) => a.id).sort()).toEqual(['agent.latency|ax:2', 'latency-vip|wv:vip']);
    h.waiting('support', 20);
    h.waiting('support', 21);
    h.waiting('sales', 20);
    h.waiting('sales', 21);
    expect(h.engine.list('firing').filter((a) => a.ruleId === 'queue.waiting').map((a) => a.id)).toEqual(['queue.waiting|ax:sales']);
    expect(h.logger.lines.some((l) => l.includes('alert rule "bogus" names no known metric'))).toBe(true);
  });

  it('the narrowest rule of a metric wins: a rule for one queue or agent replaces the general one there, not adds to it', () => {
    const h = alertHarness({
      settings: {
        rules: [
          { id: 'queue.waiting@ax:vip', metric: 'queue.waiting', warning: 2, critical: 4, scope: { queues: ['ax:vip'] } },
          { id: 'latency-wv', metric: 'agent.latency', warning: 300, critical: 500, scope: { sources: ['wv'] } },
          { id: 'latency-sales', metric: 'agent.latency', warning: 120, critical: 150, scope: { queues: ['wv:sales'] } },
          { id: 'latency-ana', metric: 'agent.latency', warning: 100, critical: 110, scope: { agents: ['wv:ana'] } },
        ],
      },
    });
    for (const n of [3, 6, 7]) h.waiting('vip', n);
    for (const n of [6, 7]) h.waiting('support', n);
    const waitingAlerts = () => h.engine.list('firing').filter((a) => a.metric === 'queue.waiting').map((a) => `${a.id} ${a.severity}`);
    expect(waitingAlerts().sort()).toEqual(['queue.waiting@ax:vip|ax:vip critical', 'queue.waiting|ax:support warning']);
    // Ana is in Sales, on source wv: only her own rule watches her; Bruno (Sales) gets the Sales rule; Carla the source's.
    h.state.apply('wv', { type: 'agent', id: 'ana', set: { queues: ['wv:sales'] } }, h.now());
    h.state.apply('wv', { type: 'agent', id: 'bruno', set: { queues: ['wv:sales'] } }, h.now());
    for (const id of ['ana', 'bruno', 'carla']) fire(h, id, 350);
    fire(h, 'dora', 350, 'ax');
    const latencyAlerts = h.engine.list('firing').filter((a) => a.metric === 'agent.latency');
    expect(latencyAlerts.map((a) => `${a.id} ${a.severity}`).sort()).toEqual([
      'agent.latency|ax:dora warning',
      'latency-ana|wv:ana critical',
      'latency-sales|wv:bruno critical',
      'latency-wv|wv:carla warning',
    ]);
  });

  it("adding a rule for one queue ends the general rule's alert there quietly, and the new rule takes over", () => {
    const h = alertHarness();
    for (const n of [6, 7]) h.waiting('vip', n);
    expect(h.alert('queue.waiting|ax:vip')!.state).toBe('firing');
    h.engine.setSettings({ ...h.engine.settings(), rules: [{ id: 'queue.waiting@ax:vip', metric: 'queue.waiting', warning: 8, critical: 12, scope: { queues: ['ax:vip'] } }] });
    expect(h.alert('queue.waiting|ax:vip')!.state).toBe('resolved');
    for (const n of [6, 7]) h.waiting('vip', n);
    expect(h.engine.list('firing').map((a) => a.id)).toEqual([]);
    for (const n of [9, 8]) h.waiting('vip', n);
    expect(h.engine.list('firing').map((a) => a.id)).toEqual(['queue.waiting@ax:vip|ax:vip']);
    expect(h.kinds()).toEqual(['raise', 'raise']);
  });

  it('agent rules scoped to queues watch the agents of those queues', () => {
    const h = alertHarness({ settings: { rules: [{ id: 'agent.latency', scope: { queues: ['wv:sales'] } }] } });
    h.state.apply('wv', { type: 'agent', id: 'a', set: { queues: ['wv:sales'] } }, h.now());
    fire(h, 'a');
    fire(h, 'b');
    expect(h.engine.list('firing').map((a) => a.id)).toEqual(['agent.latency|wv:a']);
  });

  it('changing settings ends the alerts of a rule switched off quietly and applies new thresholds', () => {
    const h = alertHarness();
    fire(h, '1', 250);
    fire(h, '2', 250);
    h.engine.setSettings({ ...h.engine.settings(), rules: [{ id: 'agent.latency', warning: 300 }] });
    h.latency('1', 250);
    h.latency('1', 250);
    expect(h.alert('agent.latency|wv:1')!.state).toBe('resolved');
    h.engine.setSettings({ ...h.engine.settings(), rules: [{ id: 'agent.latency', enabled: false }] });
    expect(h.alert('agent.latency|wv:2')!.state).toBe('resolved');
    expect(h.kinds()).toEqual(['raise', 'raise', 'recover']);
  });
});

describe('queue rules', () => {
  it('every change of the value is a sample, and a value that stays put is sampled again so it raises and clears', async () => {
    const h = alertHarness();
    h.waiting('q1', 12, 'ax', 'Sales');
    expect(h.alert('queue.waiting|ax:q1')!.state).toBe('pending');
    await h.advance(5000);
    const a = h.alert('queue.waiting|ax:q1')!;
    expect(a).toMatchObject({ state: 'firing', severity: 'critical', value: 12, threshold: 10 });
    expect(a.message).toBe('12 calls waiting ≥ 10 — Sales (Axialys)');
    expect(h.notifier.sent[0]!.body).toBe('12 calls waiting ≥ 10 for 5 s — Sales (Axialys) · put more agents on Sales or check who is available');
    h.waiting('q1', 0);
    await h.advance(5000);
    expect(h.alert('queue.waiting|ax:q1')!.state).toBe('resolved');
    expect(h.notifier.sent[1]!.body).toMatch(/^0 calls waiting after 10 s — Sales \(Axialys\)$/);
  });

  it('longest wait keeps growing between events (the store ticks it): warning at 60 s, critical at 180 s, clear when answered', async () => {
    const h = alertHarness();
    h.state.apply('ax', { type: 'call.enter', queueId: 'q2', callId: 'c1', enteredAt: h.now(), name: 'Support' }, h.now());
    await h.advance(62_000);
    expect(h.alert('queue.longest_wait|ax:q2')).toMatchObject({ state: 'firing', severity: 'warning', threshold: 60 });
    await h.advance(120_000);
    expect(h.alert('queue.longest_wait|ax:q2')).toMatchObject({ severity: 'critical', threshold: 180 });
    expect(h.alert('queue.longest_wait|ax:q2')!.message).toMatch(/^Longest wait 3 min( \d+ s)? ≥ 3 min — Support \(Axialys\)$/);
    expect(h.kinds()).toEqual(['raise', 'escalate']);
    h.state.apply('ax', { type: 'call.leave', queueId: 'q2', callId: 'c1' }, h.now());
    await h.advance(6000);
    expect(h.alert('queue.longest_wait|ax:q2')!.state).toBe('resolved');
  });
});

describe('vendor alerts', () => {
  it('raise at once (critical), stay while repeated, and end when their validity runs out', async () => {
    const h = alertHarness();
    h.waiting('7', 1, 'ax', 'Billing');
    h.engine.onVendorAlert('ax', { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_op', validitySec: 60 }, h.now());
    const a = h.alert('vendor.alert_op|ax:7')!;
    expect(a).toMatchObject({ state: 'firing', severity: 'critical', metric: 'vendor.alert_op', subject: { kind: 'queue', key: 'ax:7' } });
    expect(a.message).toBe('Not enough agents (raised by the vendor) — Billing (Axialys)');
    await h.advance(50_000);
    h.engine.onVendorAlert('ax', { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_op', validitySec: 60 }, h.now());
    await h.advance(50_000);
    expect(h.alert('vendor.alert_op|ax:7')!.state).toBe('firing');
    await h.advance(11_000);
    expect(h.alert('vendor.alert_op|ax:7')!.state).toBe('resolved');
    expect(h.kinds()).toEqual(['raise', 'recover']);
    expect(h.notifier.sent[1]!.body).toBe('Not enough agents is over after 1 min 50 s — Billing (Axialys)');
  });

  it('a validity of 0 ends the alert; a disabled vendor rule raises nothing', () => {
    const h = alertHarness({ settings: { rules: [{ id: 'vendor.alert_file', enabled: false }] } });
    h.engine.onVendorAlert('ax', { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_op', validitySec: null }, h.now());
    h.engine.onVendorAlert('ax', { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_op', validitySec: 0 }, h.now());
    expect(h.alert('vendor.alert_op|ax:7')!.state).toBe('resolved');
    h.engine.onVendorAlert('ax', { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_file', validitySec: 60 }, h.now());
    expect(h.alert('vendor.alert_file|ax:7')).toBeUndefined();
  });
});

describe('rules a person submits', () => {
  it('refuses what could never work, but not a rule already kept (a configuration file may hold one)', () => {
    const fromFile = { id: 'legacy', metric: 'no.such.metric', warning: 1 };
    expect(ruleOverridesProblem([{ id: 'agent.latency', warning: 200, critical: 400 }, { id: 'queue.waiting', raiseN: 2, raiseM: 2 }])).toBeNull();
    expect(ruleOverridesProblem([{ id: 'agent.latency', warning: 500, critical: 400 }])).toBe('alerts.rules[0] (agent.latency): warning 500 is above critical 400');
    expect(ruleOverridesProblem([fromFile])).toMatch(/^alert rule "legacy" names no known metric \(no\.such\.metric\)/);
    // The dashboard saves every rule back: the file's rule is kept as it was, the new one judged.
    expect(ruleOverridesProblem([fromFile, { id: 'agent.jitter', warning: 40 }], [fromFile])).toBeNull();
    expect(ruleOverridesProblem([fromFile, { id: 'agent.jitter', raiseN: 9, raiseM: 3 }], [fromFile])).toBe('alerts.rules[1] (agent.jitter): raiseN 9 is more than raiseM 3, so the rule could never raise');
  });
});
