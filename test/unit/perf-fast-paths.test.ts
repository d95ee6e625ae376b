/**
 * The hot paths written for speed give exactly what the general code gives: Avaya data frames
 * (parseDataFrame vs DataFrameSchema, the one-pass measure reading vs the general one, the number
 * scanner vs its regex), Axialys payloads (parseUpdate/parseCallMsg/parseUiMsg vs their schemas) and
 * the live state's log trimming and scope bookkeeping. Inputs: the recorded fixtures plus seeded
 * random variants of the shapes vendors drift into.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFrameSchema, parseDataFrame, toNumber } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame, normalizeFrameGeneral } from '../../src/core/connectors/avaya/normalize';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { AGENT_PRODUCER, QUEUE_PRODUCER, producerBody } from '../../src/simulators/avaya/catalog';
import { CallMsgSchema, UiMsgSchema, UpdateSchema, parseCallMsg, parseUiMsg, parseUpdate, readCallMsg, readUpdate, type UpdateFrame } from '../../src/core/connectors/axialys/wire';
import { LiveState } from '../../src/core/state/store';
import { History } from '../../src/core/history/history';
import { FAST_PARSERS } from '../../src/core/connectors/wolkvox/wire';
import { readdirSync } from 'node:fs';
import { seeded as prng } from '../../src/simulators/random';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const fixture = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

const STRINGS = ['', ' ', '0', '12', ' 12 ', '007', '-3', '+4', '1.5', '.5', '5.', '.', '1e3', '1E-2', '2e', '1,5', '12%', '0x10', 'Infinity', 'NaN', '1_000', '９', 'abc', 'READY', 'not_ready', 'N/A', 'null', 'true', 'FALSE', '2024-05-01T10:00:00Z', '1732185600000', '1732185600', '9999999999999999', '123456789012345'];
const pick = <T,>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

function value(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.55) return pick(rnd, STRINGS);
  if (r < 0.7) return pick(rnd, [0, 1, -1, 1.5, 1e21, 1732185600000, -0]);
  if (r < 0.78) return pick(rnd, [true, false]);
  if (r < 0.88) return null;
  if (r < 0.94) return { nested: 'x' };
  return ['a'];
}

const MEASURE_NAMES = ['agentState', 'AgentState', 'reasonCodeName', 'agentDisplayName', 'agentFirstName', 'agentLastName', 'agentLoginId', 'timeInState', 'timeOnHold', 'timeLoggedIn', 'queueName', 'contactsQueueing', 'Offered', 'offered', 'Answered', 'abandonedFromQueue', 'abandoned', 'isDefaultQueue', 'constructor', 'toString', 'custom'];

function record(rnd: () => number, names: readonly string[], size: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) out[pick(rnd, names)] = value(rnd);
  return out;
}

function avayaVariants(): unknown[] {
  const rnd = prng(7);
  const out: unknown[] = [...Object.values(fixture('avaya/variants.json') as Record<string, unknown>), fixture('avaya/seed-agent-live.json'), fixture('avaya/seed-queue-initializing.json')];
  for (let i = 0; i < 600; i++) {
    const frame: Record<string, unknown> = {};
    if (rnd() < 0.8) frame.accountId = value(rnd);
    frame.keys = rnd() < 0.92 ? record(rnd, ['agentId', 'queueId', 'channelId', 'AgentID'], 1 + Math.floor(rnd() * 2)) : value(rnd);
    if (rnd() < 0.7) frame.eventAction = pick(rnd, ['UPSERT', 'upsert', 'DELETE', 'Delete', '', 7, null]);
    if (rnd() < 0.7) frame.payloadType = pick(rnd, ['LIVE', 'INITIALIZING', 'initializing', '', null]);
    if (rnd() < 0.6) frame.measureProducerId = pick(rnd, ['Agent_itd_1.0.0', 'Queue_itd_1.0.0']);
    const m = rnd();
    if (m < 0.75) frame.measures = record(rnd, MEASURE_NAMES, Math.floor(rnd() * 12));
    else if (m < 0.85) frame.measures = null;
    else if (m < 0.9) frame.measures = ['x'];
    if (rnd() < 0.1) frame.extraTop = value(rnd);
    out.push(frame);
  }
  out.push(null, 'text', [], { keys: {} }, { keys: { agentId: null } }, { keys: { agentId: '' } });
  out.push(JSON.parse('{"keys":{"agentId":"a","__proto__":"x"},"measures":{"__proto__":{"agentState":"READY"},"agentState":"BUSY"}}'));
  out.push(JSON.parse('{"__proto__":{"x":1},"keys":{"agentId":"p"},"measures":{}}'));
  return out;
}

describe('Avaya fast paths', () => {
  it('parseDataFrame gives what DataFrameSchema gives, for every variant', () => {
    for (const input of avayaVariants()) {
      const fast = parseDataFrame(input);
      const schema = DataFrameSchema.safeParse(input);
      expect(fast.success, JSON.stringify(input)).toBe(schema.success);
      if (schema.success) expect(fast.data, JSON.stringify(input)).toStrictEqual(schema.data);
      else expect(fast.error?.issues.map((i) => i.message)).toEqual(schema.error.issues.map((i) => i.message));
    }
  });

  it('the one-pass measure reading gives what the general reading gives (catalogs, labels, duplicate spellings)', () => {
    const catalogs = [undefined, parseProducerMeasures(producerBody(AGENT_PRODUCER)), parseProducerMeasures(producerBody(QUEUE_PRODUCER))];
    let compared = 0;
    for (const input of avayaVariants()) {
      const parsed = DataFrameSchema.safeParse(input);
      if (!parsed.success) continue;
      for (const producerId of ['Agent_itd_1.0.0', 'Queue_itd_1.0.0']) {
        for (const catalog of catalogs) {
          for (const labels of [false, true]) {
            const opts = { producerId, catalog, labels, now: 1_732_185_700_000 };
            expect(normalizeFrame(parsed.data, opts), JSON.stringify(input)).toStrictEqual(normalizeFrameGeneral(parsed.data, opts));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('keeps at most 200 extra measures either way', () => {
    const measures: Record<string, string> = { agentState: 'READY' };
    for (let i = 0; i < 300; i++) measures[`m${i}`] = String(i);
    const frame = DataFrameSchema.parse({ keys: { agentId: 'x' }, measures });
    const fast = normalizeFrame(frame, { producerId: 'Agent_itd_1.0.0', now: 0 })!;
    expect(fast).toStrictEqual(normalizeFrameGeneral(frame, { producerId: 'Agent_itd_1.0.0', now: 0 }));
    const set = (fast.events[0] as { set: { extra: Record<string, unknown> } }).set;
    expect(Object.keys(set.extra)).toHaveLength(200);
  });

  it('toNumber reads exactly the decimal numbers its pattern describes', () => {
    const pattern = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    const reference = (v: string) => {
      const t = v.trim();
      if (!pattern.test(t)) return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : null;
    };
    const rnd = prng(3);
    const samples = [...STRINGS, '\t42\n', '1e400', '-', '+', '+.5', '-5.', 'e5', '1e+5', '1e-', '00', '12345678901234567890'];
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const len = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < len; k++) s += pick(rnd, ['0', '1', '9', '.', 'e', 'E', '-', '+', ' ', 'x']);
      samples.push(s);
    }
    for (const s of samples) expect(toNumber(s), JSON.stringify(s)).toBe(reference(s));
  });
});

describe('Axialys fast paths', () => {
  const rnd = prng(11);
  const CALL_KEYS = ['id_operator', 'id_call', 'id_queue', 'id_trunk', 'status', 'caller_id_num', 'call_duration', 'duration_in_queue', 'catchup', 'rec', 'service', 'priority', 'vip_rate', 'validity', 'supp', 'e164', 'type', 'id_client', 'step'];
  const msgs: unknown[] = [];
  for (let i = 0; i < 800; i++) msgs.push(record(rnd, CALL_KEYS, Math.floor(rnd() * 10)));
  msgs.push(null, undefined, 'x', [], JSON.parse('{"__proto__":{"status":"x"},"id_operator":5}'));

  /** The value of every field of a schema (what readers see: an absent field reads `undefined`). */
  const fieldsOf = (schema: { shape: object }, m: object | null) => (m === null ? null : Object.fromEntries(Object.keys(schema.shape).map((k) => [k, (m as Record<string, unknown>)[k]])));
  const callFields = (m: object | null) => fieldsOf(CallMsgSchema, m);

  it('parseCallMsg, readCallMsg and parseUiMsg give what their schemas give', () => {
    let scratch: object | null = null;
    for (const m of msgs) {
      const call = CallMsgSchema.safeParse(m);
      const expected = callFields(call.success ? call.data : null);
      expect(callFields(parseCallMsg(m)), JSON.stringify(m)).toStrictEqual(expected);
      // The reused object holds nothing of the message before (the messages come in random order).
      const read = readCallMsg(m);
      expect(callFields(read), JSON.stringify(m)).toStrictEqual(expected);
      if (read && Object.getPrototypeOf(m) === Object.prototype) {
        scratch ??= read;
        expect(read).toBe(scratch);
      }
      const ui = UiMsgSchema.safeParse(m);
      expect(fieldsOf(UiMsgSchema, parseUiMsg(m)), JSON.stringify(m)).toStrictEqual(fieldsOf(UiMsgSchema, ui.success ? ui.data : null));
    }
    expect(scratch).not.toBeNull();
  });

  it('parseCallMsg gives every message an object of its own', () => {
    const a = parseCallMsg({ id_operator: 1, status: 'ringing' });
    const b = parseCallMsg({ id_call: 2 });
    expect(a).not.toBe(b);
    expect(a).toMatchObject({ id_operator: '1', status: 'ringing', id_call: undefined });
    expect(b).toMatchObject({ id_operator: undefined, status: undefined, id_call: '2' });
  });

  it('parseUpdate gives what UpdateSchema gives, for recorded and varied payloads', () => {
    const variants = (fixture('axialys/variants.json') as { frames: Record<string, unknown> }).frames;
    const payloads: unknown[] = Object.values(variants);
    for (let i = 0; i < 600; i++) {
      const p: Record<string, unknown> = {};
      for (const k of ['ts', 'elapse', 'cpt']) if (rnd() < 0.7) p[k] = value(rnd);
      const ev: Record<string, unknown> = {};
      if (rnd() < 0.95) ev.type_notification = pick(rnd, ['operator', 'UI', 'queue', '', 5]);
      if (rnd() < 0.95) ev.event = pick(rnd, ['status', 'login', 'insert_call', '']);
      const m = rnd();
      if (m < 0.8) ev.msg = msgs[i % 800];
      else if (m < 0.85) ev.msg = null;
      else if (m < 0.9) ev.msg = '{"status":"available","id_operator":3}';
      else if (m < 0.95) ev.msg = 'not json';
      if (rnd() < 0.1) ev.srv = 8;
      p.event = rnd() < 0.95 ? ev : value(rnd);
      if (rnd() < 0.1) p.extra = 1;
      payloads.push(p);
    }
    let ok = 0;
    let inPlace = 0;
    for (const p of payloads) {
      if (typeof p !== 'object' || p === null || Array.isArray(p) || !('event' in p) || typeof (p as { event: unknown }).event !== 'object') continue;
      const fast = parseUpdate(p);
      const schema = UpdateSchema.safeParse(p);
      expect(fast.ok, JSON.stringify(p)).toBe(schema.success);
      if (fast.ok && schema.success) {
        expect(fast.frame, JSON.stringify(p)).toStrictEqual(schema.data);
        ok++;
      }
      // What the feed reads: the same fields with the same values, whether or not the payload was copied.
      const read = readUpdate(p);
      if (typeof read === 'string') {
        expect(fast.ok, JSON.stringify(p)).toBe(false);
        continue;
      }
      expect(fast.ok, JSON.stringify(p)).toBe(true);
      if (read === p) inPlace++;
      else expect(read, JSON.stringify(p)).toStrictEqual((fast as { frame: UpdateFrame }).frame);
      const frame = (fast as { frame: UpdateFrame }).frame;
      const fields = (f: UpdateFrame) => ({ ts: f.ts, elapse: f.elapse, cpt: f.cpt, type: f.event.type_notification, event: f.event.event, msg: { ...(f.event.msg as object) } });
      expect(fields(read), JSON.stringify(p)).toStrictEqual(fields(frame));
    }
    expect(ok).toBeGreaterThan(200);
    expect(inPlace).toBeGreaterThan(20);
  });
});

