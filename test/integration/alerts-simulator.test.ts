/**
 * An alert scenario end to end: the Wolkvox simulator degrades one agent's network and restores it;
 * the real connector polls it, the engine raises the latency alert, then resolves it, and the
 * notifier is asked for exactly one raise and one recovery.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { createWolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { memoryLogger } from '../../src/core/util/logger';
import { AlertSettingsSchema } from '../../src/shared/settings';
import { simAgent, SimTeam, WolkvoxSimulator } from '../../src/simulators/wolkvox';
import { RecordingNotifier } from '../fakes/notifier';
import { TEST_TUNING, TOKEN, waitFor, wolkvoxConfig } from './wolkvox-harness';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

describe('alerts from a simulator scenario', () => {
  it('raises a latency alert when an agent degrades and resolves it when the agent recovers, notifying each once', async () => {
    const now = Date.now();
    const team = new SimTeam({
      agents: [
        simAgent({ id: '2001', name: 'Valentina Ríos', status: 'Disponible', network: { latencyMs: 60 } }, now),
        simAgent({ id: '2002', name: 'Mateo Silva', status: 'En llamada', network: { latencyMs: 70 } }, now),
      ],
    });
    const sim = new WolkvoxSimulator({ tokens: [TOKEN], team });
    await sim.start();
    const notifier = new RecordingNotifier();
    const engine = new Engine({
      registry: { wolkvox: createWolkvoxFactory(TEST_TUNING) },
      logger: memoryLogger(),
      notifier,
      alertSettings: AlertSettingsSchema.parse({ groupWindowSec: 0 }),
    });
    // The agent app measures continuously: every measurement is a new sample (a new last_date).
    let latency = 70;
    const measuring = setInterval(() => team.setAgent('2002', { network: { latencyMs: latency } }), 400);
    stop = async () => {
      clearInterval(measuring);
      await engine.stop();
      await sim.stop();
    };
    engine.start([wolkvoxConfig(sim.url)]);
    await waitFor('the team', () => engine.snapshot().agents.filter((a) => a.network?.latencyMs != null).length === 2);
    expect(engine.alerts.list('firing')).toEqual([]);

    latency = 450;
    const firing = await waitFor('the latency alert', () => engine.alerts.list('firing').find((a) => a.ruleId === 'agent.latency'), 8_000);
    expect(firing).toMatchObject({ id: 'agent.latency|wv:2002', severity: 'critical', state: 'firing', subject: { kind: 'agent', key: 'wv:2002' }, value: 450, threshold: 400 });
    await waitFor('the raise notification', () => notifier.sent.length >= 1, 4_000);
    expect(notifier.sent[0]!.kind).toBe('raise');
    expect(notifier.sent[0]!.body).toMatch(/Mateo Silva/);

    latency = 55;
    await waitFor('the recovery', () => engine.alerts.get('agent.latency|wv:2002')?.state === 'resolved', 8_000);
    await waitFor('the recovery notification', () => notifier.sent.length >= 2, 4_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:2002', 'recover:agent.latency|wv:2002']);
    expect(engine.alerts.list('firing')).toEqual([]);
  }, 30_000);
});
