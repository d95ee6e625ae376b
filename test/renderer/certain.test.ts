import { describe, expect, it } from 'vitest';
import { AgentSchema, AlertSchema } from '../../src/shared/model';
import { certainAgent, certainAlert } from '../../src/renderer/bridge/certain';
import { seeded } from '../../src/simulators/random';

/** A valid agent of random shape: optional fields present or not, nulls where allowed. */
function randomAgent(rnd: () => number, i: number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const maybe = <T>(v: T): T | null => (rnd() < 0.3 ? null : v);
  const a: Record<string, unknown> = {
    key: `wv:${i}`,
    sourceId: 'wv',
    vendorId: String(i),
    name: pick(['Ana', 'Łukasz', 'Zoé', '']),
    state: pick(['available', 'ringing', 'on_call', 'wrap_up', 'paused', 'logged_out', 'unknown']),
    stateSince: maybe(1_700_000_000_000 + i),
    pauseReason: maybe('Almuerzo'),
    vendorState: maybe('En llamada'),
    call: rnd() < 0.5 ? null : { id: `c${i}`, queueKey: maybe('wv:101'), number: maybe('+57 1 555'), since: maybe(1_700_000_000_000) },
    network:
      rnd() < 0.3
        ? null
        : {
            latencyMs: maybe(120.5),
            txJitterMs: maybe(3),
            rxJitterMs: maybe(4),
            txLossPct: maybe(0.25),
            rxLossPct: maybe(0),
            rejectionPct: maybe(-0),
            ip: maybe('190.24.10.5'),
            sampledAt: maybe(1_700_000_000_000),
            ...(rnd() < 0.5 ? { version: maybe('5.2.1'), connectionType: maybe('wifi'), platform: maybe('app') } : {}),
          },
  };
  if (rnd() < 0.5) a.queues = rnd() < 0.2 ? [] : ['wv:101', 'wv:102'];
  if (rnd() < 0.5) a.extra = { calls: 12, note: 'x', flag: true, none: null, 'dotted.key': 1.5 };
  return a;
}

/** Ways to spoil an agent: each is something zod must judge (refuse, or strip). */
const SPOILERS: [string, (a: Record<string, unknown>) => unknown][] = [
  ['missing key', (a) => ({ ...a, key: undefined })],
  ['no stateSince', ({ stateSince: _s, ...rest }) => rest],
  ['unknown field', (a) => ({ ...a, mood: 'happy' })],
  ['optional field as undefined', (a) => ({ ...a, queues: undefined })],
  ['unknown state', (a) => ({ ...a, state: 'lunch' })],
  ['number as text', (a) => ({ ...a, stateSince: '1700000000000' })],
  ['NaN', (a) => ({ ...a, stateSince: Number.NaN })],
  ['Infinity in the network', (a) => ({ ...a, network: { latencyMs: Infinity, txJitterMs: 1, rxJitterMs: 1, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: null, sampledAt: null } })],
  ['network as a list', (a) => ({ ...a, network: [] })],
  ['network field unknown', (a) => ({ ...a, network: { latencyMs: 1, txJitterMs: 1, rxJitterMs: 1, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: null, sampledAt: null, hops: 3 } })],
  ['call id as number', (a) => ({ ...a, call: { id: 7, queueKey: null, number: null, since: null } })],
  ['queue keys as numbers', (a) => ({ ...a, queues: [101] })],
  ['queues as text', (a) => ({ ...a, queues: 'wv:101' })],
  ['extra with an object', (a) => ({ ...a, extra: { nested: {} } })],
  ['extra with NaN', (a) => ({ ...a, extra: { n: Number.NaN } })],
  ['extra as null', (a) => ({ ...a, extra: null })],
  ['extra with __proto__', (a) => ({ ...a, extra: JSON.parse('{"__proto__": 1, "ok": 2}') })],
  ['agent with __proto__', (a) => JSON.parse(JSON.stringify(a).replace('{', '{"__proto__":{"state":"x"},'))],
  ['no prototype', (a) => Object.assign(Object.create(null), a)],
  ['a list', () => []],
  ['null', () => null],
  ['a string', () => 'agent'],
];