describe('LiveState bookkeeping', () => {
  const T0 = 1_800_000_000_000;

  it('keeps the last 2,000 log entries for readers and patches, however many arrive', () => {
    const s = new LiveState();
    for (let i = 1; i <= 5001; i++) s.apply('tp', { type: 'log', kind: 'k', text: `line ${i}` }, T0 + i);
    const recent = s.recentLog(100_000);
    expect(recent).toHaveLength(2000);
    expect(recent[0]!.text).toBe('line 3002');
    expect(recent.at(-1)!.text).toBe('line 5001');
    expect(s.recentLog(3).map((e) => e.text)).toEqual(['line 4999', 'line 5000', 'line 5001']);
    const patch = s.takePatch(T0, () => undefined)!;
    expect(patch.log).toHaveLength(2000);
    expect(patch.log!.at(-1)!.id).toBe(5001);
  });

  it('remembers every feed that reports an entity, across repeated updates and re-adds', () => {
    const s = new LiveState();
    for (let i = 0; i < 3; i++) {
      s.apply('wv', { type: 'agent', id: '1', set: { name: `A${i}` }, scope: 'latency' }, T0);
      s.apply('wv', { type: 'agent', id: '1', set: {}, scope: 'agents' }, T0);
    }
    s.apply('wv', { type: 'sync', collection: 'agents', scope: 'latency', ids: [] }, T0);
    expect(s.agents.has('wv:1')).toBe(true);
    s.apply('wv', { type: 'sync', collection: 'agents', scope: 'agents', ids: [] }, T0);
    expect(s.agents.has('wv:1')).toBe(false);
    s.apply('wv', { type: 'agent', id: '1', set: {}, scope: 'latency' }, T0);
    s.apply('wv', { type: 'sync', collection: 'agents', scope: 'latency', ids: [] }, T0);
    expect(s.agents.has('wv:1')).toBe(false);
    s.apply('wv', { type: 'queue', id: 'q', set: { waiting: 2 }, scope: 'skills' }, T0);
    s.clearSourceEntities('wv');
    expect(s.queues.size).toBe(0);
  });
});

