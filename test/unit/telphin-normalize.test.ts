import { describe, expect, it } from 'vitest';
import { AgentBook } from '../../src/core/connectors/telphin/agents';
import {
  agentInfoFromWebhook,
  agentInfoFromWire,
  callsByAgent,
  changeEvents,
  displayName,
  mapStatus,
  parseGmt,
  queueBacklog,
  viewOf,
  type AgentInfo,
} from '../../src/core/connectors/telphin/normalize';
import { AgentSchema, CallSchema, CALL_LIST_KEYS, unwrapList, WebhookFieldsSchema } from '../../src/core/connectors/telphin/wire';
import local from '../fixtures/telphin/agents-local.json';
import calls from '../fixtures/telphin/current-calls.json';

const T = Date.UTC(2026, 10, 21, 9, 0, 0);
const anna = agentInfoFromWire('local', AgentSchema.parse(local[0]));
const sergey: AgentInfo = { id: '201', type: 'remote', name: 'Sergey', extensionName: null, extensionId: null, number: '79161234567' };
const callList = unwrapList(calls, CALL_LIST_KEYS)!.flatMap((c) => {
  const r = CallSchema.safeParse(c);
  return r.success ? [r.data] : [];
});

describe('Telphin normalize', () => {
  it('maps agent_status by the contract table; anything else is unknown', () => {
    expect(mapStatus('available')).toBe('available');
    expect(mapStatus('logged_out')).toBe('logged_out');
    expect(mapStatus('LOGGED_OUT')).toBe('logged_out');
    expect(mapStatus('on_break')).toBe('unknown');
    expect(mapStatus(null)).toBe('unknown');
  });

  it('names agents by name, else extension without the PBX domain, else number or id', () => {
    expect(displayName(anna)).toBe('Anna Smirnova');
    expect(displayName({ ...anna, name: null })).toBe('000*094');
    expect(displayName({ ...sergey, name: null })).toBe('79161234567');
    expect(displayName({ ...sergey, name: null, number: null })).toBe('201');
  });

  it('emits the agent and one log line on a login change, and nothing when nothing changed', () => {
    const first = changeEvents(anna, null, viewOf('available', null), { kind: 'webhook', eventSource: 'phone' }, T);
    expect(first[0]).toMatchObject({ type: 'agent', id: '136', at: T, set: { state: 'available', vendorState: 'available', call: null, extra: { agentType: 'local', eventSource: 'phone' } } });
    expect(first[1]).toMatchObject({
      type: 'log',
      kind: 'agent.login',
      subjectId: '136',
      text: 'Anna Smirnova logged in (from the phone)',
      said: [
        { code: 'agent_login', params: { name: 'Anna Smirnova' } },
        { code: 'via_phone', params: {} },
      ],
    });
    expect(changeEvents(anna, viewOf('available', null), viewOf('available', null), { kind: 'poll' }, T)).toEqual([]);
    const out = changeEvents(anna, viewOf('available', null), viewOf('logged_out', null), { kind: 'webhook', eventSource: 'api' }, T);
    expect(out[1]).toMatchObject({ kind: 'agent.logout', text: 'Anna Smirnova logged out (via the API)' });
    const odd = changeEvents(anna, viewOf('available', null), viewOf('on_break', null), { kind: 'poll' }, T);
    expect(odd[0]).toMatchObject({ set: { state: 'unknown', vendorState: 'on_break' } });
    expect(odd[1]).toMatchObject({ kind: 'agent.status', level: 'warning', text: 'Anna Smirnova reported status "on_break" (unknown) (seen by polling)' });
    const crm = changeEvents(anna, viewOf('logged_out', null), viewOf('available', null), { kind: 'webhook', eventSource: 'CRM' }, T);
    expect(crm[1]).toMatchObject({ text: 'Anna Smirnova logged in (via CRM)', said: [{ code: 'agent_login' }, { code: 'via_source', params: { source: 'CRM' } }] });
  });

  it('puts a call on the agent without a log line', () => {
    const call = { id: 'c1', queueKey: null, number: '74951234567', since: T };
    const ev = changeEvents(anna, viewOf('available', null), viewOf('available', call), { kind: 'poll' }, T);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ set: { state: 'on_call', call } });
  });

  it('matches current calls to local agents by extension and to remote agents by number', () => {
    const m = callsByAgent([anna, sergey], callList);
    expect(m.get('136')).toEqual({ id: 'a9c5ff0a-4f8b-11e7-b8ac-09b6c4f8b5e8', queueKey: null, number: '74951234567', since: Date.UTC(2017, 4, 30, 15, 7, 50) });
    expect(m.get('201')).toMatchObject({ id: 'out-2', number: '79161234567', since: 1496156870_000 });
  });

  it('counts unanswered calls to queue extensions as waiting', () => {
    const q = queueBacklog(callList, T);
    expect([...q.keys()]).toEqual(['5000']);
    expect(q.get('5000')).toEqual({ name: 'Support line', calls: [{ callId: 'q-1', enteredAt: Date.UTC(2017, 4, 30, 15, 7, 30) }] });
  });

  it('parses Telphin GMT times, ISO, epoch seconds and ms; refuses garbage', () => {
    expect(parseGmt('2017-05-30 15:07:50')).toBe(Date.UTC(2017, 4, 30, 15, 7, 50));
    expect(parseGmt('2017-05-30T15:07:50Z')).toBe(Date.UTC(2017, 4, 30, 15, 7, 50));
    expect(parseGmt(1496156870)).toBe(1496156870000);
    expect(parseGmt(1496156870000)).toBe(1496156870000);
    expect(parseGmt('')).toBeNull();
    expect(parseGmt('yesterday')).toBeNull();
    expect(parseGmt({})).toBeNull();
  });

  it('builds agents from webhooks, keeping what the list knew', () => {
    const f = WebhookFieldsSchema.parse({ agent_id: '136', agent_status: 'available', agent_type: 'local', extension_name: '000*094@ringme.ru', event_source: 'api' });
    expect(agentInfoFromWebhook(f, anna)).toEqual(anna);
    const stranger = agentInfoFromWebhook(WebhookFieldsSchema.parse({ agent_id: 9, agent_status: 'available', agent_type: 'remote', agent_number: '700' }), undefined);
    expect(stranger).toEqual({ id: '9', type: 'remote', name: null, extensionName: null, extensionId: null, number: '700' });
  });
});

