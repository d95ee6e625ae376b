import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DataFrameSchema } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame, entityId, entityCollection } from '../../src/core/connectors/avaya/normalize';
import { mapAgentState, pauseReason } from '../../src/core/connectors/avaya/states';
import { stateStart, convertMeasure } from '../../src/core/connectors/avaya/convert';
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
    expect(extra).toMatchObject({ agentLoginId: '[email protected]', userStatus: 'Live', timeOnHold: 0, idleTimeDuration: 36000, agentLogonDuration: 36000, timeLoggedIn: 1643645393849, agentFirstName: 'agent7' });
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
    expect(ev.set.extra).toMatchObject({ Completed: 4, isDefaultQueue: false, coached: 2, activeDuration: 922, activeEngagementsInACW: 0 });
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
    expect(ev.set).toMatchObject({ state: 'on_call', vendorState: 'BUSY', stateSince: 1643645393849, name: 'Numbers Agent', extra: { timeOnHold: 12, onCall: true } });
  });

  it('turns "" into null: no state, name from first/last name, no start time', () => {
    const ev = norm(variants.agentEmptyStrings).events[0] as { set: Record<string, unknown> };
    expect(ev.set).toMatchObject({ vendorState: null, state: 'unknown', pauseReason: null, name: 'Eva Stone', extra: { timeOnHold: null } });
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
    expect(out.events).toEqual([{ type: 'agent.remove', id: '9f44ed4e-24ee-4e50-98af-02582e440be5' }]);
    expect(norm({ keys: { channelId: 'EMAIL' }, eventAction: 'DELETE' }, QUEUES).events).toEqual([{ type: 'queue.remove', id: 'EMAIL' }]);
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
    expect(ev).toMatchObject({ set: { extra: { agentLoginId: '12345', timeOnHold: 42, timeLoggedIn: Date.parse('2024-01-31T16:09:53Z') } } });
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
    expect(labelled).toMatchObject({ set: { state: 'available', extra: { 'Time on Hold': 3, 'Time on Hold (holdTime)': 4, other: 'y' } } });
    const plain = normalizeFrame(frame, { producerId: AGENTS, catalog, now: NOW })!.events[0];
    expect(plain).toMatchObject({ set: { extra: { timeOnHold: 3, holdTime: 4, other: 'y' } } });
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
