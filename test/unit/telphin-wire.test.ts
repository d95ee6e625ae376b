import { describe, expect, it } from 'vitest';
import { AgentEventSchema, AgentSchema, AGENT_LIST_KEYS, CallSchema, CALL_LIST_KEYS, parseEventLimit, TokenSchema, unwrapList } from '../../src/core/connectors/telphin/wire';
import tokens from '../fixtures/telphin/token.json';
import local from '../fixtures/telphin/agents-local.json';
import remote from '../fixtures/telphin/agents-remote.json';
import events from '../fixtures/telphin/events.json';
import calls from '../fixtures/telphin/current-calls.json';
import limits from '../fixtures/telphin/limit.json';

describe('Telphin wire schemas', () => {
  it('parses token answers, with expires_in as a number or a string, and refuses one without a token', () => {
    expect(TokenSchema.parse(tokens.seed)).toMatchObject({ access_token: '123123' });
    expect(TokenSchema.parse(tokens.withExpiry).expires_in).toBe(3600);
    expect(TokenSchema.parse(tokens.expiryAsString).expires_in).toBe(3600);
    expect(TokenSchema.safeParse(tokens.missingToken).success).toBe(false);
    expect(TokenSchema.safeParse(tokens.emptyToken).success).toBe(false);
  });

  it('reads local agents under every spelling, with ids as strings and "" as null', () => {
    const parsed = local.map((a) => AgentSchema.safeParse(a));
    expect(parsed.filter((p) => p.success)).toHaveLength(4);
    expect(parsed[0]!.data).toEqual({ id: '136', name: 'Anna Smirnova', extension_id: '1136', extension_name: '000*094@ringme.ru', number: null, status: 'available' });
    expect(parsed[1]!.data).toMatchObject({ id: '137', name: null, extension_id: '1137', status: 'logged_out' });
    expect(parsed[2]!.data).toMatchObject({ id: '138', extension_name: '000*096@ringme.ru', status: 'on_break' });
    expect(parsed[3]!.data).toMatchObject({ id: '139', status: null });
    // no id, not an object, an object as id
    expect(parsed.slice(4).every((p) => !p.success)).toBe(true);
  });

  it('unwraps enveloped remote agent lists and reads numbers as strings', () => {
    const list = unwrapList(remote, AGENT_LIST_KEYS)!;
    const agents = list.map((a) => AgentSchema.parse(a));
    expect(agents.map((a) => [a.id, a.number, a.status])).toEqual([
      ['201', '79161234567', 'available'],
      ['202', '79031112233', null],
      ['203', '+7 (926) 555-44-33', 'LOGGED_OUT'],
    ]);
    expect(unwrapList('nope', AGENT_LIST_KEYS)).toBeNull();
    expect(unwrapList({ other: [] }, AGENT_LIST_KEYS)).toBeNull();
  });

  it('parses the seed\'s event answer and lenient event lists', () => {
    expect(AgentEventSchema.parse(events.seedCreateResponse)).toEqual({ id: '150', url: 'https://somehost.com/fordel/show.php', method: 'GET', event_type: 'agent-login' });
    const list = events.list.map((e) => AgentEventSchema.safeParse(e));
    expect(list[1]!.data).toMatchObject({ id: '151', method: 'post' });
    expect(list[2]!.data).toMatchObject({ id: '152', url: null, method: null });
    expect(list[3]!.success).toBe(false);
  });

  it('parses current calls with nested extensions, ids under other names, and refuses a call without id', () => {
    const list = unwrapList(calls, CALL_LIST_KEYS)!;
    const parsed = list.map((c) => CallSchema.safeParse(c));
    expect(parsed[0]!.data).toMatchObject({ call_id: 'a9c5ff0a-4f8b-11e7-b8ac-09b6c4f8b5e8', extension_id: '1136', called_extension: { id: '1136', type: 'phone' } });
    expect(parsed[1]!.data).toMatchObject({ call_id: 'out-2', caller_extension: { id: '9999' }, called_extension: null, answer_time_gmt: '' });
    expect(parsed[2]!.data!.called_extension).toMatchObject({ id: '5000', type: 'queue', name: 'Support line' });
    expect(parsed[3]!.success).toBe(false);
  });

  it('finds the agent event limit in every plausible shape', () => {
    expect(parseEventLimit(limits.flat)).toBe(40);
    expect(parseEventLimit(limits.asString)).toBe(25);
    expect(parseEventLimit(limits.nested)).toBe(30);
    expect(parseEventLimit(limits.list)).toBe(15);
    expect(parseEventLimit(limits.generic)).toBe(50);
    expect(parseEventLimit(limits.none)).toBeNull();
    expect(parseEventLimit(limits.garbage)).toBeNull();
    expect(parseEventLimit(null)).toBeNull();
  });
});
