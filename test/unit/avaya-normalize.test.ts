import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DataFrameSchema } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame, normalizeFrameGeneral, entityId, entityCollection } from '../../src/core/connectors/avaya/normalize';
import { mapAgentState, pauseReason } from '../../src/core/connectors/avaya/states';
import { stateStart, convertMeasure, instantMs } from '../../src/core/connectors/avaya/convert';
import { AGENT_PRODUCER, QUEUE_PRODUCER, producerBody } from '../../src/simulators/avaya/catalog';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { LiveState } from '../../src/core/state/store';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/avaya/${name}`, import.meta.url), 'utf8'));
const variants = fixture('variants.json') as Record<string, unknown>;
const NOW = 1_700_000_000_000;
const AGENTS = 'Agent_itd_1.0.0';
const QUEUES = 'Queue_itd_1.0.0';

function norm(raw: unknown, producerId = AGENTS, catalog?: ReturnType<typeof parseProducerMeasures>) {
  const frame = DataFrameSchema.parse(raw);
  return normalizeFrame(frame, { producerId, catalog, now: NOW })!;
}

describe('Avaya normalize: the seed examples', () => {
  it('maps the LIVE agent example to an available agent with name, time in state and extra measures', () => {
    const out = norm(fixture('seed-agent-live.json'));
    expect(out).toMatchObject({ collection: 'agents', id: '9f44ed4e-24ee-4e50-98af-02582e440be5', action: 'UPSERT', initializing: false });
    expect(out.events).toHaveLength(1);
    const ev = out.events[0]!;
    expect(ev).toMatchObject({
      type: 'agent',
      id: '9f44ed4e-24ee-4e50-98af-02582e440be5',
      scope: AGENTS,
      set: { state: 'available', vendorState: 'READY', pauseReason: null, name: 'agent7', stateSince: 1643645393849 },
    });
    const extra = (ev as { set: { extra: Record<string, unknown> } }).set.extra;
    // The seed's instant and durations, known by name without a catalog, under keys marked with their unit.
    expect(extra).toMatchObject({
      agentLoginId: '[email protected]',
      userStatus: 'Live',
      'timeOnHold [s]': 0,
      'idleTimeDuration [s]': 36000,
      'agentLogonDuration [s]': 36000,
      'timeLoggedIn [epoch ms]': 1643645393849,
      agentFirstName: 'agent7',
    });
    // Measures the model already holds are not repeated in extra.
    expect(extra).not.toHaveProperty('agentState');
    expect(extra).not.toHaveProperty('agentDisplayName');
  });

  it('maps the INITIALIZING queue example, keeping every other measure converted in extra', () => {
    const out = norm(fixture('seed-queue-initializing.json'), QUEUES);
    expect(out).toMatchObject({ collection: 'queues', id: 'EMAIL', initializing: true });
    const ev = out.events[0] as { type: string; set: Record<string, unknown>; scope: string };
    expect(ev.type).toBe('queue');
    expect(ev.scope).toBe(QUEUES);
    expect(ev.set).toMatchObject({ kind: 'queue', name: 'Natella', waiting: 2, offered: 4, answered: 4 });
    expect(ev.set).not.toHaveProperty('abandoned');
    expect(ev.set.extra).toMatchObject({ Completed: 4, isDefaultQueue: false, coached: 2, 'activeDuration [s]': 922, activeEngagementsInACW: 0 });
    expect(ev.set.extra).not.toHaveProperty('queueName');
  });

  it('applies to the live state as the model expects', () => {
    const s = new LiveState();
    for (const ev of norm(fixture('seed-agent-live.json')).events) s.apply('av', ev, NOW);
    for (const ev of norm(fixture('seed-queue-initializing.json'), QUEUES).events) s.apply('av', ev, NOW);
    expect(s.agents.get('av:9f44ed4e-24ee-4e50-98af-02582e440be5')).toMatchObject({ name: 'agent7', state: 'available', stateSince: 1643645393849 });
    expect(s.queues.get('av:EMAIL')).toMatchObject({ name: 'Natella', waiting: 2, offered: 4, answered: 4, abandoned: null });
  });
});

describe('Avaya normalize: variants', () => {
  it('accepts numbers and booleans where strings are documented', () => {
    const ev = norm(variants.agentNumbersNotStrings).events[0] as { id: string; set: Record<string, unknown> };
    expect(ev.id).toBe('4711');
    expect(ev.set).toMatchObject({ state: 'on_call', vendorState: 'BUSY', stateSince: 1643645393849, name: 'Numbers Agent', extra: { 'timeOnHold [s]': 12, onCall: true } });
  });

  it('turns "" into null: no state, name from first/last name, no start time', () => {
    const ev = norm(variants.agentEmptyStrings).events[0] as { set: Record<string, unknown> };
    expect(ev.set).toMatchObject({ vendorState: null, state: 'unknown', pauseReason: null, name: 'Eva Stone', extra: { 'timeOnHold [s]': null } });
    expect(ev.set).not.toHaveProperty('stateSince');
  });

  it('a frame without measures still names the entity and changes nothing else', () => {
    const out = norm(variants.agentMissingFields);
    expect(out.action).toBe('UPSERT');
    expect(out.initializing).toBe(false);
    expect(out.events).toEqual([{ type: 'agent', id: 'a-missing', set: {}, scope: AGENTS }]);
  });

  it('NOT_READY is paused with the reason code name; unknown states stay raw', () => {
    expect(norm(variants.agentNotReady).events[0]).toMatchObject({ set: { state: 'paused', pauseReason: 'Lunch', vendorState: 'NOT_READY' } });
    expect(norm(variants.agentUnknownState).events[0]).toMatchObject({ set: { state: 'unknown', vendorState: 'SUPERVISING' } });
  });

  it('DELETE removes the entity', () => {
    const out = norm(variants.agentDelete);
    expect(out.action).toBe('DELETE');
    // Removed for its producer only: another producer may report the same keys.
    expect(out.events).toEqual([{ type: 'agent.remove', id: '9f44ed4e-24ee-4e50-98af-02582e440be5', scope: 'Agent_itd_1.0.0' }]);
    expect(norm({ keys: { channelId: 'EMAIL' }, eventAction: 'DELETE' }, QUEUES).events).toEqual([{ type: 'queue.remove', id: 'EMAIL', scope: 'Queue_itd_1.0.0' }]);
  });

  it('composite keys, lower-case actions and measure names are understood', () => {
    const out = norm(variants.queueNumbersAndLowercase, QUEUES);
    expect(out).toMatchObject({ collection: 'queues', id: 'q-1/VOICE', action: 'UPSERT', initializing: false });
    expect(out.events[0]).toMatchObject({ set: { name: 'Support', waiting: 7, offered: 12, answered: 10, abandoned: 1, extra: { Completed: 9 } } });
  });

  it('an unusable count is null so that the store keeps the last good value', () => {
    const out = norm(variants.queueUnusableCount, QUEUES);
    expect(out.events[0]).toMatchObject({ set: { waiting: null, offered: null } });
    const s = new LiveState();
    s.apply('av', { type: 'queue', id: 'EMAIL', set: { waiting: 5 } }, NOW);
    for (const ev of out.events) s.apply('av', ev, NOW);
    expect(s.queues.get('av:EMAIL')!.waiting).toBe(5);
  });

  it('measure types from discovery drive conversion', () => {
    const catalog = parseProducerMeasures(fixture('producer-discovery.json'));
    const ev = norm({ keys: { agentId: 'x' }, measures: { agentLoginId: '12345', timeOnHold: '42', timeLoggedIn: '2024-01-31T16:09:53Z' } }, AGENTS, catalog).events[0];
    expect(ev).toMatchObject({ set: { extra: { agentLoginId: '12345', 'timeOnHold [s]': 42, 'timeLoggedIn [epoch ms]': Date.parse('2024-01-31T16:09:53Z') } } });
  });
});

describe('Avaya normalize: labels', () => {
  it('keys extra by display names when asked, keeping measure names apart on collisions', () => {
    const catalog = parseProducerMeasures({ measures: [
      { name: 'timeOnHold', type: 'DURATION', displayName: 'Time on Hold' },
      { name: 'holdTime', type: 'DURATION', displayName: 'Time on Hold' },
      { name: 'agentState', type: 'STRING', displayName: 'Agent State' },
    ] });
    const frame = DataFrameSchema.parse({ keys: { agentId: 'x' }, measures: { agentState: 'READY', timeOnHold: '3', holdTime: '4', other: 'y' } });
    const labelled = normalizeFrame(frame, { producerId: AGENTS, catalog, labels: true, now: NOW })!.events[0];
    expect(labelled).toMatchObject({ set: { state: 'available', extra: { 'Time on Hold [s]': 3, 'Time on Hold (holdTime) [s]': 4, other: 'y' } } });
    const plain = normalizeFrame(frame, { producerId: AGENTS, catalog, now: NOW })!.events[0];
    // Without labels the keys go by names only: `holdTime` is not one the seed documents.
    expect(plain).toMatchObject({ set: { extra: { 'timeOnHold [s]': 3, holdTime: 4, other: 'y' } } });
  });
});

describe('Avaya normalize: instants and durations', () => {
  const catalog = parseProducerMeasures(producerBody(AGENT_PRODUCER));
  const queueCatalog = parseProducerMeasures(producerBody(QUEUE_PRODUCER));
  const LOGGED_IN = 1_699_993_767_000;
  const measures = {
    agentState: 'READY',
    timeLoggedIn: String(LOGGED_IN),
    agentLogonDuration: '6232',
    idleTimeDuration: '75',
    timeOnHold: '0',
    timeActive: '12',
    timeInACW: '30',
    userStatus: 'Live',
  };
  const extraOf = (raw: unknown, opts: { catalog?: ReturnType<typeof parseProducerMeasures>; labels?: boolean; producerId?: string }) => {
    const frame = DataFrameSchema.parse(raw);
    const o = { producerId: opts.producerId ?? AGENTS, catalog: opts.catalog, labels: opts.labels, now: NOW };
    const fast = normalizeFrame(frame, o)!;
    expect(fast).toStrictEqual(normalizeFrameGeneral(frame, o));
    return (fast.events[0] as { set: { extra: Record<string, unknown> } }).set.extra;
  };

  it('keys a DATE measure as epoch ms and DURATION measures as seconds, each under a key marked with its unit', () => {
    expect(extraOf({ keys: { agentId: 'a' }, measures }, { catalog, labels: true })).toStrictEqual({
      'Logged In Since [epoch ms]': LOGGED_IN,
      'Logon Duration [s]': 6232,
      'Idle Time [s]': 75,
      'Time on Hold [s]': 0,
      'Time Active [s]': 12,
      'Time in ACW [s]': 30,
      'User Status': 'Live',
    });
  });

  it('knows the seed measures by name when there is no catalog to go by', () => {
    expect(extraOf({ keys: { agentId: 'a' }, measures }, {})).toStrictEqual({
      'timeLoggedIn [epoch ms]': LOGGED_IN,
      'agentLogonDuration [s]': 6232,
      'idleTimeDuration [s]': 75,
      'timeOnHold [s]': 0,
      'timeActive [s]': 12,
      'timeInACW [s]': 30,
      userStatus: 'Live',
    });
  });

  it('reads instants in epoch ms, epoch seconds or ISO dates; anything else is no instant', () => {
    const logged = (v: string, labels = true) => extraOf({ keys: { agentId: 'a' }, measures: { timeLoggedIn: v } }, { catalog, labels })[labels ? 'Logged In Since [epoch ms]' : 'timeLoggedIn [epoch ms]'];
    expect(logged(String(LOGGED_IN))).toBe(LOGGED_IN);
    expect(logged(String(LOGGED_IN / 1000))).toBe(LOGGED_IN);
    expect(logged('2023-11-14T20:29:27Z')).toBe(Date.parse('2023-11-14T20:29:27Z'));
    expect(logged('0')).toBeNull();
    expect(logged('36000')).toBeNull();
    expect(logged('9999999999999999')).toBeNull();
    expect(logged('soon', false)).toBeNull();
    expect(instantMs('1700000000')).toBe(1_700_000_000_000);
  });

  it('a catalog type decides over the name when keys go by the catalog; counts stay plain numbers', () => {
    const typed = parseProducerMeasures({ measures: [
      { name: 'agentLogonDuration', type: 'NUMBER', displayName: 'Logons' },
      { name: 'lastCall', type: 'DATE', displayName: 'Last Call' },
      { name: 'wrapTime', type: 'DURATION', displayName: 'Wrap Time' },
      { name: 'since', type: 'TIME_IN_STATE', displayName: 'Oldest Since' },
    ] });
    const m = { agentLogonDuration: '3', lastCall: String(LOGGED_IN), wrapTime: '45', since: String(LOGGED_IN), calls: '12' };
    expect(extraOf({ keys: { agentId: 'a' }, measures: m }, { catalog: typed, labels: true })).toStrictEqual({
      Logons: 3,
      'Last Call [epoch ms]': LOGGED_IN,
      'Wrap Time [s]': 45,
      'Oldest Since [epoch ms]': LOGGED_IN,
      calls: 12,
    });
    // A catalog read after the first frame (labels off) changes no key: names decide, as before it.
    expect(Object.keys(extraOf({ keys: { agentId: 'a' }, measures: m }, { catalog: typed }))).toEqual(['agentLogonDuration [s]', 'lastCall', 'wrapTime', 'since', 'calls']);
  });

  it('marks the queue producer\'s durations too', () => {
    const extra = extraOf(fixture('seed-queue-initializing.json'), { catalog: queueCatalog, labels: true, producerId: QUEUES });
    expect(extra).toMatchObject({ 'Active Duration [s]': 922, 'Alert Duration [s]': 5, Completed: 4, Coached: 2 });
  });

  it('gives every frame of a producer the same keys, whatever its values', () => {
    const keys = (v: string) => Object.keys(extraOf({ keys: { agentId: 'a' }, measures: { timeLoggedIn: v, agentLogonDuration: v } }, { catalog, labels: true }));
    expect(keys('')).toEqual(keys(String(LOGGED_IN)));
    expect(keys('n/a')).toEqual(keys('12'));
  });
});

describe('Avaya mapping helpers', () => {
  it('maps every documented agent state (CONTRACT.md)', () => {
    expect(mapAgentState('READY')).toBe('available');
    expect(mapAgentState('NOT_READY')).toBe('paused');
    expect(mapAgentState('Not Ready')).toBe('paused');
    expect(mapAgentState('BUSY')).toBe('on_call');
    expect(mapAgentState('ACTIVE')).toBe('on_call');
    expect(mapAgentState('ACW')).toBe('wrap_up');
    expect(mapAgentState('LOGGED_OUT')).toBe('logged_out');
    expect(mapAgentState('ALERTING')).toBe('ringing');
    expect(mapAgentState('RINGING')).toBe('ringing');
    expect(mapAgentState('SOMETHING_NEW')).toBe('unknown');
    expect(mapAgentState(null)).toBe('unknown');
    expect(pauseReason('N/A')).toBeNull();
    expect(pauseReason(' Lunch ')).toBe('Lunch');
  });

  it('reads state start times in epoch ms or seconds, never durations or future instants', () => {
    expect(stateStart('1643645393849', NOW)).toBe(1643645393849);
    expect(stateStart('1643645393', NOW)).toBe(1643645393000);
    expect(stateStart('36000', NOW)).toBeNull();
    expect(stateStart(String(NOW + 3_600_000), NOW)).toBeNull();
    expect(stateStart('soon', NOW)).toBeNull();
    expect(convertMeasure('007', 'STRING')).toBe('007');
    expect(convertMeasure('x'.repeat(400), null)).toHaveLength(301);
  });

  it('builds ids and picks the collection from the keys', () => {
    expect(entityId({ channelId: 'VOICE', agentId: 'a1' })).toBe('a1/VOICE');
    expect(entityId({ queueId: 'q', channelId: null })).toBe('q');
    expect(entityCollection('Queue_itd_1.0.0', { agentId: 'a' })).toBe('agents');
    expect(entityCollection('Agent_by_queue', { queueId: 'q' })).toBe('queues');
    expect(entityCollection('Agent_itd_1.0.0', { userId: 'u' })).toBe('agents');
    expect(entityCollection('Channel_itd', { channelId: 'c' })).toBe('queues');
  });
});