describe('Telphin agent book', () => {
  it('emits only changes, removes unlisted agents, and never undoes a newer webhook with an older list', () => {
    const book = new AgentBook();
    const statuses = new Map<string, string | null>([['136', 'logged_out'], ['201', 'available']]);
    const first = book.applyList([anna, sergey], statuses, null, { kind: 'list' }, T);
    expect(first.filter((e) => e.type === 'agent')).toHaveLength(4); // two info + two states
    expect(first.filter((e) => e.type === 'log')).toHaveLength(2);
    expect(first.at(-1)).toEqual({ type: 'sync', collection: 'agents', scope: 'agents', ids: ['136', '201'] });
    // same list again: only the sync
    expect(book.applyList([anna, sergey], statuses, null, { kind: 'list' }, T + 1000)).toEqual([{ type: 'sync', collection: 'agents', scope: 'agents', ids: ['136', '201'] }]);
    // a webhook at T+5s logs Anna in; a list fetched at T+4s still says logged_out: ignored
    expect(book.applyStatus(anna, 'available', { kind: 'webhook', eventSource: 'phone' }, T + 5000)).toHaveLength(2);
    expect(book.applyStatus(anna, 'available', { kind: 'webhook', eventSource: 'phone' }, T + 5100)).toEqual([]);
    const stale = book.applyList([anna], statuses, null, { kind: 'list' }, T + 4000);
    expect(stale.filter((e) => e.type === 'agent' || e.type === 'log')).toEqual([]);
    expect(book.size).toBe(1);
  });

  it('keeps a known state when the list carries no status', () => {
    const book = new AgentBook();
    book.applyStatus(anna, 'available', { kind: 'webhook', eventSource: null }, T);
    const ev = book.applyList([anna], new Map([['136', null]]), null, { kind: 'list' }, T + 10_000);
    expect(ev.filter((e) => e.type === 'agent')).toEqual([]);
  });

  it('reports queue backlog and one empty update when a queue drains', () => {
    const book = new AgentBook();
    const first = book.applyBacklog(queueBacklog(callList, T));
    expect(first).toEqual([
      { type: 'queue', id: '5000', set: { kind: 'queue', name: 'Support line' } },
      { type: 'calls.replace', queueId: '5000', calls: [{ callId: 'q-1', enteredAt: Date.UTC(2017, 4, 30, 15, 7, 30) }] },
    ]);
    expect(book.applyBacklog(new Map())).toEqual([{ type: 'calls.replace', queueId: '5000', calls: [] }]);
    expect(book.applyBacklog(new Map())).toEqual([]);
  });
});
