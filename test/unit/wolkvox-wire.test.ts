import { describe, expect, it } from 'vitest';
import { listOf, parseAgents, parseLatency, parseSkills, readEnvelope } from '../../src/core/connectors/wolkvox/parse';
import { toNumber, toText } from '../../src/core/connectors/wolkvox/wire';
import { fixture } from './wolkvox-fixtures';

const data = (name: string) => readEnvelope(fixture(name))!.data;

describe('Wolkvox wire coercion', () => {
  it('reads numbers from numbers, numeric strings, decimal commas and percentages; "" and junk are null', () => {
    expect([toNumber(12), toNumber('12'), toNumber(' 0.5 '), toNumber('12,5'), toNumber('85%'), toNumber('-3')]).toEqual([12, 12, 0.5, 12.5, 85, -3]);
    expect([toNumber(''), toNumber('abc'), toNumber(null), toNumber(undefined), toNumber(true), toNumber(NaN), toNumber('1.2.3')]).toEqual([null, null, null, null, null, null, null]);
  });

  it('reads text from strings and numbers; "", "null" and objects are null', () => {
    expect([toText(' Ana '), toText(1001), toText(''), toText('null'), toText('NULL'), toText({}), toText(null)]).toEqual(['Ana', '1001', null, null, null, null, null]);
  });
});

describe('Wolkvox envelope', () => {
  it('accepts code as number or string and error as null or "null"', () => {
    expect(readEnvelope({ code: 200, error: null, msg: 'x', data: [] })).toMatchObject({ code: 200, error: null, data: [] });
    expect(readEnvelope({ code: '403', error: 'null', data: null })).toMatchObject({ code: 403, error: null, data: null });
  });

  it('treats a bare array or a bare report object as the data itself', () => {
    expect(readEnvelope([{ agent_id: 1 }])!.data).toEqual([{ agent_id: 1 }]);
    const bare = { by_agent: [] };
    expect(readEnvelope(bare)!.data).toBe(bare);
    expect(readEnvelope('text')).toBeNull();
    expect(readEnvelope(42)).toBeNull();
  });

  it('lists arrays, single records and objects keyed by id; refuses scalars and mixed objects', () => {
    expect(listOf([1, 2])).toEqual([1, 2]);
    expect(listOf({ skill_id: '1' })).toEqual([{ skill_id: '1' }]);
    expect(listOf({ a: { x: 1 }, b: { x: 2 } })).toHaveLength(2);
    expect(listOf('')).toEqual([]);
    expect(listOf(null)).toBeNull();
    expect(listOf('unavailable')).toBeNull();
    expect(listOf({ a: 1 })).toBeNull();
  });
});

describe('Wolkvox latency report parsing', () => {
  it('the seed example parses, and its empty ids are rejected record by record', () => {
    const p = parseLatency(data('latency-seed'));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value).toEqual({ agents: [], sites: [], lines: [] });
    expect(p.rejected.map((r) => r.reason)).toEqual([
      'latency.by_agent[0]: agent_id empty',
      'latency.by_ip[0]: ip empty',
      'latency.by_pbx[0]: user empty',
    ]);
  });

  it('reads numbers as strings, "" and numeric ids; drops a record without id; an unusable part is left out', () => {
    const p = parseLatency(data('latency-strings'));
    if (!p.ok) throw new Error(p.reason);
    expect(p.value.agents).toHaveLength(2);
    expect(p.value.agents![0]).toMatchObject({ agent_id: '1001', latency_ms: 310, tx_jitter: 12, rx_jitter: null, tx_ploss: 0.5, rx_ploss: 1.5, network_rejection: null, connection_type: null });
    expect(p.value.agents![1]).toMatchObject({ agent_id: '1003 - Lucía', latency_ms: null, ip: '186.30.4.112' });
    expect(p.value.sites).toHaveLength(1);
    expect(p.value.lines).toBeNull();
    expect(p.rejected.map((r) => r.reason)).toEqual(['latency.by_agent[2]: agent_id missing', 'latency.by_pbx is not a list']);
  });

  it('merges several containers of a bare-array body', () => {
    const p = parseLatency(data('latency-bare-array'));
    if (!p.ok) throw new Error(p.reason);
    expect(p.value.agents).toHaveLength(1);
    expect(p.value.sites).toHaveLength(1);
    expect(p.value.lines).toBeNull();
  });

  it('a bare list of agent records is by_agent; a scalar is unusable', () => {
    const p = parseLatency([{ agent_id: '7', latency_ms: '50' }]);
    expect(p.ok && p.value.agents?.[0]?.latency_ms).toBe(50);
    expect(parseLatency('unavailable').ok).toBe(false);
    expect(parseLatency({ something: 1 }).ok).toBe(false);
  });
});

describe('Wolkvox agents and skills parsing', () => {
  it('keeps good agent records and rejects those without an id or not objects', () => {
    const p = parseAgents(data('agents-variants'));
    if (!p.ok) throw new Error(p.reason);
    expect(p.value.map((a) => a.agent_id)).toEqual(['1001-Ana', '1007', '1008']);
    expect(p.value[0]).toMatchObject({ agent_name: null, agent_status: 'Ready' });
    expect(p.rejected).toHaveLength(2);
    expect(p.rejected[0]!.reason).toBe('agents[3]: agent_id missing');
  });

  it('reads skills from a list or from an object keyed by id', () => {
    const list = parseSkills(data('skills'));
    if (!list.ok) throw new Error(list.reason);
    expect(list.value[1]).toMatchObject({ skill_id: '102', calls_in_queue_now: 2, service_level_10seg: 80, service_level_20seg: 88.5, by_abandon: null });
    const keyed = parseSkills(data('skills-keyed'));
    if (!keyed.ok) throw new Error(keyed.reason);
    expect(keyed.value.map((s) => s.skill_id)).toEqual(['101']);
    expect(keyed.rejected[0]!.reason).toBe('skills[1]: skill_id missing');
  });

  it('a data field that is no list is unusable, not an empty report', () => {
    expect(parseAgents('unavailable')).toEqual({ ok: false, reason: 'agents report: the response holds no list of records' });
    expect(parseSkills(null).ok).toBe(false);
  });
});
