/**
 * More hot paths written for speed, checked against the general code they stand for: the live
 * state's entity merges and its "nothing changed" test, the Avaya reading of a frame shaped like the
 * previous one, the Telphin form-body reader, and the Wolkvox number and duration scanners. Inputs are
 * seeded random variants, so every run checks the same cases.
 */
import { describe, expect, it } from 'vitest';
import type { Agent, Queue } from '../../src/shared/model';
import type { NormalizedEvent } from '../../src/core/state/events';
import { LiveState } from '../../src/core/state/store';
import { merged, mergedAgent, mergedExtra, mergedQueue } from '../../src/core/state/merge';
import { DataFrameSchema } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame, normalizeFrameGeneral } from '../../src/core/connectors/avaya/normalize';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { AGENT_PRODUCER, producerBody } from '../../src/simulators/avaya/catalog';
import { collectFields } from '../../src/core/connectors/telphin/webhook';
import { formFields } from '../../src/core/connectors/telphin/webhook-form';
import { WebhookFieldsSchema } from '../../src/core/connectors/telphin/wire';
import type { WebhookRequest } from '../../src/core/webhooks';
import { toNumber } from '../../src/core/connectors/wolkvox/wire';
import { parseDurationSec } from '../../src/core/connectors/wolkvox/time';
import { seeded as prng } from '../../src/simulators/random';

const pick = <T,>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const T0 = 1_800_000_000_000;

/** Fields drawn from small pools, so that identical updates come up often. */
function extraOf(rnd: () => number): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  const keys = rnd() < 0.5 ? ['a', 'b', 'c'] : pick(rnd, [['b', 'a'], ['a', 'b', 'c', 'd'], ['c'], ['__proto__', 'a'], []]);
  for (const k of keys) if (rnd() < 0.9) Object.defineProperty(out, k, { value: pick(rnd, [1, 2, 'x', null]), enumerable: true, writable: true, configurable: true });
  return out;
}

function agentSet(rnd: () => number): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const maybe = (k: string, values: readonly unknown[]) => {
    if (rnd() < 0.35) set[k] = pick(rnd, values);
  };
  maybe('name', ['Ana', 'Bo', '', undefined]);
  maybe('state', ['available', 'paused', 'on_call', undefined]);
  maybe('stateSince', [T0, T0 + 1000, null, undefined]);
  maybe('pauseReason', ['Lunch', null]);
  maybe('vendorState', ['READY', 'AUX', null]);
  maybe('call', [null, { id: 'c1', queueKey: null, number: '1', since: T0 }, { id: 'c1', queueKey: null, number: '1', since: T0 + 5 }]);
  if (rnd() < 0.3) {
    const sampledAt = pick(rnd, [T0, T0 + 10_000, null]);
    set.network = { latencyMs: pick(rnd, [80, 450]), txJitterMs: 3, rxJitterMs: 4, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '1.2.3.4', sampledAt };
  }
  maybe('queues', [['q:1'], undefined]);
  if (rnd() < 0.4) set.extra = extraOf(rnd);
  if (rnd() < 0.03) set.unexpected = pick(rnd, [1, 2]);
  return set;
}

function queueSet(rnd: () => number): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const pools: [string, readonly unknown[]][] = [
    ['name', ['Sales', '', undefined]],
    ['kind', ['queue', 'skill']],
    ['waiting', [0, 3, null, -1, 2.5]],
    ['offered', [10, 11, null]],
    ['answered', [9, null]],
    ['serviceLevelPct', [90, 95.5]],
    ['longestWaitSec', [null, 30]],
  ];
  for (const [k, values] of pools) {
    if (rnd() < 0.35) set[k] = pick(rnd, values);
  }
  if (rnd() < 0.4) set.extra = extraOf(rnd);
  if (rnd() < 0.03) set.unexpected = 1;
  return set;
}

/** What the store made of an update before it skipped unchanged ones: the general merge. */
function expectedAgent(prev: Agent | null, id: string, set: Record<string, unknown>, now: number): Agent {
  const base: Agent = prev ?? { key: `s:${id}`, sourceId: 's', vendorId: id, name: id, state: 'unknown', stateSince: null, pauseReason: null, vendorState: null, call: null, network: null };
  const next = merged(base, set);
  if (set.extra) next.extra = { ...base.extra, ...(set.extra as object) };
  if (set.state !== undefined && set.state !== base.state && set.stateSince === undefined) next.stateSince = now;
  if (!next.name) next.name = id;
  return next;
}

const keysOf = (o: object) => JSON.stringify(Object.keys(o));

