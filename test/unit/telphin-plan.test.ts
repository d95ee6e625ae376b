import { describe, expect, it } from 'vitest';
import { planAgentEvents, type EventRecord } from '../../src/core/connectors/telphin/plan';
import { reportWords } from '../../src/core/connectors/telphin/subscriptions';
import { logLine } from '../../src/shared/log-words';

const describeReport = (r: Parameters<typeof reportWords>[0]) => logLine(reportWords(r));

const PREFIX = 'https://c.example.com/hooks/telphin/';
const URL = `${PREFIX}s3cr3t-secret-value`;
const ev = (id: string, url: string | null, method: string | null, eventType: string | null): EventRecord => ({ id, url, method, eventType });

describe('Telphin subscription plan', () => {
  it('creates both events for an agent without any', () => {
    const p = planAgentEvents([], URL, PREFIX, 'POST');
    expect(p.create).toEqual([
      { event_type: 'agent-login', method: 'POST', url: URL },
      { event_type: 'agent-logout', method: 'POST', url: URL },
    ]);
    expect(p.update).toEqual([]);
    expect(p.remove).toEqual([]);
  });

  it('keeps events already right (method compared case-insensitively)', () => {
    const p = planAgentEvents([ev('1', URL, 'post', 'agent-login'), ev('2', URL, 'POST', 'agent-logout')], URL, PREFIX, 'POST');
    expect(p).toMatchObject({ keep: ['1', '2'], create: [], update: [], remove: [] });
  });

  it('repairs drifted events of ours (method, old secret, type) and leaves others\' alone', () => {
    const existing = [ev('1', URL, 'GET', 'agent-login'), ev('2', `${PREFIX}old-secret`, 'POST', 'agent-logout'), ev('3', 'https://crm.example.com/telphin', 'POST', 'agent-login')];
    const p = planAgentEvents(existing, URL, PREFIX, 'POST');
    expect(p.update).toEqual([
      { id: '1', body: { event_type: 'agent-login', method: 'POST', url: URL } },
      { id: '2', body: { event_type: 'agent-logout', method: 'POST', url: URL } },
    ]);
    expect(p.foreign).toBe(1);
    expect(p.remove).toEqual([]);
  });

  it('reuses a spare event of ours for a missing type and removes our duplicates', () => {
    const existing = [ev('1', URL, 'POST', 'agent-login'), ev('2', URL, 'POST', 'agent-login'), ev('3', URL, 'POST', 'agent-login')];
    const p = planAgentEvents(existing, URL, PREFIX, 'POST');
    expect(p.keep).toEqual(['1']);
    expect(p.update).toEqual([{ id: '2', body: { event_type: 'agent-logout', method: 'POST', url: URL } }]);
    expect(p.remove).toEqual(['3']);
  });

  it('describes what a run did', () => {
    expect(describeReport({ agents: 2, inPlace: 4, created: 3, repaired: 1, removed: 0, missing: 0, limit: 40 })).toBe('Webhook subscriptions for 2 agents: 3 created, 1 repaired, 0 duplicates removed; 4 in place');
    expect(describeReport({ agents: 1, inPlace: 2, created: 0, repaired: 0, removed: 0, missing: 0, limit: null })).toBe('Webhook subscriptions for 1 agent: 0 created, 0 repaired, 0 duplicates removed; 2 in place');
    expect(describeReport({ agents: 3, inPlace: 4, created: 0, repaired: 0, removed: 1, missing: 2, limit: 4 })).toMatch(/1 duplicates removed; 4 in place; 2 missing \(event limit 4 reached\)$/);
    expect(reportWords({ agents: 3, inPlace: 4, created: 0, repaired: 0, removed: 1, missing: 2, limit: 4 })).toEqual([
      { code: 'subscriptions', params: { count: 3, created: 0, repaired: 0, removed: 1, inPlace: 4 } },
      { code: 'subscriptions_missing', params: { missing: 2, limit: 4 } },
    ]);
  });
});