describe('History rings in shared slabs', () => {
  const T = 1_800_000_000_000;
  /** Old-layout reference: one ring per metric, each started by its first usable value. */
  class Reference {
    series = new Map<string, { t: number; v: number | null }[]>();
    constructor(
      readonly cap: number,
      readonly gap: number,
    ) {}
    record(key: string, metrics: readonly string[], atMs: number, values: (number | null)[]): void {
      const sec = Math.floor(atMs / 1000);
      metrics.forEach((m, i) => {
        const id = `${key}|${m}`;
        let s = this.series.get(id);
        if (!s) {
          if (values[i] === null) return;
          this.series.set(id, (s = []));
        }
        const last = s[s.length - 1];
        if (last && sec - last.t / 1000 < this.gap) s[s.length - 1] = { t: last.t, v: values[i]! };
        else {
          s.push({ t: sec * 1000, v: values[i]! });
          if (s.length > this.cap) s.shift();
        }
      });
    }
    get(key: string, metric: string) {
      return this.series.get(`${key}|${metric}`) ?? [];
    }
  }

  it('keeps the last rows per entity, overwriting samples closer than the minimum gap', () => {
    const h = new History({ capacity: 4, minGapSec: 10 });
    for (let i = 0; i < 6; i++) h.record('agent', 'a:1', T + i * 20_000, i, null, i === 5 ? 1.5 : null);
    h.record('agent', 'a:1', T + 5 * 20_000 + 3000, 55, null, null); // within the gap: replaces the newest's values
    expect(h.get('a:1', 'latency')).toEqual([
      { t: (T / 1000 + 40) * 1000, v: 2 },
      { t: (T / 1000 + 60) * 1000, v: 3 },
      { t: (T / 1000 + 80) * 1000, v: 4 },
      { t: (T / 1000 + 100) * 1000, v: 55 },
    ]);
    expect(h.get('a:1', 'jitter')).toEqual([]); // a series is not started by an unusable value
    // Loss started at the last row, whose value the replacing sample turned into a gap.
    expect(h.get('a:1', 'loss')).toEqual([{ t: (T / 1000 + 100) * 1000, v: null }]);
    h.record('agent', 'a:1', T + 200_000, 9, 2, 0.5);
    expect(h.get('a:1', 'loss')).toEqual([
      { t: (T / 1000 + 100) * 1000, v: null },
      { t: T + 200_000, v: 0.5 },
    ]);
    expect(h.get('a:1', 'jitter')).toEqual([{ t: T + 200_000, v: 2 }]);
    expect(h.get('a:1', 'unknown')).toEqual([]);
    expect(h.get('a:2', 'latency')).toEqual([]);
    expect(h.size).toBe(3);
    expect(h.bytes()).toBe((2 + 3 + 4 * 4) * 4); // header (head, length, 3 lengths) + 4 rows of 4 words
  });

  it('adds a row every gap to a stream faster than the gap: a busy queue keeps its trend', () => {
    const h = new History({ capacity: 120, minGapSec: 10 });
    for (let i = 0; i <= 120; i++) h.record('queue', 'ax:392', T + i * 5000, i % 12, null); // every 5 s for 10 min
    const points = h.get('ax:392', 'waiting');
    expect(points).toHaveLength(61);
    expect(points.slice(0, 3)).toEqual([
      { t: T, v: 1 },
      { t: T + 10_000, v: 3 },
      { t: T + 20_000, v: 5 },
    ]);
    expect(Math.max(...points.map((p) => p.v ?? 0))).toBe(11);
  });

  it('keeps agents and queues of one key apart, reuses forgotten slots and honours the series bound', () => {
    const h = new History({ capacity: 3, minGapSec: 0, maxSeries: 1000 });
    for (let e = 0; e < 600; e++) h.record('agent', `s:${e}`, T, e, -e, null);
    expect(h.size).toBe(1000); // 500 entities × 2; the later ones were never started
    expect(h.get('s:550', 'latency')).toEqual([]);
    expect(h.get('s:450', 'jitter')).toEqual([{ t: T, v: -450 }]);
    h.forget('agent', 's:3');
    expect(h.get('s:3', 'latency')).toEqual([]);
    expect(h.size).toBe(998);
    h.record('queue', 's:4', T + 1000, 7, null);
    h.record('queue', 's:4', T + 2000, 8, 30);
    expect(h.get('s:4', 'waiting')).toEqual([
      { t: T + 1000, v: 7 },
      { t: T + 2000, v: 8 },
    ]);
    expect(h.get('s:4', 'longestWait')).toEqual([{ t: T + 2000, v: 30 }]);
    expect(h.size).toBe(1000);
    h.record('queue', 's:5', T, 1, 1); // at the bound: not started
    expect(h.get('s:5', 'waiting')).toEqual([]);
    for (let e = 0; e < 500; e++) if (e !== 3) expect(h.get(`s:${e}`, 'latency')).toEqual([{ t: T, v: e }]);
    expect(h.get('s:4', 'latency')).toEqual([{ t: T, v: 4 }]);
    h.forget('queue', 's:4');
    expect(h.get('s:4', 'waiting')).toEqual([]);
    expect(h.get('s:4', 'jitter')).toEqual([{ t: T, v: -4 }]);
    expect(h.size).toBe(998);
    h.record('agent', 's:3', T + 5000, 1, 2, 3); // a reused slot starts empty
    expect(h.get('s:3', 'latency')).toEqual([{ t: T + 5000, v: 1 }]);
    expect(h.get('s:3', 'jitter')).toEqual([{ t: T + 5000, v: 2 }]);
    expect(h.get('s:3', 'loss')).toEqual([]); // the bound again: 1,000 series
    expect(h.size).toBe(1000);
  });

  it('keeps at least one row per ring, whatever capacity it is given', () => {
    for (const capacity of [0, 1, 0.5]) {
      const h = new History({ capacity, minGapSec: 0 });
      h.record('agent', 'a:1', T, 1, 2, 3);
      h.record('agent', 'a:2', T, 4, 5, 6);
      h.record('agent', 'a:1', T + 1000, 7, null, 9);
      expect(h.capacity).toBe(1);
      expect(h.get('a:1', 'latency')).toEqual([{ t: T + 1000, v: 7 }]);
      expect(h.get('a:1', 'jitter')).toEqual([{ t: T + 1000, v: null }]);
      expect(h.get('a:2', 'loss')).toEqual([{ t: T, v: 6 }]);
    }
  });

  it('gives what one ring per metric gave, for seeded streams with gaps, repeats and wraps', () => {
    const rnd = prng(23);
    const h = new History({ capacity: 5, minGapSec: 10 });
    const ref = new Reference(5, 10);
    const metrics = ['latency', 'jitter', 'loss'] as const;
    const value = () => (rnd() < 0.3 ? null : Math.round(rnd() * 1000) / 8);
    let t = T;
    for (let i = 0; i < 3000; i++) {
      const key = `a:${Math.floor(rnd() * 7)}`;
      t += Math.floor(rnd() * 9000);
      const v = [value(), value(), value()];
      h.record('agent', key, t, v[0]!, v[1]!, v[2]!);
      ref.record(key, metrics, t, v);
      if (i % 250 === 0) {
        for (let k = 0; k < 7; k++) for (const m of metrics) expect(h.get(`a:${k}`, m)).toEqual(ref.get(`a:${k}`, m));
      }
    }
  });
});

