/**
 * The real Axialys connector inside a real Engine against the simulator over real Socket.IO, for both
 * protocol generations, with `socketIo: auto` (the Engine.IO probe picks the client).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { frames } from '../../src/simulators/axialys/frames';
import { startPair, stopPair, waitFor, waitLive, type Pair } from './axialys-helpers';

let pair: Pair | null = null;
afterEach(async () => {
  await stopPair(pair);
  pair = null;
});

describe.each(['v2', 'v4'] as const)('Axialys over Socket.IO %s (auto-detected)', (version) => {
  it('detects the protocol, names everyone and shows live operator states with pause names and calls', async () => {
    pair = await startPair({ socketIo: version });
    const { sim, engine } = pair;
    await waitLive(pair);
    expect(pair.source()).toMatchObject({ mode: `Socket.IO ${version}`, lastError: null, info: expect.objectContaining({ socketIo: `${version} (detected)`, operators: 8 }) });
    expect(sim.counters.probes).toBe(1);
    expect(sim.inits).toEqual([expect.objectContaining({ role: 'supervisor', target: 4521, accepted: true })]);
    expect(engine.snapshot().queues.map((q) => q.name).sort()).toEqual(['Acheminement national', 'Facturation', 'Service client', 'Support technique']);

    sim.send(frames.ui('login', 1));
    sim.send(frames.ui('pause', 3, 2));
    sim.send(frames.ui('pause', 4, 'user1'));
    sim.send(frames.operatorStatus(8, 'connected', { idCall: -17137, idQueue: 391, number: '3363441111', durationSec: 20 }));
    sim.send(frames.operatorStatus(2, 'ringing', { idCall: 555, idQueue: 392, number: '33611223344', service: '33820620620' }));
    sim.send(frames.ui('logout', 6));
    const agent = (id: string) => engine.snapshot().agents.find((a) => a.vendorId === id)!;
    await waitFor('agent states', () => agent('6').state === 'logged_out');
    expect(agent('1')).toMatchObject({ name: 'Camille Martin', state: 'available', vendorState: 'login' });
    expect(agent('3')).toMatchObject({ name: 'Léa Dubois', state: 'paused', pauseReason: 'Formation' });
    expect(agent('4')).toMatchObject({ state: 'paused', pauseReason: 'user1' });
    expect(agent('8')).toMatchObject({ name: 'Enzo Durand', state: 'on_call', call: { id: '-17137', queueKey: 'ax:391', number: '3363441111' } });
    expect(Date.now() - agent('8').call!.since!).toBeGreaterThanOrEqual(19_000);
    expect(Date.now() - agent('8').stateSince!).toBeGreaterThanOrEqual(19_000);
    expect(agent('2')).toMatchObject({ state: 'ringing', call: { id: '555', queueKey: 'ax:392' }, extra: expect.objectContaining({ service: '33820620620' }) });

    sim.send(frames.operatorStatus(8, 'available', { catchup: 10 }));
    await waitFor('call ended', () => agent('8').state === 'available');
    expect(agent('8').call).toBeNull();
  });

  it('counts waiting calls per queue and trunk with the longest wait ticking', async () => {
    pair = await startPair({ socketIo: version });
    const { sim, engine } = pair;
    await waitLive(pair);
    const queue = (id: string) => engine.snapshot().queues.find((q) => q.vendorId === id)!;
    sim.send(frames.queueInsert(391, 26, '33761433333', 30));
    sim.send(frames.queueInsert(391, 27, '33761400000', 5));
    sim.send(frames.trunkInsert(346223, 269, '33783655555', 12));
    await waitFor('calls waiting', () => queue('391').waiting === 2 && queue('trunk-346223').waiting === 1);
    expect(queue('391')).toMatchObject({ name: 'Service client', kind: 'queue' });
    expect(queue('391').longestWaitSec).toBeGreaterThanOrEqual(30);
    expect(queue('trunk-346223')).toMatchObject({ name: 'Acheminement national', kind: 'trunk' });
    const first = queue('391').longestWaitSec!;
    await waitFor('longest wait ticking', () => queue('391').longestWaitSec! >= first + 1, 3000);

    sim.send(frames.queueConnect(391, 26, 2, '33761433333'));
    sim.send(frames.trunkConnect(346223, 269, '33783655555'));
    await waitFor('calls left', () => queue('391').waiting === 1 && queue('trunk-346223').waiting === 0);
    expect(queue('391').longestWaitSec).toBeLessThan(10);
    expect(engine.snapshot().agents.find((a) => a.vendorId === '2')).toMatchObject({ state: 'on_call', call: { id: '26', queueKey: 'ax:391' } });
    sim.send(frames.queueDelete(391, 27));
    await waitFor('queue empty', () => queue('391').waiting === 0);
  });

  it('raises Axialys queue alerts as critical alerts and logs incoming numbers and speech inputs', async () => {
    pair = await startPair({ socketIo: version });
    const { sim, engine } = pair;
    await waitLive(pair);
    sim.send(frames.queueAlert('alert_op', 391, 120));
    sim.send(frames.queueAlert('alert_file', 392, 300, 95));
    sim.send(frames.num('start', 3819, '33612345678', '33820620620'));
    sim.send(frames.asr(40090062, '92', 97));
    const alerts = await waitFor('vendor alerts', () => {
      const list = engine.alerts.list('all').filter((a) => a.metric.startsWith('vendor.'));
      return list.length === 2 ? list : null;
    });
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'vendor.alert_op', severity: 'critical', state: 'firing', subject: { kind: 'queue', key: 'ax:391' } }),
        expect.objectContaining({ metric: 'vendor.alert_file', severity: 'critical', state: 'firing', subject: { kind: 'queue', key: 'ax:392' } }),
      ]),
    );
    const log = await waitFor('log lines', () => {
      const l = engine.snapshot().log ?? [];
      return l.some((e) => e.kind === 'axialys.input') ? l : null;
    });
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'axialys.num', text: 'Incoming call from 33612345678 to 33820620620 (GROUPE), call 3819' }),
        expect.objectContaining({ kind: 'axialys.input', text: 'Speech input "92" (score 97) on call 40090062' }),
        expect.objectContaining({ kind: 'axialys.alert_op', level: 'warning', subjectKey: 'ax:391' }),
      ]),
    );
  });
});