describe('live state merges', () => {
  it('mergedAgent, mergedQueue and mergedExtra give what the generic merge and spreads give, key order included', () => {
    const rnd = prng(5);
    let agent: Agent = { key: 's:1', sourceId: 's', vendorId: '1', name: '1', state: 'unknown', stateSince: null, pauseReason: null, vendorState: null, call: null, network: null };
    let queue: Queue = { key: 's:q', sourceId: 's', vendorId: 'q', name: 'q', kind: 'queue', waiting: 0, longestWaitSec: null, offered: null, answered: null, abandoned: null, serviceLevelPct: null, agentsAvailable: null, oldestSince: null };
    for (let i = 0; i < 3000; i++) {
      const aset = agentSet(rnd);
      const a = mergedAgent(agent, aset);
      expect(a).toStrictEqual(merged(agent, aset));
      expect(keysOf(a)).toBe(keysOf(merged(agent, aset)));
      const qset = queueSet(rnd);
      const q = mergedQueue(queue, qset as never);
      expect(q).toStrictEqual(merged(queue, qset));
      expect(keysOf(q)).toBe(keysOf(merged(queue, qset)));
      const base = rnd() < 0.2 ? undefined : extraOf(rnd);
      const set = extraOf(rnd);
      const e = mergedExtra(base, set);
      expect(e).toStrictEqual({ ...base, ...set });
      expect(keysOf(e)).toBe(keysOf({ ...base, ...set }));
      agent = a;
      queue = q;
    }
  });

  it('an update that changes nothing keeps the entity and tells nobody; any change replaces it as the general merge would', () => {
    const rnd = prng(9);
    const s = new LiveState();
    let changes = 0;
    s.onChange(() => changes++);
    let skipped = 0;
    let applied = 0;
    for (let i = 0; i < 6000; i++) {
      const id = pick(rnd, ['1', '2']);
      const prev = s.agents.get(`s:${id}`) ?? null;
      const set = agentSet(rnd);
      const expected = expectedAgent(prev, id, set, T0 + i);
      const before = changes;
      s.apply('s', { type: 'agent', id, set, scope: pick(rnd, ['x', 'y', undefined]) } as NormalizedEvent, T0 + i);
      const now = s.agents.get(`s:${id}`)!;
      if (changes === before) {
        skipped++;
        expect(now).toBe(prev);
        expect(expected).toStrictEqual(prev);
        expect(keysOf(expected)).toBe(keysOf(prev!));
        // A network sample without a time is a new sample every time: never skipped.
        if (set.network !== undefined) expect((set.network as { sampledAt: number | null }).sampledAt).not.toBeNull();
      } else {
        applied++;
        expect(now).toStrictEqual(expected);
        expect(keysOf(now)).toBe(keysOf(expected));
      }
    }
    expect(skipped).toBeGreaterThan(300);
    expect(applied).toBeGreaterThan(1000);
  });

  it('queues likewise, waiting counts and calls included', () => {
    const rnd = prng(13);
    const s = new LiveState();
    let changes = 0;
    s.onChange((c) => c === 'queues' && changes++);
    let skipped = 0;
    for (let i = 0; i < 4000; i++) {
      const prev = s.queues.get('s:q') ?? null;
      const before = changes;
      const kind = rnd();
      if (kind < 0.1) s.apply('s', { type: 'call.enter', queueId: 'q', callId: pick(rnd, ['c1', 'c2']), enteredAt: T0 }, T0 + i);
      else if (kind < 0.19) s.apply('s', { type: 'call.leave', queueId: 'q', callId: pick(rnd, ['c1', 'c2']) }, T0 + i);
      else s.apply('s', { type: 'queue', id: 'q', set: queueSet(rnd) } as NormalizedEvent, T0 + 1000 * Math.floor(i / 50));
      const now = s.queues.get('s:q')!;
      if (changes === before) {
        skipped++;
        expect(now).toBe(prev);
      } else if (prev) {
        expect(now).not.toBe(prev);
      }
    }
    expect(skipped).toBeGreaterThan(200);
  });
});