describe('Wolkvox record parsers', () => {
  /** Every record of every recorded report, plus seeded variants of their fields. */
  function records(): unknown[] {
    const out: unknown[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        out.push(v);
        Object.values(v).forEach(visit);
      }
    };
    for (const f of readdirSync(join(FIXTURES, 'wolkvox'))) visit(fixture(`wolkvox/${f}`));
    const rnd = prng(19);
    const keys = ['agent_id', 'skill_id', 'ip', 'user', 'latency_ms', 'agent_name', 'agent_status', 'status', 'tx_jitter', 'rx_ploss', 'calls_in_queue_now', 'stat_inbound', 'service_level_20seg', 'time_state_now', 'talk_time', 'version', 'platform', 'other'];
    const ids = ['1001', ' 1002 ', '', '   ', 1003, 0, -1, 1.5, 'abc-1', null, true, ['x'], { a: 1 }];
    for (let i = 0; i < 800; i++) {
      const r = record(rnd, keys, Math.floor(rnd() * 10));
      for (const k of ['agent_id', 'skill_id', 'ip', 'user']) if (rnd() < 0.6) r[k] = pick(rnd, ids);
      out.push(r);
    }
    out.push(null, 'x', 5, [], JSON.parse('{"agent_id":"1","__proto__":{"x":1}}'));
    return out;
  }

  it('give what their schemas give, for recorded and varied records', () => {
    const all = records();
    expect(FAST_PARSERS.size).toBe(5);
    for (const [schema, fast] of FAST_PARSERS) {
      let accepted = 0;
      for (const item of all) {
        const a = fast(item);
        const b = schema.safeParse(item);
        expect(a.success, JSON.stringify(item)).toBe(b.success);
        if (a.success && b.success) {
          expect(a.data, JSON.stringify(item)).toStrictEqual(b.data);
          accepted++;
        }
        if (!a.success && !b.success) expect(a.error.issues).toEqual(b.error.issues);
      }
      expect(accepted).toBeGreaterThan(50);
    }
  });
});
