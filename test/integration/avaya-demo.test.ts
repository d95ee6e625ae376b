import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { avayaFactory } from '../../src/core/connectors/avaya';
import { memoryLogger } from '../../src/core/util/logger';
import { SourceConfigSchema } from '../../src/shared/sources';
import { startDemoAvaya } from '../../src/simulators/avaya';
import { waitFor } from './avaya-harness';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('Avaya demo', () => {
  it('serves a valid source with a team whose states and backlog change over time', async () => {
    const demo = await startDemoAvaya({ tickMs: 100 });
    const engine = new Engine({ registry: { avaya: avayaFactory }, logger: memoryLogger() });
    cleanup = async () => {
      await engine.stop();
      await demo.stop();
    };
    expect(demo.sources).toHaveLength(1);
    expect(SourceConfigSchema.safeParse(demo.sources[0]).success).toBe(true);
    engine.start(demo.sources);
    const id = demo.sources[0]!.id;
    await waitFor(() => engine.snapshot().sources.find((s) => s.id === id)?.status === 'live' && engine.snapshot().agents.length === 12, 'the demo team');
    const snap = engine.snapshot();
    expect(snap.queues.map((q) => q.name).sort()).toEqual(['Billing', 'Sales', 'Support']);
    expect(new Set(snap.agents.map((a) => a.state)).size).toBeGreaterThanOrEqual(4);
    const before = new Map(snap.agents.map((a) => [a.key, `${a.state}/${a.stateSince}`]));
    const offered = snap.queues.reduce((n, q) => n + (q.offered ?? 0), 0);
    await waitFor(() => engine.snapshot().agents.filter((a) => before.get(a.key) !== `${a.state}/${a.stateSince}`).length >= 3, 'agents to change state');
    await waitFor(() => engine.snapshot().queues.reduce((n, q) => n + (q.offered ?? 0), 0) > offered, 'queues to take calls');
    expect(engine.snapshot().agents.every((a) => a.name && a.state !== 'unknown')).toBe(true);
  });
});
