/**
 * The demo team tells a consistent story: fed through the real normalize and live state over
 * simulated time, queues build up and drain, operators take calls, pause with names and recover, and
 * Axialys alerts are raised under pressure.
 */
import { describe, expect, it } from 'vitest';
import { DemoTeam } from '../../src/simulators/axialys/demo-team';
import { DEFAULT_DIRECTORY } from '../../src/simulators/axialys/directory';
import type { SimEvent } from '../../src/simulators/axialys/frames';
import type { AxialysSimulator } from '../../src/simulators/axialys/server';
import { Feed } from '../../src/core/connectors/axialys/feed';
import { parseDirectory } from '../../src/core/connectors/axialys/directory';
import { LiveState } from '../../src/core/state/store';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { ConnectorContext } from '../../src/core/connectors/types';
import type { AxialysSourceConfig } from '../../src/shared/sources';

function harness() {
  let now = Date.UTC(2026, 10, 21, 9, 0, 0);
  const state = new LiveState();
  const emitted: NormalizedEvent[] = [];
  const counts = { rejected: 0, unknown: 0 };
  const ctx = {
    sourceId: 'demo',
    clock: { now: () => now },
    health: { rejected: () => counts.rejected++, unknown: () => counts.unknown++, setInfo: () => undefined },
    emit: (events: NormalizedEvent[]) => {
      emitted.push(...events);
      for (const e of events) if (e.type !== 'vendor.alert') state.apply('demo', e, now);
    },
  } as unknown as ConnectorContext<AxialysSourceConfig>;
  const feed = new Feed(ctx);
  feed.applyDirectory(parseDirectory(DEFAULT_DIRECTORY as unknown as Record<string, unknown>)!);
  let cpt = 0;
  let replay: () => void = () => undefined;
  const sim = {
    directory: DEFAULT_DIRECTORY,
    send: (event: SimEvent) => feed.handle({ ts: Math.floor(now / 1000), elapse: 0, cpt: ++cpt, event }),
    onInit: (l: () => void) => (replay = l),
  } as unknown as AxialysSimulator;
  const team = new DemoTeam(sim, 7, () => now);
  team.start(60_000_000); // ticks are driven by the test
  team.stop();
  return { state, emitted, counts, team, feed, replay: () => replay(), advance: (ms: number) => (now += ms), now: () => now };
}

describe('Axialys demo team', () => {
  it('replays a full picture to a new subscriber', () => {
    const h = harness();
    h.replay();
    const agents = [...h.state.agents.values()];
    expect(agents).toHaveLength(8);
    expect(agents.every((a) => a.state !== 'unknown')).toBe(true);
    expect(agents.find((a) => a.vendorId === '4')).toMatchObject({ state: 'paused', pauseReason: 'Déjeuner' });
    expect(agents.find((a) => a.vendorId === '6')).toMatchObject({ state: 'logged_out' });
  });

  it('changes over twenty minutes without inconsistencies', () => {
    const h = harness();
    h.replay();
    const seen = { states: new Set<string>(), pauses: new Set<string>(), maxWaiting: 0, alerts: new Set<string>() };
    for (let i = 0; i < 1000; i++) {
      h.advance(1200);
      h.team.tick();
      h.state.tick(h.now());
      for (const a of h.state.agents.values()) {
        seen.states.add(a.state);
        if (a.pauseReason) seen.pauses.add(a.pauseReason);
      }
      for (const q of h.state.queues.values()) seen.maxWaiting = Math.max(seen.maxWaiting, q.waiting);
    }
    for (const e of h.emitted) if (e.type === 'vendor.alert') seen.alerts.add(e.metric);
    expect(h.counts).toEqual({ rejected: 0, unknown: 0 });
    expect([...seen.states].sort()).toEqual(['available', 'logged_out', 'on_call', 'paused', 'ringing', 'unknown']);
    expect(seen.pauses.size).toBeGreaterThanOrEqual(3);
    expect(seen.maxWaiting).toBeGreaterThanOrEqual(3);
    expect(seen.alerts.has('vendor.alert_file')).toBe(true);
    expect(h.emitted.some((e) => e.type === 'log' && e.kind === 'axialys.num')).toBe(true);
    expect(h.emitted.some((e) => e.type === 'call.enter' && e.kind === 'trunk')).toBe(true);
    // Calls are not left behind: nothing waits longer than the callers' patience.
    for (const q of h.state.queues.values()) expect(q.longestWaitSec ?? 0).toBeLessThanOrEqual(245);
  });
});
