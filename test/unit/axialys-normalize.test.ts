import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeContext, normalizeUpdate, eventTime, type NormalizeResult } from '../../src/core/connectors/axialys/normalize';
import { parseUpdate } from '../../src/core/connectors/axialys/wire';
import { parseDirectory } from '../../src/core/connectors/axialys/directory';
import { AxialysMemory } from '../../src/core/connectors/axialys/memory';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { Said } from '../../src/shared/said';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/axialys/${name}`, import.meta.url), 'utf8'));
const docs: { name: string; doc: string; text: string }[] = fixture('doc-examples.json').examples;
const variants: { frames: Record<string, unknown>; unusable: unknown[] } = fixture('variants.json');
const dir = parseDirectory(fixture('auth-responses.json').supervisorInit)!;

function run(raw: unknown, memory = new AxialysMemory(), now = T0): NormalizeResult {
  const parsed = parseUpdate(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  const ctx = normalizeContext('ax', dir, memory);
  ctx.now = now;
  const r = normalizeUpdate(parsed.frame, ctx);
  if (Array.isArray(r)) memory.apply(r);
  return r;
}
const eventsOf = (r: NormalizeResult): NormalizedEvent[] => {
  if (!Array.isArray(r)) throw new Error(`expected events, got ${JSON.stringify(r)}`);
  return r;
};
const doc = (name: string) => docs.find((d) => d.name === name)!.text;

/** What every documented example must produce (doc timestamps are years old: local time is used). */
/** The fragments of the documented call notifications (all of them name the caller, the number called, the destination and the call). */
const numWords = (verb: string): Said[] => [
  { code: verb, params: {} },
  { code: 'from', params: { number: '33612345678' } },
  { code: 'to_service', params: { service: '33820620620' } },
  { code: 'dest', params: { dest: 'GROUPE' } },
  { code: 'call_id', params: { call: '3819' } },
];

const EXPECTED: Record<string, NormalizedEvent[]> = {
  'operator-status-connected': [
    {
      type: 'agent',
      id: '8',
      at: T0,
      set: {
        name: 'Camille Martin',
        state: 'on_call',
        vendorState: 'connected',
        call: { id: '-17137', queueKey: null, number: '3363441111', since: T0 },
        stateSince: T0,
        extra: { callStatus: 'connected', rec: 1 },
      },
    },
  ],
  'ui-login': [{ type: 'agent', id: '1', at: T0, set: { pauseReason: null, extra: { ui: 'logged_in' }, state: 'available', vendorState: 'login' } }],
  'queue-insert-call': [{ type: 'call.enter', queueId: '391', callId: '26', enteredAt: T0, kind: 'queue', name: 'Service client' }],
  'queue-connect-call': [
    { type: 'call.leave', queueId: '8', callId: '-1713' },
    {
      type: 'agent',
      id: '2',
      at: T0,
      set: {
        name: 'Hugo Bernard',
        state: 'on_call',
        vendorState: 'connected',
        call: { id: '-1713', queueKey: 'ax:8', number: '335497', since: T0 },
        stateSince: T0,
        extra: { callStatus: 'connected' },
      },
    },
  ],
  'queue-delete-call': [{ type: 'call.leave', queueId: '1023', callId: '26901513' }],
  'trunk-insert-call': [{ type: 'call.enter', queueId: 'trunk-346223', callId: '269', enteredAt: T0, kind: 'trunk', name: 'Acheminement national' }],
  'trunk-connect-call': [{ type: 'call.leave', queueId: 'trunk-345940', callId: '26903925' }],
  'trunk-delete-call': [{ type: 'call.leave', queueId: 'trunk-34', callId: '2690' }],
  'num-start': [{ type: 'log', kind: 'axialys.num', text: 'Incoming call from 33612345678 to 33820620620 (GROUPE), call 3819', said: numWords('call_start'), at: T0 }],
  'num-answer': [{ type: 'log', kind: 'axialys.num', text: 'Call answered from 33612345678 to 33820620620 (GROUPE), call 3819', said: numWords('call_answer'), at: T0 }],
  'num-end': [{ type: 'log', kind: 'axialys.num', text: 'Call ended from 33612345678 to 33820620620 (GROUPE), call 3819', said: numWords('call_end'), at: T0 }],
  'input-asr': [
    {
      type: 'log',
      kind: 'axialys.input',
      text: 'Speech input "92" (score 97) on call 40090062',
      said: [
        { code: 'asr', params: { input: '92' } },
        { code: 'asr_score', params: { score: '97' } },
        { code: 'on_call', params: { call: '40090062' } },
      ],
      at: T0,
    },
  ],
  'full-message-transfert-start': [
    {
      type: 'agent',
      id: '1',
      at: T0,
      set: { state: 'on_call', vendorState: 'transfert_start', call: { id: '26', queueKey: null, number: null, since: T0 }, stateSince: T0, extra: { callStatus: 'transfert_start' } },
    },
  ],
  'ui-pause': [{ type: 'agent', id: '1', at: T0, set: { pauseReason: 'user1', extra: { ui: 'paused' }, state: 'paused', vendorState: 'pause' } }],
};

describe('Axialys normalize: every documented example', () => {
  it('covers every example of both documentation pages', () => {
    expect(docs.length).toBe(23);
    for (const d of docs) expect(EXPECTED[d.name.slice(3)], d.name).toBeDefined();
  });

  for (const d of docs) {
    it(`${d.doc}: ${d.name.slice(3)}`, () => {
      expect(eventsOf(run(d.text))).toEqual(EXPECTED[d.name.slice(3)]);
    });
  }

  it('reads the English and French examples identically', () => {
    for (const d of docs.filter((x) => x.doc === 'fr')) {
      const twin = docs.find((x) => x.doc === 'en' && x.name.slice(3) === d.name.slice(3));
      if (twin) expect(eventsOf(run(d.text)), d.name).toEqual(eventsOf(run(twin.text)));
    }
  });
});

describe('Axialys normalize: operators over time', () => {
  it('keeps the call start across status updates of the same call and clears it when available', () => {
    const memory = new AxialysMemory();
    run(doc('en-operator-status-connected'), memory, T0);
    const later = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'transfert_end', id_operator: 8, id_call: -17137 } } }, memory, T0 + 60_000));
    expect(later[0]).toMatchObject({ set: { state: 'on_call', call: { id: '-17137', number: '3363441111', since: T0 } } });
    const end = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'available', id_operator: 8, catchup: 15 } } }, memory, T0 + 90_000));
    expect(end[0]).toMatchObject({ set: { state: 'available', vendorState: 'available', call: null, extra: { catchupSec: 15 } } });
  });

  it('a call connected long ago dates the state from the call start', () => {
    const r = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'connected', id_operator: 2, id_call: 5, call_duration: '90' } } }));
    expect(r[0]).toMatchObject({ set: { stateSince: T0 - 90_000, call: { since: T0 - 90_000 } } });
  });

  it('a status that says nothing new about the call hands on the remembered call; one that does gives a new call', () => {
    const memory = new AxialysMemory();
    const status = (status: string, msg: Record<string, unknown>, now: number) =>
      (eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status, id_operator: 2, ...msg } } }, memory, now))[0] as Extract<NormalizedEvent, { type: 'agent' }>).set.call!;
    const ringing = status('ringing', { id_call: 70, id_queue: 391, caller_id_num: '0600' }, T0);
    const connected = status('connected', { id_call: 70, id_queue: 391, caller_id_num: '0600', call_duration: 1 }, T0 + 2000);
    expect(connected).toBe(ringing);
    expect(connected).toEqual({ id: '70', queueKey: 'ax:391', number: '0600', since: T0 });
    const transferred = status('transfert_start', { id_call: 70, id_queue: 392, caller_id_num: '0600' }, T0 + 5000);
    expect(transferred).not.toBe(ringing);
    expect(transferred).toEqual({ id: '70', queueKey: 'ax:392', number: '0600', since: T0 });
    expect(ringing).toEqual({ id: '70', queueKey: 'ax:391', number: '0600', since: T0 });
    const next = status('ringing', { id_call: 71, id_queue: 392, caller_id_num: '0600' }, T0 + 9000);
    expect(next).toEqual({ id: '71', queueKey: 'ax:392', number: '0600', since: T0 + 9000 });
  });

  it("gives a call's queue the queue entity's key, whether the id came as a number or a string, per source", () => {
    const ctx = normalizeContext('ax', dir, new AxialysMemory());
    ctx.now = T0;
    const callOf = (idOperator: number, idCall: number, idQueue: number | string) => {
      const parsed = parseUpdate({ event: { type_notification: 'operator', event: 'status', msg: { status: 'ringing', id_operator: idOperator, id_call: idCall, id_queue: idQueue } } });
      if (!parsed.ok) throw new Error(parsed.reason);
      const ev = eventsOf(normalizeUpdate(parsed.frame, ctx))[0] as Extract<NormalizedEvent, { type: 'agent' }>;
      return ev.set.call!;
    };
    const a = callOf(2, 40, 391);
    const b = callOf(8, 41, '391');
    expect(a.queueKey).toBe('ax:391');
    expect(b.queueKey).toBe('ax:391');
    expect(callOf(2, 42, 392).queueKey).toBe('ax:392');
    // Another feed (another source) has its own keys.
    const other = normalizeContext('ax2', dir, new AxialysMemory());
    expect(other.queueKey('391')).toBe('ax2:391');
  });

  it('a pause resolves its name from the directory and survives a call, then returns', () => {
    const memory = new AxialysMemory();
    expect(eventsOf(run(variants.frames.pauseWithId, memory))[0]).toMatchObject({ id: '3', set: { state: 'paused', pauseReason: 'Formation' } });
    const ring = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'calling', id_operator: 3, id_call: 77 } } }, memory));
    expect(ring[0]).toMatchObject({ set: { state: 'on_call' } });
    const back = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'available', id_operator: 3 } } }, memory));
    expect(back[0]).toMatchObject({ set: { state: 'paused', call: null } });
    expect(back[0]!.type === 'agent' && back[0].set.vendorState).toBeUndefined();
    const unpause = eventsOf(run({ event: { type_notification: 'UI', event: 'unpause', msg: { id_operator: 3 } } }, memory));
    expect(unpause[0]).toMatchObject({ set: { state: 'available', pauseReason: null, extra: { ui: 'logged_in' } } });
  });

  it('a pause taken during a call is remembered without hiding the call', () => {
    const memory = new AxialysMemory();
    run(doc('en-operator-status-connected'), memory);
    const pause = eventsOf(run({ event: { type_notification: 'UI', event: 'pause', msg: { id_operator: 8, supp: '1' } } }, memory));
    expect(pause[0]).toMatchObject({ set: { pauseReason: 'Déjeuner', extra: { ui: 'paused' } } });
    expect(pause[0]!.type === 'agent' && pause[0].set.state).toBeUndefined();
  });

  it('logout ends the call and logs the operator out', () => {
    const memory = new AxialysMemory();
    run(doc('en-operator-status-connected'), memory);
    expect(eventsOf(run({ event: { type_notification: 'UI', event: 'logout', msg: { id_operator: 8 } } }, memory))[0]).toMatchObject({
      set: { state: 'logged_out', call: null, extra: { ui: 'logged_out' } },
    });
  });

  it('a logged-out operator reported unavailable stays logged out; a call or "available" says they are back', () => {
    const memory = new AxialysMemory();
    const status = (value: string) => eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: value, id_operator: 8 } } }, memory))[0];
    run({ event: { type_notification: 'UI', event: 'logout', msg: { id_operator: 8 } } }, memory);
    expect(status('unavailable')).toMatchObject({ set: { state: 'logged_out', call: null } });
    expect(status('available')).toMatchObject({ set: { state: 'available', vendorState: 'available', extra: { ui: 'logged_in' } } });
    expect(status('unavailable')).toMatchObject({ set: { state: 'unknown', vendorState: 'unavailable' } });
  });

  it('an unmapped status becomes unknown with the raw value kept; unavailable too', () => {
    expect(eventsOf(run(variants.frames.statusUnknownValue))[0]).toMatchObject({ set: { state: 'unknown', vendorState: 'on_hold' } });
    expect(eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'unavailable', id_operator: 8 } } }))[0]).toMatchObject({
      set: { state: 'unknown', vendorState: 'unavailable' },
    });
  });

  it('numbers as strings and "" are read leniently; ringing keeps the service', () => {
    const r = eventsOf(run(variants.frames.statusNumbersAsStrings));
    expect(r[0]).toMatchObject({
      id: '8',
      set: { state: 'ringing', call: { id: '991', queueKey: 'ax:391', number: '33611223344', since: T0 - 2000 }, extra: { service: '33820620620' } },
    });
  });
});

describe('Axialys normalize: queues, trunks, alerts, logs', () => {
  it('insert_call enters at ts − duration_in_queue (strings accepted)', () => {
    expect(eventsOf(run(variants.frames.insertWithStringsAndWait))).toEqual([
      { type: 'call.enter', queueId: '392', callId: '5001', enteredAt: T0 - 40_000, kind: 'queue', name: 'Support technique' },
    ]);
  });

  it('uses ts when it agrees with the local clock, minus elapse', () => {
    expect(eventTime({ ts: T0 / 1000 - 3, elapse: 1 }, T0)).toBe(T0 - 4000);
    expect(eventTime({ ts: T0 / 1000 + 2, elapse: 0 }, T0)).toBe(T0);
    expect(eventTime({ ts: 1547651821, elapse: 0 }, T0)).toBe(T0);
    expect(eventTime({ ts: null, elapse: null }, T0)).toBe(T0);
  });

  it('a connected or ended call leaves every queue it waited in, even when the queue event was missed', () => {
    const memory = new AxialysMemory();
    run(doc('en-queue-insert-call'), memory);
    const connected = eventsOf(run({ event: { type_notification: 'operator', event: 'status', msg: { status: 'connected', id_operator: 2, id_call: 26, id_queue: 391 } } }, memory));
    expect(connected).toContainEqual({ type: 'call.leave', queueId: '391', callId: '26' });
    const memory2 = new AxialysMemory();
    run({ event: { type_notification: 'queue', event: 'insert_call', msg: { id_queue: 1, id_call: 3819 } } }, memory2);
    expect(eventsOf(run(doc('en-num-end'), memory2))).toContainEqual({ type: 'call.leave', queueId: '1', callId: '3819' });
  });

  it('alert_op and alert_file raise vendor alerts for their validity, with a log line', () => {
    const op = eventsOf(run(variants.frames.alertOp));
    expect(op).toContainEqual({ type: 'vendor.alert', queueId: '391', metric: 'vendor.alert_op', validitySec: 120, value: null, message: 'Axialys: not enough operators for Service client', at: T0 });
    expect(op).toContainEqual(expect.objectContaining({ type: 'log', kind: 'axialys.alert_op', level: 'warning', subjectId: '391' }));
    const file = eventsOf(run(variants.frames.alertFileStrings));
    expect(file).toContainEqual(expect.objectContaining({ type: 'vendor.alert', queueId: '393', metric: 'vendor.alert_file', validitySec: 300, value: 95 }));
    expect(eventsOf(run(variants.frames.alertFileNoValidity))).toContainEqual(expect.objectContaining({ type: 'vendor.alert', validitySec: null }));
    const ended = { event: { type_notification: 'queue', event: 'alert_op', msg: { id_queue: 391, validity: 0 } } };
    expect(eventsOf(run(ended))).toContainEqual(expect.objectContaining({ type: 'vendor.alert', validitySec: 0 }));
    const epoch = { event: { type_notification: 'queue', event: 'alert_op', msg: { id_queue: 391, validity: T0 / 1000 + 90 } } };
    expect(eventsOf(run(epoch))).toContainEqual(expect.objectContaining({ type: 'vendor.alert', validitySec: 90 }));
  });

  it('push, PUSHCALL and lower-case/upper-case event names become log lines', () => {
    expect(eventsOf(run(variants.frames.uiPush))).toEqual([
      {
        type: 'log',
        kind: 'axialys.push',
        text: 'Outbound call pushed to operator 5 (33144556677)',
        said: [
          { code: 'push', params: {} },
          { code: 'to_operator', params: { id: '5' } },
          { code: 'number', params: { number: '33144556677' } },
        ],
        at: T0,
        subjectId: '5',
      },
    ]);
    expect(eventsOf(run(variants.frames.pushcall))[0]).toMatchObject({ kind: 'axialys.pushcall', text: 'Outbound call pushed to operator 6 (33988776655)' });
    expect(eventsOf(run(variants.frames.inputAsrUpper))[0]).toMatchObject({ text: 'Speech input "oui" on call 40090062' });
  });

  it('msg sent as a JSON string is read', () => {
    expect(eventsOf(run(variants.frames.msgAsJsonString))[0]).toMatchObject({ id: '7', set: { state: 'logged_out' } });
  });

  it('unknown types and events are reported as unknown; frames missing ids are rejected', () => {
    expect(run(variants.frames.unknownType)).toEqual({ kind: 'unknown', what: 'campaign/start' });
    expect(run(variants.frames.unknownQueueEvent)).toEqual({ kind: 'unknown', what: 'queue/overflow_call' });
    expect(run(variants.frames.statusWithoutOperator)).toMatchObject({ kind: 'rejected' });
    expect(run(variants.frames.insertWithoutCall)).toMatchObject({ kind: 'rejected' });
  });

  it('an empty pause type leaves the reason empty', () => {
    expect(eventsOf(run(variants.frames.pauseEmptySupp))[0]).toMatchObject({ set: { state: 'paused', pauseReason: null } });
  });
});

describe('Axialys memory of waiting calls', () => {
  const enter = (queueId: string, callId: string): NormalizedEvent => ({ type: 'call.enter', queueId, callId, enteredAt: T0 });
  const leave = (queueId: string, callId: string): NormalizedEvent => ({ type: 'call.leave', queueId, callId });

  it('knows every queue a call waits in, through repeats, second queues and leaves in any order', () => {
    const m = new AxialysMemory();
    m.apply([enter('q1', 'c1'), enter('q1', 'c1')]);
    expect(m.queuesOfCall('c1')).toEqual(['q1']);
    m.apply([enter('q2', 'c1'), enter('q3', 'c1'), enter('q2', 'c1')]);
    expect(m.queuesOfCall('c1')).toEqual(['q1', 'q2', 'q3']);
    m.apply([leave('q2', 'c1'), leave('q9', 'c1')]);
    expect(m.queuesOfCall('c1')).toEqual(['q1', 'q3']);
    m.apply([leave('q1', 'c1')]);
    expect(m.queuesOfCall('c1')).toEqual(['q3']);
    m.apply([leave('q1', 'c1')]); // not there any more: nothing changes
    expect(m.queuesOfCall('c1')).toEqual(['q3']);
    expect(m.waitingCalls()).toEqual(['c1']);
    m.apply([leave('q3', 'c1')]);
    expect(m.queuesOfCall('c1')).toEqual([]);
    expect(m.waitingCalls()).toEqual([]);
    m.apply([leave('q3', 'c1')]); // unknown call: no error
    expect(m.waitingCalls()).toEqual([]);
  });

  it('hands out copies: what a caller does with the list does not change what is remembered', () => {
    const m = new AxialysMemory();
    m.apply([enter('q1', 'c1'), enter('q2', 'c1')]);
    m.queuesOfCall('c1').push('q9');
    const one = new AxialysMemory();
    one.apply([enter('q1', 'c2')]);
    one.queuesOfCall('c2').push('q9');
    expect(m.queuesOfCall('c1')).toEqual(['q1', 'q2']);
    expect(one.queuesOfCall('c2')).toEqual(['q1']);
  });

  it('ends a call everywhere it waited when its number ends, even if a queue missed its delete_call', () => {
    const memory = new AxialysMemory();
    memory.apply([enter('100', '555'), enter('101', '555')]);
    const out = eventsOf(run({ event: { type_notification: 'num', event: 'end', msg: { id_call: 555 } } }, memory));
    expect(out.filter((e) => e.type === 'call.leave')).toEqual([leave('100', '555'), leave('101', '555')]);
    expect(memory.queuesOfCall('555')).toEqual([]);
  });
});