describe('Avaya frames shaped like the previous one', () => {
  it('read as the general reading reads them, frame after frame', () => {
    const rnd = prng(21);
    const catalog = parseProducerMeasures(producerBody(AGENT_PRODUCER));
    const names = ['agentState', 'reasonCodeName', 'agentDisplayName', 'timeInState', 'timeOnHold', 'toString', 'custom', 'AgentState', 'queueName', 'Offered'];
    const orders = [names.slice(0, 7), names.slice(0, 4), [...names.slice(0, 7)].reverse(), names, ['agentState', 'AgentState'], ['custom', 'toString', '__proto__']];
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const order = pick(rnd, orders);
      const measures: Record<string, unknown> = {};
      for (const n of order) if (rnd() < 0.95) Object.defineProperty(measures, n, { value: pick(rnd, ['READY', 'NOT_READY', '12', '', null, 'true', '1732185600000']), enumerable: true, writable: true, configurable: true });
      const parsed = DataFrameSchema.safeParse({ keys: { agentId: pick(rnd, ['a', 'b']) }, measures });
      if (!parsed.success) continue;
      for (const labels of [false, true]) {
        const opts = { producerId: pick(rnd, ['Agent_itd_1.0.0', 'Queue_itd_1.0.0']), catalog: rnd() < 0.5 ? catalog : undefined, labels, now: T0 };
        // Twice: the second reading follows a frame of the same shape.
        for (let k = 0; k < 2; k++) {
          const fast = normalizeFrame(parsed.data, opts);
          const general = normalizeFrameGeneral(parsed.data, opts);
          expect(fast).toStrictEqual(general);
          const extra = (fast?.events[0] as { set?: { extra?: object } } | undefined)?.set?.extra;
          const generalExtra = (general?.events[0] as { set?: { extra?: object } } | undefined)?.set?.extra;
          if (extra && generalExtra) expect(keysOf(extra)).toBe(keysOf(generalExtra));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });
});

describe('Telphin form bodies', () => {
  const VALUES = ['30001', ' 30002 ', '', 'ab+c', 'a%20b', '%zz', '%E2%82%AC', '%C3', 'x'.repeat(70), 'y'.repeat(201), 'LOCAL', 'Remote', 'other', 'available', 'logged_out', '30001*101%40sipproxy.telphin.ru', 'phone', '+', '%2B'];
  const NAMES = ['agent_id', 'agent_status', 'agent_type', 'agent_number', 'extension_name', 'event_source', 'agent%5Fid', 'agent+id', 'other', ''];

  function request(rnd: () => number): WebhookRequest {
    const pairs: string[] = [];
    if (rnd() < 0.9) pairs.push(`agent_id=${pick(rnd, ['30001', ' 30002 ', '3%200', '', 'a b'])}`);
    if (rnd() < 0.9) pairs.push(`agent_status=${pick(rnd, ['available', 'logged_out', ' x ', '', 'z'.repeat(65)])}`);
    for (let i = Math.floor(rnd() * 4); i > 0; i--) {
      const r = rnd();
      if (r < 0.8) pairs.push(`${pick(rnd, NAMES)}=${pick(rnd, VALUES)}`);
      else if (r < 0.9) pairs.push(pick(rnd, NAMES));
      else pairs.push('');
    }
    pairs.sort(() => rnd() - 0.5);
    let body = pairs.join('&');
    if (rnd() < 0.05) body = `?${body}`;
    if (rnd() < 0.03) body = '  ';
    const headers: Record<string, string | string[] | undefined> = { host: 'x', 'content-type': 'application/x-www-form-urlencoded' };
    if (rnd() < 0.05) headers[pick(rnd, ['x-agent-id', 'agent-status', 'event_source'])] = '30009';
    const query = new URLSearchParams(rnd() < 0.05 ? pick(rnd, ['agent_id=1', 'other=2']) : '');
    const contentType = rnd() < 0.9 ? 'application/x-www-form-urlencoded' : pick(rnd, ['application/json', 'text/plain', null, 'application/x-www-form-urlencoded; charset=utf-8']);
    return { method: 'POST', query, headers, body: rnd() < 0.02 ? null : Buffer.from(body), contentType, remoteAddress: '127.0.0.1' };
  }

  it('formFields gives what collectFields and WebhookFieldsSchema give, or leaves the request to them', () => {
    const rnd = prng(31);
    let fast = 0;
    let general = 0;
    for (let i = 0; i < 6000; i++) {
      const req = request(rnd);
      const collected = collectFields(req);
      const parsed = collected.ok ? WebhookFieldsSchema.safeParse(collected.fields) : null;
      const got = formFields(req);
      if (got === null) {
        general++;
        continue;
      }
      fast++;
      expect(parsed?.success, req.body?.toString()).toBe(true);
      expect(got, req.body?.toString()).toStrictEqual(parsed!.data);
      expect(keysOf(got)).toBe(keysOf(parsed!.data!));
    }
    expect(fast).toBeGreaterThan(500);
    expect(general).toBeGreaterThan(500);
  });
});

describe('Wolkvox scanners', () => {
  /** The readings before the scanners, kept here as the reference. */
  function referenceNumber(v: unknown): number | null {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v !== 'string') return null;
    let s = v.trim().replace(/%$/, '').trim();
    if (s === '') return null;
    if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
    if (s.length > 64 || !/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  function referenceDuration(v: unknown): number | null {
    if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
    if (typeof v !== 'string') return null;
    const s = v.trim();
    if (s === '') return null;
    if (/^\d+(\.\d+)?$/.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
    const m = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/.exec(s);
    if (!m) return null;
    if (m[3] === undefined) return Number(m[1]) * 60 + Number(m[2]);
    return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  }

  it('toNumber and parseDurationSec read what the patterns read', () => {
    const rnd = prng(41);
    const samples: unknown[] = ['', '0', '007', '5.', '.5', '.', '1.2.3', '12,5', '85%', ' 7 ', '-3', '1e3', '9'.repeat(64), '9'.repeat(65), '00:00:00', '1:23:45', '12:34', '123:45', '1:2:34', '12:60', '100:00', '0:00:00:00', ':12', '12:', 3, -1, NaN, null, true];
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = 1 + Math.floor(rnd() * 10);
      for (let k = 0; k < len; k++) s += pick(rnd, ['0', '1', '5', '6', '9', ':', ':', '.', ',', '%', ' ', '-', 'e']);
      samples.push(s);
    }
    for (const v of samples) {
      expect(toNumber(v), JSON.stringify(v)).toBe(referenceNumber(v));
      expect(parseDurationSec(v), JSON.stringify(v)).toBe(referenceDuration(v));
    }
  });
});