describe('the dashboard’s fast check of agents', () => {
  it('accepts valid agents exactly as zod returns them', () => {
    const rnd = seeded(11);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const a = JSON.parse(JSON.stringify(randomAgent(rnd, i)));
      const z = AgentSchema.safeParse(a);
      expect(z.success).toBe(true);
      const fast = certainAgent(a);
      expect(fast, JSON.stringify(a)).not.toBeNull();
      expect(fast).toStrictEqual(z.data);
      accepted++;
    }
    expect(accepted).toBe(2000);
  });

  it('leaves every doubtful agent to zod, which refuses or strips it', () => {
    const rnd = seeded(12);
    for (const [what, spoil] of SPOILERS) {
      for (let i = 0; i < 20; i++) {
        const bad = spoil(randomAgent(rnd, i));
        expect(certainAgent(bad), what).toBeNull();
      }
    }
    // And zod's verdicts stand: these are refused, the unknown field stripped.
    expect(AgentSchema.safeParse(SPOILERS[4]![1](randomAgent(rnd, 1))).success).toBe(false);
    const stripped = AgentSchema.safeParse(SPOILERS[2]![1](randomAgent(rnd, 2)));
    expect(stripped.success && 'mood' in stripped.data).toBe(false);
  });
});

/** A valid alert of random shape. */
function randomAlert(rnd: () => number, i: number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const maybe = <T>(v: T): T | null => (rnd() < 0.3 ? null : v);
  const a: Record<string, unknown> = {
    id: `agent.latency|wv:${i}`,
    ruleId: 'agent.latency',
    metric: 'agent.latency',
    severity: pick(['warning', 'critical']),
    state: pick(['pending', 'firing', 'resolved']),
    subject: { kind: pick(['agent', 'queue', 'site', 'source']), key: `wv:${i}` },
    value: maybe(412.5),
    threshold: maybe(400),
    since: 1_700_000_000_000 + i,
    message: 'Latency 412 ms ≥ 400 ms',
    acknowledged: rnd() < 0.5,
    snoozedUntil: rnd() < 0.5 ? null : 8.64e15,
  };
  if (rnd() < 0.5) Object.assign(a, { sourceId: 'wv', subjectName: 'Ana' });
  if (rnd() < 0.5) Object.assign(a, { resolvedAt: maybe(1_700_000_100_000), firedAt: maybe(1_700_000_050_000), suppressed: rnd() < 0.5 });
  return a;
}

const ALERT_SPOILERS: [string, (a: Record<string, unknown>) => unknown][] = [
  ['missing id', ({ id: _i, ...rest }) => rest],
  ['unknown field', (a) => ({ ...a, colour: 'red' })],
  ['optional field as undefined', (a) => ({ ...a, sourceId: undefined })],
  ['unknown severity', (a) => ({ ...a, severity: 'info' })],
  ['unknown state', (a) => ({ ...a, state: 'open' })],
  ['subject kind unknown', (a) => ({ ...a, subject: { kind: 'trunk', key: 'x' } })],
  ['subject with more', (a) => ({ ...a, subject: { kind: 'agent', key: 'x', name: 'Ana' } })],
  ['subject missing', (a) => ({ ...a, subject: null })],
  ['since as null', (a) => ({ ...a, since: null })],
  ['value NaN', (a) => ({ ...a, value: Number.NaN })],
  ['acknowledged as text', (a) => ({ ...a, acknowledged: 'yes' })],
  ['suppressed as null', (a) => ({ ...a, suppressed: null })],
  ['a list', () => []],
];

describe('the dashboard’s fast check of alerts', () => {
  it('accepts valid alerts exactly as zod returns them', () => {
    const rnd = seeded(21);
    for (let i = 0; i < 2000; i++) {
      const a = JSON.parse(JSON.stringify(randomAlert(rnd, i)));
      const z = AlertSchema.safeParse(a);
      expect(z.success).toBe(true);
      const fast = certainAlert(a);
      expect(fast, JSON.stringify(a)).not.toBeNull();
      expect(fast).toStrictEqual(z.data);
    }
  });

  it('leaves every doubtful alert to zod', () => {
    const rnd = seeded(22);
    for (const [what, spoil] of ALERT_SPOILERS) {
      for (let i = 0; i < 20; i++) expect(certainAlert(spoil(randomAlert(rnd, i))), what).toBeNull();
    }
    expect(AlertSchema.safeParse(ALERT_SPOILERS[3]![1](randomAlert(rnd, 1))).success).toBe(false);
  });
});
