import { describe, expect, it } from 'vitest';
import { exceptionRows, mergeExceptions, otherAddedRules } from '../../src/renderer/features/settings/exceptions-model';
import { BUILTIN_RULES, effectiveThresholds, subjectThresholds } from '../../src/renderer/lib/rules';
import type { AlertRuleOverride } from '../../src/shared/settings';

const builtinIds = new Set<string>(BUILTIN_RULES.map((r) => r.id));

describe('thresholds of particular queues and agents', () => {
  it('edits only the rules it writes; rules written otherwise are kept as they are', () => {
    const rules: AlertRuleOverride[] = [
      { id: 'agent.loss', warning: 2 },
      { id: 'agent.loss@wv:7', metric: 'agent.loss', warning: 0.5, critical: 1.5, scope: { agents: ['wv:7'] } },
      { id: 'queue.waiting@ax:1', metric: 'queue.waiting', warning: 2, critical: null, enabled: false, scope: { queues: ['ax:1'] } },
      // Its own window, its own clearing: rows of this form too.
      { id: 'queue.waiting@ax:5', metric: 'queue.waiting', warning: 1, critical: 3, raiseN: 1, raiseM: 1, scope: { queues: ['ax:5'] } },
      { id: 'queue.waiting@ax:2', metric: 'queue.waiting', warning: 2, clearK: 4, scope: { queues: ['ax:2'] } },
      // Not of this form: other tuning, several subjects, by source, an unknown metric in the id.
      { id: 'queue.waiting@ax:6', metric: 'queue.waiting', warning: 2, forSec: 30, scope: { queues: ['ax:6'] } },
      { id: 'vip', metric: 'queue.waiting', warning: 2, scope: { queues: ['ax:3', 'ax:4'] } },
      { id: 'agent.latency@wv:8', metric: 'agent.latency', warning: 90, scope: { agents: ['wv:8'], sources: ['wv'] } },
      { id: 'agent.mood@wv:9', metric: 'agent.mood', scope: { agents: ['wv:9'] } },
    ];
    const rows = exceptionRows(rules, 'fr');
    expect(rows).toEqual([
      { metric: 'agent.loss', key: 'wv:7', enabled: true, warning: '0,5', critical: '1,5', raiseN: '', raiseM: '', clearK: '' },
      { metric: 'queue.waiting', key: 'ax:1', enabled: false, warning: '2', critical: '', raiseN: '', raiseM: '', clearK: '' },
      { metric: 'queue.waiting', key: 'ax:5', enabled: true, warning: '1', critical: '3', raiseN: '1', raiseM: '1', clearK: '' },
      { metric: 'queue.waiting', key: 'ax:2', enabled: true, warning: '2', critical: '10', raiseN: '', raiseM: '', clearK: '4' }, // critical: the built-in rule's
    ]);
    expect(otherAddedRules(rules, builtinIds)).toBe(4);
    // Written back the same, after the rules it does not edit.
    expect(mergeExceptions(rules, rows, 'fr')).toEqual([rules[0], ...rules.slice(5), rules[1], rules[2], rules[3], { ...rules[4], critical: 10 }]);
    expect(mergeExceptions(rules, [], 'fr')).toEqual([rules[0], ...rules.slice(5)]);
  });

  it('takes a whole source as a subject: its id, which holds no ":", scopes the rule to that source', () => {
    const rules: AlertRuleOverride[] = [{ id: 'agent.latency@wv', metric: 'agent.latency', warning: 300, critical: 500, scope: { sources: ['wv'] } }];
    const rows = exceptionRows(rules, 'en');
    expect(rows).toEqual([{ metric: 'agent.latency', key: 'wv', enabled: true, warning: '300', critical: '500', raiseN: '', raiseM: '', clearK: '' }]);
    expect(mergeExceptions([], rows, 'en')).toEqual(rules);
    expect(otherAddedRules([{ ...rules[0]!, scope: { sources: ['wv', 'ax'] } }], builtinIds)).toBe(1);
  });

  it('colours a subject by the narrowest enabled rule that watches it, as the alert engine picks it', () => {
    const rules: AlertRuleOverride[] = [
      { id: 'agent.latency', warning: 250 },
      { id: 'wv', metric: 'agent.latency', warning: 300, critical: 500, scope: { sources: ['wv'] } },
      { id: 'sales', metric: 'agent.latency', warning: 120, scope: { queues: ['wv:sales'] } },
      { id: 'agent.latency@wv:ana', metric: 'agent.latency', warning: 100, critical: 110, scope: { agents: ['wv:ana'] } },
      { id: 'off', metric: 'agent.jitter', warning: 1, enabled: false, scope: { agents: ['wv:ana'] } },
    ];
    const general = effectiveThresholds(rules);
    const added = rules.filter((o) => o.metric);
    const latency = (key: string, sourceId: string, queues: string[] = []) => subjectThresholds(added, general, { kind: 'agent', key, sourceId, queues })['agent.latency'];
    expect(latency('wv:ana', 'wv', ['wv:sales'])).toEqual({ enabled: true, warning: 100, critical: 110 });
    expect(latency('wv:bruno', 'wv', ['wv:sales'])).toEqual({ enabled: true, warning: 120, critical: 400 }); // critical: the built-in default
    expect(latency('wv:carla', 'wv')).toEqual({ enabled: true, warning: 300, critical: 500 });
    expect(latency('ax:dora', 'ax')).toEqual(general['agent.latency']);
    expect(subjectThresholds(added, general, { kind: 'agent', key: 'ax:dora', sourceId: 'ax' })).toBe(general);
    expect(subjectThresholds(added, general, { kind: 'agent', key: 'wv:ana', sourceId: 'wv' })['agent.jitter']).toBe(general['agent.jitter']);
  });
});
